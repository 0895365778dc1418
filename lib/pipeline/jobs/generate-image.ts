// Stage 2: one job per image. The asset row already exists (status generating); the file
// goes to storage, then asset + cost row are written in one transaction, conditional on the
// asset still generating, so a duplicate run or a cancel never double-counts.
import path from "node:path";
import { completeAsset, getAsset } from "../../db/queries/assets";
import { transaction } from "../../db/queries/tx";
import type { Asset } from "../../db/schema";
import { env } from "../../env";
import { outputSize } from "../../media/formats";
import { providers } from "../../providers/registry";
import type { CallRecord, ImageOutput } from "../../providers/types";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "../../storage";
import { readAssetMeta } from "../asset-meta";
import { jobWorker } from "../define-job";
import { generateImageJob } from "../job-defs";
import { recordCall } from "../ledger";
import { assetPredictionHooks, predictionToResume } from "../prediction-ids";
import { publishProgress } from "../progress";
import { watchCancellation, withWorkDir } from "../run-call";
import { readMeta } from "../session-meta";
import { settleImageStage } from "../settle";
import { assetToWorkOn } from "./asset-job";
import { handleAssetCallFailure } from "./call-failure";

export const generateImageWorker = jobWorker({
  job: generateImageJob,
  concurrency: () => env.IMAGE_CONCURRENCY,
  async handle({ assetId }, job) {
    const work = await assetToWorkOn(assetId, settleImageStage);
    if (!work) return;
    const { asset, s } = work;
    const p = providers();
    const meta = readMeta(s);
    const ratio = s.aspectRatio;
    const { width, height } = outputSize(ratio);
    const watch = watchCancellation(s.id, asset.id);
    const started = Date.now();
    let predictionId = predictionToResume(asset);
    try {
      await withWorkDir(async (workDir) => {
        let productPhotoPath: string | undefined;
        if (meta.productPhotoAssetId) {
          const photo = await getAsset({ id: meta.productPhotoAssetId });
          if (photo?.storagePath) {
            productPhotoPath = path.join(workDir, `product${path.extname(photo.storagePath)}`);
            await storage().download(photo.storagePath, productPhotoPath);
          }
        }
        const { output, call } = await p.image.generateImage(
          {
            prompt: asset.generationPrompt ?? s.userProductPrompt ?? "",
            negativePrompt: asset.negativePrompt ?? "",
            view: asset.viewType ?? "front",
            seed: asset.seed ?? s.consistencySeed ?? 0,
            guidanceScale: Number(asset.guidanceScale ?? 7.5),
            productPrompt: s.userProductPrompt ?? "",
            category: s.productCategory ?? "other",
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
            index: readAssetMeta(asset).index ?? 0,
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
        model: p.models.image,
        started,
        predictionId,
        what: "An image could not be made",
      });
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
  const done = await transaction(async (tx) => {
    const row = await completeAsset({
      tx,
      id: assetId,
      facts: {
        url: mediaUrl(key),
        storagePath: key,
        fileSizeBytes: size,
        mimeType: contentTypeFor(ext),
        resolution: `${output.width}x${output.height}`,
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
        category: "image_generation",
        call,
        success: true,
      });
    return row;
  });
  if (done)
    await publishProgress(
      sessionId,
      done.viewType ? `Image ready (${done.viewType}).` : "Image ready.",
      done,
    );
  return done;
}
