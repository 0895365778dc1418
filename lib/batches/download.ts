// GET /api/batches/:id/download: one zip of every finished video of the batch, streamed as
// it is written (each video read from storage when its turn comes; stored, not deflated:
// MP4 does not compress). Files are named by row and product name: 01-pink-runner.mp4.
import { Readable } from "node:stream";
import yazl from "yazl";
import { listBatchFinalVideos } from "../db/queries/batches";
import { errorFields, logger } from "../logger";
import { storage } from "../storage";
import { requireOwnBatch } from "./view";

export function slug(name: string | null): string {
  const s = (name ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return s || "ad";
}

export async function downloadBatch(ref: { userId: number; id: string }): Promise<Response> {
  const batch = await requireOwnBatch(ref);
  const videos = await listBatchFinalVideos({ batchId: batch.id });
  const zip = new yazl.ZipFile();
  const width = Math.max(2, String(batch.rowCount).length);
  for (const v of videos) {
    const key = v.asset.storagePath;
    if (!key) continue;
    const name = `${String(v.row ?? 0).padStart(width, "0")}-${slug(v.productName)}.mp4`;
    zip.addReadStreamLazy(
      name,
      { compress: false, mtime: v.asset.createdAt ?? new Date() },
      (cb) => {
        storage()
          .readBuffer(key)
          .then((bytes) => cb(null, Readable.from([bytes])))
          .catch((err) => {
            logger.warn("batch zip: a video could not be read", { key, ...errorFields(err) });
            cb(err, Readable.from([]));
          });
      },
    );
  }
  zip.end();
  const body = Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="batch-${batch.id.slice(0, 8)}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
