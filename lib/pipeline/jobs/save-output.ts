// How an image, clip, voice or music job (and the Replicate webhook, for the same prediction)
// finishes its asset: the file goes to storage under the asset's id, then the asset and its
// cost row are written in one transaction, conditional on the asset still generating — so a
// duplicate run, a late webhook or a cancel never counts twice — and open tabs hear of it.
import { completeAsset, type FileFacts, updateAsset } from "../../db/queries/assets";
import { type Tx, transaction } from "../../db/queries/tx";
import type { Asset } from "../../db/schema";
import type { CallRecord } from "../../providers/types";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "../../storage";
import { type CostCategory, recordCall } from "../ledger";
import { publishProgress } from "../progress";

export async function saveAssetOutput(o: {
  sessionId: string;
  assetId: string;
  category: CostCategory;
  call: CallRecord;
  filePath: string;
  /** The stored file's extension (its content type follows from it). */
  ext: string;
  /** What was measured of the file (type, size in pixels, duration). */
  facts: Omit<FileFacts, "url" | "storagePath" | "fileSizeBytes" | "mimeType">;
  /** Merged into the asset's metadata (e.g. a voice-over's words). */
  metadata?: Record<string, unknown>;
  /** More writes in the same transaction, once the asset is completed. */
  alsoInTx?: (tx: Tx, done: Asset) => Promise<unknown>;
  /** The progress message for the finished asset (none: open tabs are not told). */
  message?: (done: Asset) => string;
}): Promise<Asset | undefined> {
  const key = mediaKey(o.sessionId, o.assetId, o.ext);
  const mimeType = contentTypeFor(o.ext);
  const { size } = await storage().putFile(key, o.filePath, mimeType);
  const { call, sessionId, assetId, category } = o;
  const done = await transaction(async (tx) => {
    const row = await completeAsset({
      tx,
      id: assetId,
      facts: {
        ...o.facts,
        url: mediaUrl(key),
        storagePath: key,
        fileSizeBytes: size,
        mimeType,
        generationCost: call.amountUsd,
        generationTimeSeconds: call.latencyMs / 1000,
        modelVersion: call.modelVersion ?? call.model,
        predictionId: call.predictionId,
      },
    });
    if (!row) return undefined;
    await recordCall({ tx, sessionId, assetId, category, call, success: true });
    await o.alsoInTx?.(tx, row);
    if (!o.metadata) return row;
    const metadata = { ...(row.metadata as object), ...o.metadata };
    return updateAsset({ tx, id: assetId, set: { metadata } });
  });
  if (done && o.message) await publishProgress(sessionId, o.message(done), done);
  return done;
}
