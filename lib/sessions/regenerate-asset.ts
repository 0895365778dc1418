import { randomInt } from "node:crypto";
import { z } from "zod";
import { characterCount } from "../characters";
import { getOwnAsset, getTakeInProgress, insertAssets, type NewAsset } from "../db/queries/assets";
import { appendGeneratedAssetId } from "../db/queries/sessions";
import { transaction } from "../db/queries/tx";
import type { Asset } from "../db/schema";
import { invalidInput, invalidState, notFound } from "../errors";
import { readAssetMeta } from "../pipeline/asset-meta";
import { publishProgress } from "../pipeline/progress";
import { startTake } from "../pipeline/start-stage";
import { providers } from "../providers/registry";
import { takeRegenerationQuota } from "../quotas/enforce";
import { assertWithinBudget, estimateRegeneration } from "./estimate";
import { lockSession } from "./load";
import { assetView } from "./session-view";
import { clipsReady, imagesReady } from "./stage-rules";
import { statusText } from "./stage-state";

export const regenerateBody = z.strictObject({
  /** "same": the asset's seed again (with an edited prompt); "new" (default): a fresh take. */
  seed: z.enum(["same", "new"], { error: 'seed is "same" or "new".' }).default("new"),
  /** An image's generation prompt, or a clip's scene prompt. */
  prompt: z
    .string()
    .trim()
    .min(1, "The prompt cannot be empty.")
    .refine((s) => characterCount(s) <= 1000, "Keep the prompt to 1000 characters or fewer.")
    .optional(),
});

/**
 * A new take of one image or clip, made by the same job as the stage's (202). The old asset
 * stays as it is; the new one records `replaces` in its metadata so the UI can show them side
 * by side, and approving it is a normal approval. The session's status does not change and
 * no stage is settled by it. A repeat while a take of the same asset is generating returns
 * that take instead of starting another.
 */
export async function regenerateAsset({
  userId,
  assetId,
  seed,
  prompt,
}: { userId: number; assetId: string } & z.infer<typeof regenerateBody>) {
  const old = await getOwnAsset({ id: assetId, userId });
  if (!old) throw notFound("That image or clip");
  if (old.type !== "image" && old.type !== "video_clip")
    throw invalidState("Only images and clips can be regenerated.");
  if (old.source === "user-upload")
    throw invalidState("This is your uploaded product photo; it cannot be regenerated.");
  if (old.type === "video_clip" && prompt && characterCount(prompt) > 300) {
    throw invalidInput([
      { path: "prompt", message: "Keep a clip's scene prompt to 300 characters or fewer." },
    ]);
  }
  if (old.status === "generating")
    throw invalidState(
      `This ${old.type === "image" ? "image" : "clip"} is still being made; wait for it to finish.`,
    );

  const { asset, started } = await transaction(async (tx) => {
    const s = await lockSession(tx, { userId, id: old.sessionId });
    const ready = old.type === "image" ? imagesReady(s) : clipsReady(s);
    if (!ready || s.status === "failed" || s.status === "cancelled") {
      const noun = old.type === "image" ? "image" : "clip";
      throw invalidState(
        s.status === "failed" || s.status === "cancelled"
          ? `This ad is ${statusText(s)}: retry it first, then make this ${noun} again.`
          : `A single ${noun} can be made again once the ${noun}s are ready and nothing else is being made; this ad is ${statusText(s)}.`,
      );
    }
    const pending = await getTakeInProgress({ tx, sessionId: s.id, replaces: old.id });
    if (pending) return { asset: pending, started: false };
    await takeRegenerationQuota({ tx, userId, sessionId: s.id });
    assertWithinBudget(s, estimateRegeneration(s, old.type as "image" | "video_clip"));
    const [row] = await insertAssets({ tx, values: [newTake(old, seed, prompt)] });
    await appendGeneratedAssetId({
      tx,
      id: s.id,
      type: old.type === "image" ? "image" : "video_clip",
      assetId: row.id,
    });
    return { asset: row, started: true };
  });
  if (started) {
    await startTake(asset);
    await publishProgress(
      asset.sessionId,
      `Making ${asset.type === "image" ? `the ${asset.viewType ? `${asset.viewType} ` : ""}image` : "a clip"} again…`,
      asset,
    );
  }
  return assetView(asset);
}

/** The new row: the same shot or scene, with a fresh seed and/or an edited prompt. */
function newTake(old: Asset, seed: "same" | "new", prompt: string | undefined): NewAsset {
  const source = old.type === "image" ? providers().sources.image : providers().sources.video;
  const { index, stage, run } = readAssetMeta(old);
  return {
    sessionId: old.sessionId,
    type: old.type,
    source,
    status: "generating",
    url: "",
    viewType: old.viewType,
    seed: seed === "same" ? old.seed : randomInt(1, 2_147_483_647),
    guidanceScale: old.guidanceScale,
    generationPrompt:
      old.type === "image" ? (prompt ?? old.generationPrompt) : old.generationPrompt,
    negativePrompt: old.negativePrompt,
    sourceImageId: old.sourceImageId,
    scenePrompt: old.type === "video_clip" ? (prompt ?? old.scenePrompt) : old.scenePrompt,
    cameraMovement: old.cameraMovement,
    motionIntensity: old.motionIntensity,
    metadata: {
      index,
      stage,
      run,
      replaces: old.id,
      seedChoice: seed,
      ...(prompt ? { editedPrompt: true } : {}),
    },
  };
}
