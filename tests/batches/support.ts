// What the batch tests share: a CSV and zip made in memory, the multipart form, and a wait
// for the batch to finish (polling GET /api/batches/:id as a client would).
import { PassThrough } from "node:stream";
import yauzl from "yauzl";
import yazl from "yazl";
import { type Api, type Json, json, waitFor } from "../pipeline/support/harness";

export function csvOf(rows: string[][], header = "productPrompt,productName,callToAction"): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows.map((r) => r.map(cell).join(","))].join("\r\n");
}

export function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(files)) zip.addBuffer(bytes, name);
  zip.end();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    out.on("end", () => resolve(Buffer.concat(chunks)));
    out.on("error", reject);
  });
}

/** Every entry of a zip: name → bytes. */
export function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on("entry", (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, stream) => {
          if (err2) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            out.set(e.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

export function batchForm(
  csv: string | Buffer,
  fields: Record<string, string> = {},
  photos?: Buffer,
): FormData {
  const form = new FormData();
  form.append(
    "csv",
    new Blob([typeof csv === "string" ? csv : new Uint8Array(csv)], { type: "text/csv" }),
    "ads.csv",
  );
  if (photos)
    form.append(
      "photos",
      new Blob([new Uint8Array(photos)], { type: "application/zip" }),
      "photos.zip",
    );
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

/** Small, quick ads: 4 images, 2 of them made into 2 s clips. */
export const QUICK = { numImages: "4", approveImages: "2", clipDurationSeconds: "2" };

export async function waitForBatch(api: Api, id: string, ms = 600_000): Promise<Json> {
  return waitFor(
    `batch ${id} to finish`,
    async () => {
      const body = await json(api.get(`/api/batches/${id}`));
      return body?.batch?.status === "finished" ? body : undefined;
    },
    ms,
  );
}
