// Stage 4b: one job per clip, animating its approved image. Duration, fps and resolution are
// read back from the file with ffprobe, never copied from the request.
import path from "node:path";
import { z } from "zod";
import { db } from "../../db/client";
import { completeAsset, getAsset } from "../../db/queries/assets";
import type { Asset, Session } from "../../db/schema";
import { env } from "../../env";
import { type AspectRatio, outputSize } from "../../media/formats";
import { probe } from "../../media/probe";
import { providers } from "../../providers/registry";
import type { CallRecord, CameraMovement, ClipOutput } from "../../providers/types";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "../../storage";
import { attemptHooks } from "../attempt-hooks";
import { defineJob } from "../define-job";
import { recordCall } from "../ledger";
import { assetPredictionHooks, predictionToResume } from "../prediction-ids";
import { publishProgress } from "../progress";
import { enqueue, QUEUES } from "../queue";
import { watchCancellation, withWorkDir } from "../run-call";
import { metaOf } from "../session-meta";
import { settleClipStage } from "../settle";
import { assetToWorkOn } from "./asset-job";
import { handleAssetCallFailure } from "./call-failure";

export async function enqueueClipJobs(s: Session): Promise<void> {
  for (const id of metaOf(s.metadata).clipRunIds ?? []) {
    const a = await getAsset(id);
    if (a?.status === "generating")
      await enqueue(QUEUES.generateClip, { assetId: id }, `${id}:${s.retryCount ?? 0}`);
  }
}

export const generateClipJob = defineJob({
  name: QUEUES.generateClip,
  schema: z.object({ assetId: z.uuid() }),
  concurrency: () => env.VIDEO_CONCURRENCY,
  async handle({ assetId }, job) {
    const work = await assetToWorkOn(assetId, settleClipStage);
    if (!work) return;
    const { asset, s } = work;
    const p = providers();
    const ratio = s.aspectRatio as AspectRatio;
    const { width, height } = outputSize(ratio);
    const duration = Number(s.clipDurationSeconds ?? 3);
    const watch = watchCancellation(s.id, asset.id);
    const started = Date.now();
    let predictionId = predictionToResume(asset);
    const attempts = attemptHooks({
      s,
      assetId,
      category: "video_generation",
      provider: p.kind,
      model: p.models.video,
    });
    try {
      await withWorkDir(async (workDir) => {
        const image = asset.sourceImageId ? await getAsset(asset.sourceImageId) : undefined;
        if (!image?.storagePath) throw new Error("the source image of this clip is missing");
        const imagePath = path.join(workDir, `source${path.extname(image.storagePath)}`);
        await storage().download(image.storagePath, imagePath);
        const { output, call } = await p.video.generateClip(
          {
            imagePath,
            scenePrompt: asset.scenePrompt ?? "",
            cameraMovement: (asset.cameraMovement ?? "zoom_in") as CameraMovement,
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
            index: Number((asset.metadata as { index?: number }).index ?? 0),
            ...attempts.hooks,
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
        model: attempts.model(),
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
  const done = await db().transaction(async (tx) => {
    const row = await completeAsset(tx, assetId, {
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
    });
    if (row)
      await recordCall(
        { sessionId, assetId, category: "video_generation", call, success: true },
        tx,
      );
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
