// Stage 2: one job per image. The asset row already exists (status generating); the file
// goes to storage, then asset + cost row are written in one transaction, conditional on the
// asset still generating, so a duplicate run or a cancel never double-counts.
import path from "node:path";
import { z } from "zod";
import { db } from "../../db/client";
import { completeAsset, getAsset } from "../../db/queries/assets";
import { getLiveSession } from "../../db/queries/session-by-id";
import type { Asset, Session } from "../../db/schema";
import { env } from "../../env";
import { type AspectRatio, outputSize } from "../../media/formats";
import { providers } from "../../providers/registry";
import type { CallRecord, ImageOutput, ProductCategory, View } from "../../providers/types";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "../../storage";
import { attemptHooks } from "../attempt-hooks";
import { defineJob } from "../define-job";
import { recordCall } from "../ledger";
import { assetPredictionHooks, predictionToResume } from "../prediction-ids";
import { publishProgress } from "../progress";
import { enqueue, QUEUES } from "../queue";
import { watchCancellation, withWorkDir } from "../run-call";
import { metaOf } from "../session-meta";
import { settleImageStage } from "../settle";
import { assetToWorkOn } from "./asset-job";
import { handleAssetCallFailure } from "./call-failure";
import { heroIdOf, heroStoragePath, imagesToStart } from "./hero-image";

/** Enqueues every still-generating image of the session (the hero first, ./hero-image.ts); safe to call again. */
export async function enqueueImageJobs(s: Session): Promise<void> {
  for (const id of await imagesToStart(s))
    await enqueue(QUEUES.generateImage, { assetId: id }, `${id}:${s.retryCount ?? 0}`);
}

export const generateImageJob = defineJob({
  name: QUEUES.generateImage,
  schema: z.object({ assetId: z.uuid() }),
  concurrency: () => env.IMAGE_CONCURRENCY,
  async handle({ assetId }, job) {
    const work = await assetToWorkOn(assetId, settleImageStage);
    if (!work) return;
    const { asset, s } = work;
    const p = providers();
    const meta = metaOf(s.metadata);
    const ratio = s.aspectRatio as AspectRatio;
    const { width, height } = outputSize(ratio);
    const watch = watchCancellation(s.id, asset.id);
    const started = Date.now();
    let predictionId = predictionToResume(asset);
    const attempts = attemptHooks({
      s,
      assetId,
      category: "image_generation",
      provider: p.kind,
      model: p.models.image,
    });
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
        const hero = productPhotoPath ? undefined : await heroStoragePath(s, asset.id);
        const heroImagePath = hero ? path.join(workDir, `hero${path.extname(hero)}`) : undefined;
        if (hero && heroImagePath) await storage().download(hero, heroImagePath);
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
            heroImagePath,
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
            ...attempts.hooks,
            ...assetPredictionHooks(asset, {
              sessionId: s.id,
              category: "image_generation",
              model: p.models.image,
              onCreated: (id) => (predictionId = id),
            }),
          },
        );
        await saveImageResult(s.id, assetId, output, call);
      });
    } catch (err) {
      await handleAssetCallFailure(err, {
        job,
        signal: watch.signal,
        sessionId: s.id,
        assetId,
        category: "image_generation",
        provider: p.kind,
        model: attempts.model(),
        started,
        predictionId,
        what: "An image could not be made",
      });
    } finally {
      watch.stop();
      await afterHero(s, asset.id);
      await settleImageStage(s.id);
    }
  },
});

/** The hero done (or failed for good): the other views start (or fail with it). */
async function afterHero(s: Pick<Session, "id">, assetId: string): Promise<void> {
  const now = await getLiveSession(s.id);
  if (now && assetId === heroIdOf(now)) await enqueueImageJobs(now);
}

/**
 * Stores a generated image and completes its asset + cost row in one transaction, conditional
 * on the asset still generating: the job and the Replicate webhook both finish images here,
 * and whichever comes second changes nothing.
 */
export async function saveImageResult(
  sessionId: string,
  assetId: string,
  output: ImageOutput,
  call: CallRecord,
): Promise<Asset | undefined> {
  const ext =
    output.mimeType === "image/jpeg" ? "jpg" : output.mimeType === "image/webp" ? "webp" : "png";
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
    if (row)
      await recordCall(
        { sessionId, assetId, category: "image_generation", call, success: true },
        tx,
      );
    return row;
  });
  if (done) {
    await publishProgress(
      sessionId,
      done.viewType ? `Image ready (${done.viewType}).` : "Image ready.",
      done,
    );
    // Also when a webhook finished the hero: its job may be gone.
    await afterHero({ id: sessionId }, assetId);
  }
  return done;
}
