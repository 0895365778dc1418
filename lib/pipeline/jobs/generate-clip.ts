// Stage 4b: one job per clip, animating its approved image. Duration, fps and resolution are
// read back from the file with ffprobe, never copied from the request.
import path from "node:path";
import { completeAsset, getAsset } from "../../db/queries/assets";
import { transaction } from "../../db/queries/tx";
import type { Asset } from "../../db/schema";
import { env } from "../../env";
import { outputSize } from "../../media/formats";
import { probe } from "../../media/probe";
import { providers } from "../../providers/registry";
import type { CallRecord, ClipOutput } from "../../providers/types";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "../../storage";
import { readAssetMeta } from "../asset-meta";
import { jobWorker } from "../define-job";
import { generateClipJob } from "../job-defs";
import { recordCall } from "../ledger";
import { assetPredictionHooks, predictionToResume } from "../prediction-ids";
import { publishProgress } from "../progress";
import { watchCancellation, withWorkDir } from "../run-call";
import { settleClipStage } from "../settle";
import { assetToWorkOn } from "./asset-job";
import { handleAssetCallFailure } from "./call-failure";

export const generateClipWorker = jobWorker({
  job: generateClipJob,
  concurrency: () => env.VIDEO_CONCURRENCY,
  async handle({ assetId }, job) {
    const work = await assetToWorkOn(assetId, settleClipStage);
    if (!work) return;
    const { asset, s } = work;
    const p = providers();
    const ratio = s.aspectRatio;
    const { width, height } = outputSize(ratio);
    const duration = Number(s.clipDurationSeconds ?? 3);
    const watch = watchCancellation(s.id, asset.id);
    const started = Date.now();
    let predictionId = predictionToResume(asset);
    try {
      await withWorkDir(async (workDir) => {
        const image = asset.sourceImageId ? await getAsset({ id: asset.sourceImageId }) : undefined;
        if (!image?.storagePath) throw new Error("the source image of this clip is missing");
        const imagePath = path.join(workDir, `source${path.extname(image.storagePath)}`);
        await storage().download(image.storagePath, imagePath);
        const { output, call } = await p.video.generateClip(
          {
            imagePath,
            scenePrompt: asset.scenePrompt ?? "",
            cameraMovement: asset.cameraMovement ?? "zoom_in",
            motionIntensity: Number(asset.motionIntensity ?? 0.5),
            durationSeconds: duration,
            aspectRatio: ratio,
            width,
            height,
            seed: asset.seed ?? 0,
          },
          {
            workDir,
            sessionId: s.id,
            assetId,
            signal: watch.signal,
            attempt: asset.retryCount,
            index: readAssetMeta(asset).index ?? 0,
            ...assetPredictionHooks(asset, {
              sessionId: s.id,
              category: "video_generation",
              model: p.models.video,
              onCreated: (id) => (predictionId = id),
            }),
          },
        );
        await saveClipResult(s.id, assetId, output, call);
      });
    } catch (err) {
      await handleAssetCallFailure(err, {
        job,
        signal: watch.signal,
        sessionId: s.id,
        assetId,
        category: "video_generation",
        provider: p.kind,
        model: p.models.video,
        started,
        predictionId,
        what: "A clip could not be made",
      });
    } finally {
      watch.stop();
      await settleClipStage(s.id);
    }
  },
});

/**
 * Stores a generated clip (facts read back with ffprobe) and completes its asset + cost row in
 * one conditional transaction: the job and the Replicate webhook both finish clips here.
 */
export async function saveClipResult(
  sessionId: string,
  assetId: string,
  output: ClipOutput,
  call: CallRecord,
): Promise<Asset | undefined> {
  const info = await probe(output.filePath);
  const key = mediaKey(sessionId, assetId, "mp4");
  const { size } = await storage().putFile(key, output.filePath, contentTypeFor("mp4"));
  const done = await transaction(async (tx) => {
    const row = await completeAsset({
      tx,
      id: assetId,
      facts: {
        url: mediaUrl(key),
        storagePath: key,
        fileSizeBytes: size,
        mimeType: "video/mp4",
        resolution: info.video ? `${info.video.width}x${info.video.height}` : undefined,
        durationSeconds: info.durationSeconds,
        fps: info.video?.fps,
        generationCost: call.amountUsd,
        generationTimeSeconds: call.latencyMs / 1000,
        modelVersion: call.modelVersion ?? call.model,
        predictionId: call.predictionId,
      },
    });
    if (row)
      await recordCall({
        tx,
        sessionId,
        assetId,
        category: "video_generation",
        call,
        success: true,
      });
    return row;
  });
  if (done)
    await publishProgress(
      sessionId,
      done.cameraMovement
        ? `Clip ready (${done.cameraMovement.replace("_", " ")}).`
        : "Clip ready.",
      done,
    );
  return done;
}
