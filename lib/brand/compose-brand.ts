// The brand part of a compose's spec: the account's colours and logo (as they are now), the
// ad's corner-mark choice, and the product picture for the end card — the uploaded photo,
// else the first approved image (the one the marketer put first on the mood board).
import path from "node:path";
import { listSessionAssetsByIds } from "../db/queries/assets";
import { getBrandKit } from "../db/queries/brand";
import type { Session } from "../db/schema";
import { logger } from "../logger";
import type { CompositionSpecInput } from "../media/composition-spec";
import { readMeta } from "../pipeline/session-meta";
import { storage } from "../storage";
import { extensionOf } from "../storage/keys";

export type SpecBrand = NonNullable<CompositionSpecInput["brand"]>;

export async function composeBrand(s: Session, workDir: string): Promise<SpecBrand> {
  const meta = readMeta(s);
  const kit = await getBrandKit({ userId: s.userId });
  const ids = [
    ...(meta.productPhotoAssetId ? [meta.productPhotoAssetId] : []),
    ...(s.approvedImageIds ?? []),
  ];
  const byId = new Map(
    (await listSessionAssetsByIds({ sessionId: s.id, ids })).map((a) => [a.id, a]),
  );
  const picture = ids
    .map((id) => byId.get(id))
    .find((a) => a?.type === "image" && a.storagePath && a.status !== "failed");
  const [logoPath, productImagePath] = await Promise.all([
    fetchFile(kit?.logoKey, path.join(workDir, "brand-logo")),
    fetchFile(picture?.storagePath, path.join(workDir, "end-card-product")),
  ]);
  return {
    colors: kit?.colors ?? [],
    logoPath,
    cornerLogo: !!(logoPath && meta.compose?.logo),
    productImagePath,
  };
}

/** The stored file as a local one; a file gone meanwhile leaves the card without it. */
async function fetchFile(
  key: string | null | undefined,
  stem: string,
): Promise<string | undefined> {
  if (!key) return undefined;
  const dest = `${stem}.${extensionOf(key) || "img"}`;
  try {
    await storage().download(key, dest);
    return dest;
  } catch (err) {
    logger.warn("brand picture not available for the end card", { key, error: String(err) });
    return undefined;
  }
}
