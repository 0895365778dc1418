import { randomUUID } from "node:crypto";
import { insertAssets, softDeleteAsset } from "../db/queries/assets";
import { updateSession } from "../db/queries/sessions";
import { transaction } from "../db/queries/tx";
import type { Session } from "../db/schema";
import { invalidState } from "../errors";
import { readMeta, withMeta } from "../pipeline/session-meta";
import { assertUploadSlotLeft, takeUploadQuota } from "../quotas/enforce";
import { mediaKey, mediaUrl, storage } from "../storage";
import { inspectImage } from "./inspect-image";
import { lockSession, requireOwnSession, type SessionRef } from "./load";
import { assetView } from "./session-view";
import { statusText } from "./stage-state";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** A photo can be set until images are generated from it (a new upload replaces the last). */
function canUpload(s: Session): boolean {
  if (s.status === "created") return true;
  return (
    (s.status === "failed" || s.status === "cancelled") && (s.generatedImageIds ?? []).length === 0
  );
}

const refuse = (s: Session) =>
  invalidState(
    `A product photo can be added before the images are generated; this ad is ${statusText(s)}. Start a new ad to use another photo.`,
  );

/**
 * Stores the user's product photo (PNG, JPEG or WebP, checked by its bytes) as an `image`
 * asset with source `user-upload`, and makes it the photo the image stage composites.
 * `readFile` is only called once the session is known to accept a photo.
 */
export async function uploadProductPhoto({
  readFile,
  ...ref
}: SessionRef & { readFile: () => Promise<{ bytes: Buffer; name: string }> }) {
  const before = await requireOwnSession(ref);
  if (!canUpload(before)) throw refuse(before);
  await assertUploadSlotLeft({ userId: ref.userId }); // at the limit: refused before any decoding
  const file = await readFile();
  const image = await inspectImage(file.bytes);

  const id = randomUUID();
  const key = mediaKey(before.id, id, image.kind);
  const { size } = await storage().putBuffer(key, image.bytes, image.mimeType);
  try {
    const asset = await transaction(async (tx) => {
      const s = await lockSession(tx, ref);
      if (!canUpload(s)) throw refuse(s);
      const meta = readMeta(s);
      if (meta.productPhotoAssetId) await softDeleteAsset({ tx, id: meta.productPhotoAssetId });
      await takeUploadQuota({ tx, userId: ref.userId, bytes: size });
      const [row] = await insertAssets({
        tx,
        values: [
          {
            id,
            sessionId: s.id,
            type: "image",
            source: "user-upload",
            status: "completed",
            url: mediaUrl(key),
            storagePath: key,
            fileSizeBytes: size,
            mimeType: image.mimeType,
            resolution: `${image.width}x${image.height}`,
            generationCost: "0",
            metadata: { productPhoto: true, originalName: file.name.slice(0, 200) },
          },
        ],
      });
      await updateSession({
        tx,
        id: s.id,
        set: { metadata: withMeta(s, { productPhotoAssetId: row.id }) },
      });
      return row;
    });
    return assetView(asset);
  } catch (err) {
    await storage()
      .delete(key)
      .catch(() => {}); // no row points at it
    throw err;
  }
}
