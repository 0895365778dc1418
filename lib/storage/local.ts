// Media as files under one folder (the data folder by default). Writes are atomic
// (temp file + rename), so a reader never sees half a file. Serving streams from disk
// with Range support, because <video> seeks by asking for byte ranges.
import { randomBytes } from "node:crypto";
import {
  copyFile,
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  stat,
  unlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { writeAtomically } from "./atomic-write";
import { etagFor, notModified, parseRange, rangeStillValid } from "./http-range";
import { assertKey, assertPrefix, contentTypeFor, extensionOf, StorageKeyError } from "./keys";
import { type ListedObject, type Storage, StorageNotFoundError } from "./types";

export function createLocalStorage(opts: { root: string }): Storage {
  const root = path.resolve(opts.root);

  function fileFor(key: string): string {
    assertKey(key);
    const file = path.join(root, ...key.split("/"));
    // assertKey already rules out escapes; this keeps it true if the rules ever loosen.
    const rel = path.relative(root, file);
    if (rel.startsWith("..") || path.isAbsolute(rel))
      throw new StorageKeyError(key, "outside the storage root");
    return file;
  }

  return {
    kind: "local",

    async putFile(key, filePath) {
      const size = await writeAtomically(fileFor(key), (temp) => copyFile(filePath, temp));
      return { size };
    },

    async putBuffer(key, data) {
      const size = await writeAtomically(fileFor(key), (temp) => writeFile(temp, data));
      return { size };
    },

    async head(key) {
      try {
        const s = await stat(fileFor(key));
        // The extension decides the type: local storage keeps no metadata beside the bytes.
        return s.isFile() ? { size: s.size, contentType: contentTypeFor(extensionOf(key)) } : null;
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },

    async download(key, destPath) {
      const source = fileFor(key);
      try {
        await writeAtomically(path.resolve(destPath), (temp) => copyFile(source, temp));
      } catch (err) {
        if (missing(err) && !(await exists(source))) throw new StorageNotFoundError(key);
        throw err;
      }
    },

    async readBuffer(key) {
      try {
        return await readFile(fileFor(key));
      } catch (err) {
        if (missing(err)) throw new StorageNotFoundError(key);
        throw err;
      }
    },

    async delete(key) {
      try {
        await unlink(fileFor(key));
      } catch (err) {
        if (!missing(err)) throw err;
      }
    },

    list(prefix) {
      assertPrefix(prefix);
      return walk(path.join(root, ...prefix.split("/").filter(Boolean)), prefix);
    },

    async check() {
      const probe = path.join(root, `.check-${randomBytes(6).toString("hex")}`);
      try {
        await mkdir(root, { recursive: true });
        await writeFile(probe, "ok");
        await unlink(probe);
      } catch (err) {
        throw new Error(
          `Local media storage at ${root} is not writable: ${(err as Error).message}`,
        );
      }
    },

    async respond(key, request) {
      return serveFile(key, request, fileFor);
    },
  };
}

/**
 * The files under `dir` as keys beginning with `prefix`, in key order (names sorted by code
 * unit, as S3 lists). Dot-names are the temporary files of writes in progress: skipped.
 */
async function* walk(dir: string, prefix: string): AsyncGenerator<ListedObject> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err) => {
    if (missing(err)) return [];
    throw err;
  });
  // A folder "a" holds keys "a/…", which sort after a file "a.png" and before "a0".
  const sortName = (e: { name: string; isDirectory(): boolean }) =>
    e.isDirectory() ? `${e.name}/` : e.name;
  entries.sort((a, b) => (sortName(a) < sortName(b) ? -1 : sortName(a) > sortName(b) ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const file = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(file, `${prefix}${e.name}/`);
    else if (e.isFile()) {
      const s = await stat(file).catch(() => undefined); // removed meanwhile: not listed
      if (s) yield { key: `${prefix}${e.name}`, size: s.size, lastModified: s.mtime };
    }
  }
}

/** No file at that path (or a folder where a file was expected). */
function missing(err: unknown): boolean {
  return ["ENOENT", "ENOTDIR", "EISDIR"].includes((err as NodeJS.ErrnoException).code ?? "");
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...headers },
  });

async function serveFile(
  key: string,
  request: Request,
  fileFor: (key: string) => string,
): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return text(405, "Method not allowed", { Allow: "GET, HEAD" });
  }
  let file: string;
  try {
    file = fileFor(key);
  } catch (err) {
    if (err instanceof StorageKeyError) return text(404, "Not found");
    throw err;
  }

  // Stat through the open handle, so the size we announce is the size of what we stream
  // even if the file is replaced meanwhile (writes rename a new file into place).
  let handle: FileHandle;
  try {
    handle = await open(file, "r");
  } catch (err) {
    if (missing(err)) return text(404, "Not found");
    throw err;
  }
  let streaming = false;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return text(404, "Not found");

    const size = info.size;
    const etag = etagFor(size, info.mtimeMs);
    const headers = new Headers({
      "Content-Type": contentTypeFor(extensionOf(key)),
      "Accept-Ranges": "bytes",
      ETag: etag,
      "Last-Modified": info.mtime.toUTCString(),
      "Cache-Control": "private",
      "X-Content-Type-Options": "nosniff",
    });

    if (notModified(request, etag, info.mtime)) return new Response(null, { status: 304, headers });

    const range = rangeStillValid(request, etag, info.mtime)
      ? parseRange(request.headers.get("range"), size)
      : ({ kind: "full" } as const);

    if (range.kind === "unsatisfiable") {
      headers.set("Content-Range", `bytes */${size}`);
      headers.set("Content-Type", "text/plain; charset=utf-8");
      return new Response("Range not satisfiable", { status: 416, headers });
    }

    const [start, end, status] =
      range.kind === "partial" ? [range.start, range.end, 206] : [0, size - 1, 200];
    headers.set("Content-Length", String(end - start + 1));
    if (range.kind === "partial") headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
    if (request.method === "HEAD" || size === 0) return new Response(null, { status, headers });

    // The stream owns the handle from here and closes it when done or cancelled.
    const body = Readable.toWeb(
      handle.createReadStream({ start, end }),
    ) as ReadableStream<Uint8Array>;
    streaming = true;
    return new Response(body, { status, headers });
  } finally {
    if (!streaming) await handle.close();
  }
}
