// Without an uploaded product photo, a reference-taking image model (Replicate) makes the
// first image of the ad — the hero — from the prompt, and every other view from the hero, so
// the product stays the same across shots. So the hero runs alone first; its completion starts
// the others; a hero that fails for good fails them too, with a message that says why (they
// cannot be made without it) and what to do. Offline, and with a photo, all start at once.
import { failAsset, getAsset } from "../../db/queries/assets";
import type { Asset, Session } from "../../db/schema";
import { providers } from "../../providers/registry";
import { publishProgress } from "../progress";
import { readMeta } from "../session-meta";

/** The hero's asset id when this session's images are made from a hero, else undefined. */
export function heroIdOf(s: Session): string | undefined {
  if (!providers().image.wantsHero || readMeta(s).productPhotoAssetId) return undefined;
  return s.generatedImageIds?.[0];
}

/** The generating images that may start now (all of them unless they wait for the hero). */
export async function imagesToStart(s: Session): Promise<string[]> {
  const ids = s.generatedImageIds ?? [];
  const heroId = heroIdOf(s);
  const hero = heroId ? await getAsset({ id: heroId }) : undefined;
  const waiting: Asset[] = [];
  for (const id of ids) {
    const a = await getAsset({ id });
    if (a?.status === "generating") waiting.push(a);
  }
  if (!hero || hero.storagePath) return waiting.map((a) => a.id);
  if (hero.status === "generating") return [hero.id];
  // The hero failed for good: nothing else can be made from it.
  const reason = hero.errorMessage ? ` (${hero.errorMessage.replace(/\.$/, "")})` : "";
  for (const a of waiting) {
    const failed = await failAsset({
      id: a.id,
      message: `The first shot, which every other view copies the product from, could not be made${reason}. Retry to make the images again.`,
    });
    if (failed)
      await publishProgress(s.id, failed.errorMessage ?? "An image could not be made.", failed);
  }
  return [];
}

/** The hero's file in storage, for the other views' reference; undefined for the hero itself. */
export async function heroStoragePath(s: Session, assetId: string): Promise<string | undefined> {
  const heroId = heroIdOf(s);
  if (!heroId || heroId === assetId) return undefined;
  return (await getAsset({ id: heroId }))?.storagePath ?? undefined;
}
