// Stage 4b: one job per clip, animating its approved image. Duration, fps and resolution are
// read back from the file with ffprobe, never copied from the request. Cancellation, retries
// and the stage's settling are the runner's (./asset-job.ts).
import path from "node:path";
import { getAsset } from "../../db/queries/assets";
import type { Asset } from "../../db/schema";
import { env } from "../../env";
import { binaries } from "../../media/binaries";
import { inspectClip } from "../../media/clip-info";
import { FPS, outputSize } from "../../media/formats";
import { probe } from "../../media/probe";
import type { CallRecord, ClipOutput } from "../../providers/types";
import { storage } from "../../storage";
import { generateClipJob } from "../job-defs";
import { settleClipStage } from "../settle";
import { assetJobWorker } from "./asset-job";
import { saveAssetOutput } from "./save-output";

export const generateClipWorker = assetJobWorker({
  job: generateClipJob,
  concurrency: () => env.VIDEO_CONCURRENCY,
  category: "video_generation",
  model: (p) => p.models.video,
  what: "A clip could not be made",
  settle: settleClipStage,
  async make({ asset, s, p, ctx }) {
    const image = asset.sourceImageId ? await getAsset({ id: asset.sourceImageId }) : undefined;
    if (!image?.storagePath) throw new Error("the source image of this clip is missing");
    const imagePath = path.join(ctx.workDir, `source${path.extname(image.storagePath)}`);
    await storage().download(image.storagePath, imagePath);
    const { width, height } = outputSize(s.aspectRatio);
    const { output, call } = await p.video.generateClip(
      {
        imagePath,
        scenePrompt: asset.scenePrompt ?? "",
        cameraMovement: asset.cameraMovement ?? "zoom_in",
        motionIntensity: Number(asset.motionIntensity ?? 0.5),
        durationSeconds: Number(s.clipDurationSeconds ?? 3),
        aspectRatio: s.aspectRatio,
        width,
        height,
        seed: asset.seed ?? 0,
      },
      ctx,
    );
    await saveClipResult(s.id, asset.id, output, call);
  },
});

/** Stores a generated clip (facts read back with ffprobe) and completes its asset (job and webhook). */
export async function saveClipResult(
  sessionId: string,
  assetId: string,
  output: ClipOutput,
  call: CallRecord,
): Promise<Asset | undefined> {
  const facts = await clipFacts(output.filePath);
  return saveAssetOutput({
    sessionId,
    assetId,
    category: "video_generation",
    call,
    filePath: output.filePath,
    ext: "mp4",
    facts,
    message: (done) =>
      done.cameraMovement
        ? `Clip ready (${done.cameraMovement.replace("_", " ")}).`
        : "Clip ready.",
  });
}

/**
 * Size, length and frame rate of a clip file. A clip in the shared encoding was inspected
 * moments ago (conforming a model's clip, or the local studio's check) and that inspection is
 * cached in this process, so it costs no process; any other clip is asked of ffprobe. Each
 * ffprobe of a dynamically linked system build costs ~85 ms of CPU to start, which with 50
 * clips finishing together was a third of the clip stage (#12).
 */
async function clipFacts(file: string) {
  const clip = await inspectClip(file, binaries().ffprobe).catch(() => undefined);
  if (clip && !clip.notShared)
    return {
      resolution: `${clip.width}x${clip.height}`,
      durationSeconds: clip.durationSeconds,
      fps: FPS,
    };
  const info = await probe(file);
  return {
    resolution: info.video ? `${info.video.width}x${info.video.height}` : undefined,
    durationSeconds: info.durationSeconds,
    fps: info.video?.fps,
  };
}
