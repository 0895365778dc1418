// The brand kit as the API shows it, and its changes: settings (PUT /api/brand), the logo's
// upload and removal (POST/DELETE /api/brand/logo) and serving the logo to its owner.
import { randomUUID } from "node:crypto";
import { type BrandChanges, getBrandKit, lockBrandKit, saveBrandKit } from "../db/queries/brand";
import { transaction } from "../db/queries/tx";
import type { BrandKit } from "../db/schema";
import { invalidInput, notFound } from "../errors";
import { logger } from "../logger";
import { assertUploadSlotLeft, takeUploadSlot } from "../quotas/enforce";
import { inspectImage, sniff } from "../sessions/inspect-image";
import type { MediaRequest } from "../sessions/serve-media";
import { mediaUrl, storage } from "../storage";
import type { BrandInput } from "./settings";
import { looksLikeSvg, rasteriseSvg } from "./svg";

export const MAX_LOGO_BYTES = 5 * 1024 * 1024;

export type BrandView = {
  logoUrl: string | null;
  colors: string[];
  textFont: BrandKit["textFont"];
  callToAction: string | null;
  voice: string | null;
  musicGenre: BrandKit["musicGenre"];
  captionStyle: BrandKit["captionStyle"];
};

export function brandView(kit: BrandKit | undefined): BrandView {
  return {
    logoUrl: kit?.logoKey ? mediaUrl(kit.logoKey) : null,
    colors: kit?.colors ?? [],
    textFont: kit?.textFont ?? null,
    callToAction: kit?.callToAction ?? null,
    voice: kit?.voice ?? null,
    musicGenre: kit?.musicGenre ?? null,
    captionStyle: kit?.captionStyle ?? null,
  };
}

export async function getBrand(userId: number): Promise<BrandView> {
  return brandView(await getBrandKit({ userId }));
}

export async function updateBrand(userId: number, input: BrandInput): Promise<BrandView> {
  const set: BrandChanges = {};
  for (const k of [
    "colors",
    "textFont",
    "callToAction",
    "voice",
    "musicGenre",
    "captionStyle",
  ] as const)
    if (input[k] !== undefined) Object.assign(set, { [k]: input[k] });
  // Nothing to change changes nothing (no row is made for an empty request).
  if (Object.keys(set).length === 0) return getBrand(userId);
  return brandView(await saveBrandKit({ userId, set }));
}

/** `brands/<user id>/<uuid>.<ext>`: where a logo lives; only its owner is served it. */
const BRAND_KEY = /^brands\/(\d{1,10})\/[0-9a-f-]{36}\.(png|jpg|webp)$/;

export const isBrandKey = (key: string) => key.startsWith("brands/");

/** What an uploaded logo is, by its bytes: PNG, JPEG or WebP as sent, SVG rasterised to PNG. */
export async function inspectLogo(
  bytes: Buffer,
): Promise<{ bytes: Buffer; ext: "png" | "jpg" | "webp"; mimeType: string }> {
  if (bytes.length === 0) throw invalidInput([{ path: "file", message: "The file is empty." }]);
  if (sniff(bytes)) {
    const image = await inspectImage(bytes);
    return { bytes: image.bytes, ext: image.kind, mimeType: image.mimeType };
  }
  if (looksLikeSvg(bytes)) {
    const { png } = await rasteriseSvg(bytes);
    return { bytes: png, ext: "png", mimeType: "image/png" };
  }
  throw invalidInput([
    { path: "file", message: "This file is not a PNG, JPEG, WebP or SVG image." },
  ]);
}

/** Stores a new logo and makes it the kit's; the previous one is removed. */
export async function uploadLogo(
  userId: number,
  readFile: () => Promise<{ bytes: Buffer }>,
): Promise<BrandView> {
  // At the hourly upload limit the file is not even read (no decoding work); the slot is
  // taken with the kit's change, so a refused logo changes nothing.
  await assertUploadSlotLeft({ userId });
  const logo = await inspectLogo((await readFile()).bytes);
  const key = `brands/${userId}/${randomUUID()}.${logo.ext}`;
  await storage().putBuffer(key, logo.bytes, logo.mimeType);
  let previous: string | null = null;
  try {
    const kit = await transaction(async (tx) => {
      await takeUploadSlot({ tx, userId });
      previous = (await lockBrandKit({ tx, userId })).logoKey;
      return saveBrandKit({ tx, userId, set: { logoKey: key } });
    });
    await removeStored(previous);
    return brandView(kit);
  } catch (err) {
    await removeStored(key); // no row points at it
    throw err;
  }
}

export async function deleteLogo(userId: number): Promise<BrandView> {
  const current = await getBrandKit({ userId });
  if (!current?.logoKey) return brandView(current); // already none: nothing changes
  let previous: string | null = null;
  const kit = await transaction(async (tx) => {
    previous = (await lockBrandKit({ tx, userId })).logoKey;
    return saveBrandKit({ tx, userId, set: { logoKey: null } });
  });
  await removeStored(previous);
  return brandView(kit);
}

async function removeStored(key: string | null) {
  if (!key) return;
  await storage()
    .delete(key)
    .catch((err) => logger.warn("old logo not removed", { key, error: String(err) }));
}

/** The logo to its owner while it is the kit's current one; anything else is a 404. */
export async function serveBrandLogo({ userId, key, req }: MediaRequest): Promise<Response> {
  const m = BRAND_KEY.exec(key);
  if (!m || Number(m[1]) !== userId) throw notFound("That file");
  const kit = await getBrandKit({ userId });
  if (kit?.logoKey !== key) throw notFound("That file");
  return storage().respond(key, req);
}

/** GET /api/brand/logo: the kit's current logo, whatever its key; 404 without one. */
export async function serveCurrentLogo(userId: number, req: Request): Promise<Response> {
  const key = (await getBrandKit({ userId }))?.logoKey;
  if (!key) throw notFound("A logo");
  return storage().respond(key, req);
}
