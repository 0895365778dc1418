// Stage 2: one job per image. The asset row already exists (status generating); the file
// goes to storage, then asset + cost row are written in one transaction, conditional on the
// asset still generating, so a duplicate run or a cancel never double-counts.
import path from "node:path";
import { z } from "zod";
import { db } from "../../db/client";
import type { Asset, Session } from "../../db/schema";
import { completeAsset, failAsset, getAsset, noteAttemptFailed } from "../../db/queries/assets";
import { getLiveSession } from "../../db/queries/session-by-id";
import { env } from "../../env";
import { outputSize, type AspectRatio } from "../../media/formats";
import { providers } from "../../providers/registry";
import type { CallRecord, ImageOutput, ProductCategory, View } from "../../providers/types";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "../../storage";
import { defineJob } from "../define-job";
import { recordAbandonedCall, recordCall } from "../ledger";
import { publishProgress } from "../progress";
import { enqueue, QUEUES } from "../queue";
import { carryPredictionForward, intentToResume, predictionTaken, predictionToResume, rememberAssetIntent, rememberAssetPrediction } from "../prediction-ids";
import { classify, shouldRetry, watchCancellation, withWorkDir } from "../run-call";
import { metaOf } from "../session-meta";
import { settleImageStage } from "../settle";

/** Enqueues every still-generating image of the session; safe to call again. */
export async function enqueueImageJobs(s: Session): Promise<void> {
  for (const id of s.generatedImageIds ?? []) {
    const a = await getAsset(id);
    if (a?.status === "generating") await enqueue(QUEUES.generateImage, { assetId: id }, `${id}:${s.retryCount ?? 0}`);
  }
}

export const generateImageJob = defineJob({
  name: QUEUES.generateImage,
  schema: z.object({ assetId: z.uuid() }),
  concurrency: () => env.IMAGE_CONCURRENCY,
  async handle({ assetId }, job) {
    const asset = await getAsset(assetId);
    if (!asset) return;
    // Finished elsewhere (a run that expired but lived on, a webhook, a crash after saving):
    // the stage may still be waiting for this asset's news, so settle it.
    if (asset.status !== "generating") return settleImageStage(asset.sessionId);
    const s = await getLiveSession(asset.sessionId);
    if (!s || s.status === "cancelled") return;
    const p = providers();
    const meta = metaOf(s.metadata);
    const ratio = s.aspectRatio as AspectRatio;
    const { width, height } = outputSize(ratio);
    const watch = watchCancellation(s.id, asset.id);
    const started = Date.now();
    let predictionId = predictionToResume(asset);
    try {
      await withWorkDir(async (workDir) => {
        let productPhotoPath: string | undefined;
        if (meta.productPhotoAssetId) {
          const photo = await getAsset(meta.productPhotoAssetId);
          if (photo?.storagePath) {
            productPhotoPath = path.join(workDir, `product${path.extname(photo.storagePath)}`);
            await storage().download(photo.storagePath, productPhotoPath);
          }
        }
        const { output, call } = await p.image.generateImage(
          {
            prompt: asset.generationPrompt ?? s.userProductPrompt ?? "",
            negativePrompt: asset.negativePrompt ?? "",
            view: (asset.viewType ?? "front") as View,
            seed: asset.seed ?? s.consistencySeed ?? 0,
            guidanceScale: Number(asset.guidanceScale ?? 7.5),
            productPrompt: s.userProductPrompt ?? "",
            category: (s.productCategory ?? "other") as ProductCategory,
            styleKeywords: s.styleKeywords ?? [],
            palette: meta.parse?.palette ?? [],
            productPhotoPath,
            aspectRatio: ratio,
            width,
            height,
          },
          {
            workDir,
            sessionId: s.id,
            assetId,
            signal: watch.signal,
            attempt: asset.retryCount,
            index: Number((asset.metadata as { index?: number }).index ?? 0),
            existingPredictionId: predictionId,
            pendingIntent: intentToResume(asset),
            onPredictionIntent: (intent) => rememberAssetIntent(assetId, asset.retryCount, intent),
            isPredictionTaken: (id) => predictionTaken(id, assetId),
            onAbandonedPrediction: (lost) => recordAbandonedCall({ sessionId: s.id, assetId, category: "image_generation", model: p.models.image, prediction: lost }),
            onPredictionCreated: async (id) => {
              predictionId = id;
              await rememberAssetPrediction(assetId, id, asset.retryCount);
            },
          },
        );
        await saveImageResult(s.id, assetId, output, call);
      });
    } catch (err) {
      if (await finishedElsewhere(assetId)) return; // e.g. the Replicate webhook completed it
      const e = classify(err);
      await recordCall({
        sessionId: s.id,
        assetId,
        category: "image_generation",
        call: { amountUsd: 0, provider: p.kind, model: p.models.image, latencyMs: Date.now() - started, predictionId },
        success: false,
        errorMessage: e.message,
      });
      if (shouldRetry(e, job, watch.signal)) {
        await noteAttemptFailed(assetId, e.message);
        await carryPredictionForward(assetId);
        throw e;
      }
      const failed = await failAsset(assetId, watch.signal.aborted ? "Cancelled." : e.message);
      if (failed) await publishProgress(s.id, `An image could not be made: ${e.message}`, failed);
    } finally {
      watch.stop();
      await settleImageStage(s.id);
    }
  },
});

/**
 * Stores a generated image and completes its asset + cost row in one transaction, conditional
 * on the asset still generating: the job and the Replicate webhook both finish images here,
 * and whichever comes second changes nothing.
 */
export async function saveImageResult(sessionId: string, assetId: string, output: ImageOutput, call: CallRecord): Promise<Asset | undefined> {
  const ext = output.mimeType === "image/jpeg" ? "jpg" : output.mimeType === "image/webp" ? "webp" : "png";
  const key = mediaKey(sessionId, assetId, ext);
  const { size } = await storage().putFile(key, output.filePath, contentTypeFor(ext));
  const done = await db().transaction(async (tx) => {
    const row = await completeAsset(tx, assetId, {
      url: mediaUrl(key),
      storagePath: key,
      fileSizeBytes: size,
      mimeType: contentTypeFor(ext),
      resolution: `${output.width}x${output.height}`,
      generationCost: call.amountUsd,
      generationTimeSeconds: call.latencyMs / 1000,
      modelVersion: call.modelVersion ?? call.model,
      predictionId: call.predictionId,
    });
    if (row) await recordCall({ sessionId, assetId, category: "image_generation", call, success: true }, tx);
    return row;
  });
  if (done) await publishProgress(sessionId, done.viewType ? `Image ready (${done.viewType}).` : "Image ready.", done);
  return done;
}

/** Someone else (the webhook, a parallel run) finished this asset: nothing failed here. */
export async function finishedElsewhere(assetId: string): Promise<boolean> {
  const now = await getAsset(assetId);
  return now !== undefined && ["completed", "approved", "rejected"].includes(now.status);
}
