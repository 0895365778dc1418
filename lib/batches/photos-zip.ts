// The batch's optional zip of product photos, read from memory with limits that a zip bomb
// meets first: at most MAX_ENTRIES entries, each photo at most the single upload's limit
// and all of them together at most MAX_TOTAL_BYTES once inflated (yauzl also checks each
// entry's inflated size against the size it declares). Only the photos the CSV names are
// inflated. A CSV photo name matches an entry's path, or its file name when only one
// entry has it.
import path from "node:path";
import yauzl from "yauzl";
import { MAX_UPLOAD_BYTES } from "../sessions/upload-product-photo";
import { type BatchRow, csvError } from "./rows";

export const MAX_ENTRIES = 1000;
export const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

type Entry = yauzl.Entry;

const zipProblem = (message: string) => csvError(undefined, "photo", message);
const photosError = (message: string) => {
  const err = zipProblem(message);
  (err.details as { issues: { path: string }[] }).issues[0].path = "photos";
  return err;
};

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

async function listEntries(zip: yauzl.ZipFile): Promise<Entry[]> {
  if (zip.entryCount > MAX_ENTRIES)
    throw photosError(
      `the zip of photos has ${zip.entryCount} entries; it may have at most ${MAX_ENTRIES}.`,
    );
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (e: Entry) => {
      if (!e.fileName.endsWith("/")) entries.push(e);
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  return entries;
}

function inflate(zip: yauzl.ZipFile, entry: Entry, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          stream.destroy();
          reject(new Error("too large"));
        } else chunks.push(c);
      });
      stream.on("end", () => resolve(Buffer.concat(chunks)));
      stream.on("error", reject);
    });
  });
}

/** The photo bytes of each row that names one, by row number; a 400 for a name not in the zip. */
export async function photosForRows(
  rows: BatchRow[],
  zipBytes: Buffer | undefined,
): Promise<Map<number, { bytes: Buffer; name: string }>> {
  const named = rows.filter((r) => r.photo);
  const out = new Map<number, { bytes: Buffer; name: string }>();
  if (named.length === 0) return out;
  if (!zipBytes)
    throw csvError(
      named[0].line,
      "photo",
      `"${named[0].photo}" is named but no zip of photos was sent (field "photos").`,
    );
  let zip: yauzl.ZipFile;
  try {
    zip = await open(zipBytes);
  } catch {
    throw photosError("the photos file is not a zip archive that can be read.");
  }
  try {
    const entries = await listEntries(zip).catch((err) => {
      if (err instanceof Error && "code" in err) throw err;
      throw photosError("the zip of photos is damaged and cannot be read.");
    });
    const byPath = new Map(entries.map((e) => [e.fileName, e]));
    const byName = new Map<string, Entry[]>();
    for (const e of entries) {
      const base = path.posix.basename(e.fileName);
      byName.set(base, [...(byName.get(base) ?? []), e]);
    }
    let total = 0;
    const cache = new Map<string, Buffer>();
    for (const r of named) {
      const name = r.photo!;
      const same = byName.get(name) ?? [];
      const entry = byPath.get(name) ?? (same.length === 1 ? same[0] : undefined);
      if (!entry)
        throw csvError(
          r.line,
          "photo",
          same.length > 1
            ? `"${name}" is in the zip more than once; name it with its folder.`
            : `"${name}" is not in the zip of photos.`,
        );
      let bytes = cache.get(entry.fileName);
      if (!bytes) {
        const mb = Math.round(MAX_UPLOAD_BYTES / (1024 * 1024));
        if (entry.uncompressedSize > MAX_UPLOAD_BYTES)
          throw csvError(r.line, "photo", `"${name}" is larger than ${mb} MB.`);
        total += entry.uncompressedSize;
        if (total > MAX_TOTAL_BYTES)
          throw photosError(
            `the photos add up to more than ${MAX_TOTAL_BYTES / (1024 * 1024)} MB once unzipped.`,
          );
        bytes = await inflate(zip, entry, MAX_UPLOAD_BYTES).catch(() => {
          throw csvError(
            r.line,
            "photo",
            `"${name}" could not be unzipped (damaged or too large).`,
          );
        });
        cache.set(entry.fileName, bytes);
      }
      out.set(r.row, { bytes, name: path.posix.basename(entry.fileName) });
    }
    return out;
  } finally {
    zip.close();
  }
}
