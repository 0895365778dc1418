// Stage 2: one job per image. The asset row already exists (status generating); the image is
// made with the session's plan (and the user's product photo, when there is one) and saved
// (./save-output.ts). Cancellation, retries and the stage's settling are the runner's
// (./asset-job.ts). Without a product photo, the hero (first image) runs alone first and the
// other views are made from its file (./hero-image.ts).
import path from "node:path";
import { getAsset } from "../../db/queries/assets";
import { getLiveSession } from "../../db/queries/sessions";
import type { Asset } from "../../db/schema";
import { env } from "../../env";
import { outputSize } from "../../media/formats";
import type { CallRecord, ImageOutput } from "../../providers/types";
import { storage } from "../../storage";
import { generateImageJob } from "../job-defs";
import { readMeta } from "../session-meta";
import { settleImageStage } from "../settle";
import { startImages } from "../start-stage";
import { assetJobWorker } from "./asset-job";
import { heroIdOf, heroStoragePath } from "./hero-image";
import { saveAssetOutput } from "./save-output";

export const generateImageWorker = assetJobWorker({
  job: generateImageJob,
  concurrency: () => env.IMAGE_CONCURRENCY,
  category: "image_generation",
  model: (p) => p.models.image,
  what: "An image could not be made",
  settle: settleImageStage,
  // Also when it failed for good: the other views then fail with it.
  after: (s, assetId) => afterHero(s.id, assetId),
  async make({ asset, s, p, ctx }) {
    const meta = readMeta(s);
    let productPhotoPath: string | undefined;
    if (meta.productPhotoAssetId) {
      const photo = await getAsset({ id: meta.productPhotoAssetId });
      if (photo?.storagePath) {
        productPhotoPath = path.join(ctx.workDir, `product${path.extname(photo.storagePath)}`);
        await storage().download(photo.storagePath, productPhotoPath);
      }
    }
    const hero = productPhotoPath ? undefined : await heroStoragePath(s, asset.id);
    const heroImagePath = hero ? path.join(ctx.workDir, `hero${path.extname(hero)}`) : undefined;
    if (hero && heroImagePath) await storage().download(hero, heroImagePath);
    const { width, height } = outputSize(s.aspectRatio);
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
        heroImagePath,
        aspectRatio: s.aspectRatio,
        width,
        height,
      },
      ctx,
    );
    await saveImageResult(s.id, asset.id, output, call);
  },
});

/** Stores a generated image and completes its asset (the job's and the webhook's way). */
export async function saveImageResult(
  sessionId: string,
  assetId: string,
  output: ImageOutput,
  call: CallRecord,
): Promise<Asset | undefined> {
  const done = await saveAssetOutput({
    sessionId,
    assetId,
    category: "image_generation",
    call,
    filePath: output.filePath,
    ext:
      output.mimeType === "image/jpeg" ? "jpg" : output.mimeType === "image/webp" ? "webp" : "png",
    facts: { resolution: `${output.width}x${output.height}` },
    message: (done) => (done.viewType ? `Image ready (${done.viewType}).` : "Image ready."),
  });
  // Also when a webhook finished the hero: its job may be gone.
  if (done) await afterHero(sessionId, assetId);
  return done;
}

/** The hero done (or failed for good): the other views start (or fail with it). */
async function afterHero(sessionId: string, assetId: string): Promise<void> {
  const now = await getLiveSession({ id: sessionId });
  if (now && assetId === heroIdOf(now)) await startImages(now);
}
