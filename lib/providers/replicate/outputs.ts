// Output files are copied at once (Replicate deletes them after about an hour), capped in
// size, and checked by their first bytes: a model that answers with garbage fails clearly
// instead of putting a broken file in front of the user.
import { createWriteStream } from "node:fs";
import { open, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "../../env";
import { ProviderError } from "../types";
import { downloadFetch, resolveOutputUrl } from "./transport";

export type FileKind = "image" | "video" | "audio";

export type Downloaded = { filePath: string; mimeType: string; bytes: number };

const SIGNATURES: { kind: FileKind; mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  {
    kind: "image",
    mime: "image/png",
    ext: "png",
    test: (b) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    kind: "image",
    mime: "image/jpeg",
    ext: "jpg",
    test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    kind: "image",
    mime: "image/webp",
    ext: "webp",
    test: (b) => b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP",
  },
  {
    kind: "video",
    mime: "video/mp4",
    ext: "mp4",
    test: (b) => b.toString("latin1", 4, 8) === "ftyp",
  },
  {
    kind: "audio",
    mime: "audio/wav",
    ext: "wav",
    test: (b) => b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WAVE",
  },
  {
    kind: "audio",
    mime: "audio/mpeg",
    ext: "mp3",
    test: (b) => b.toString("latin1", 0, 3) === "ID3" || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
  },
  {
    kind: "audio",
    mime: "audio/mp4",
    ext: "m4a",
    test: (b) => b.toString("latin1", 4, 8) === "ftyp",
  },
];

/** The output URLs of a prediction: a string, or a list of strings. */
export function outputUrls(output: unknown): string[] {
  if (typeof output === "string") return [output];
  if (Array.isArray(output) && output.every((o) => typeof o === "string"))
    return output as string[];
  return [];
}

function garbage(what: string, why: string): ProviderError {
  return new ProviderError(
    `The ${what} model returned an unusable file (${why}). Retry to generate it again.`,
    "permanent",
  );
}

/** Downloads one output into workDir as `<name>.<ext>` after checking it is the expected kind. */
export async function downloadOutput(
  raw: unknown,
  kind: FileKind,
  what: string,
  workDir: string,
  name: string,
  signal?: AbortSignal,
): Promise<Downloaded> {
  const [first] = outputUrls(raw);
  if (!first) throw garbage(what, "no file link in the answer");
  let url: URL;
  try {
    url = resolveOutputUrl(first);
  } catch (err) {
    throw garbage(what, (err as Error).message);
  }
  const limit = env.REPLICATE_MAX_OUTPUT_MB * 1024 * 1024;
  let res: Response;
  try {
    res = await downloadFetch(url, { signal });
  } catch (err) {
    if (signal?.aborted) throw signal.reason ?? err;
    throw new ProviderError(
      `We could not download the finished ${what} file. We'll try again.`,
      "transient",
    );
  }
  if (res.status >= 500 || res.status === 429)
    throw new ProviderError(
      `The ${what} file was not ready to download (${res.status}). We'll try again.`,
      "transient",
    );
  if (!res.ok || !res.body) throw garbage(what, `download answered ${res.status}`);
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > limit) throw garbage(what, `larger than ${env.REPLICATE_MAX_OUTPUT_MB} MB`);
  const tmp = path.join(workDir, `${name}.download`);
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(
        bytes > limit ? garbage(what, `larger than ${env.REPLICATE_MAX_OUTPUT_MB} MB`) : null,
        chunk,
      );
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(res.body as import("node:stream/web").ReadableStream),
      cap,
      createWriteStream(tmp),
      { signal },
    );
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof ProviderError || signal?.aborted)
      throw signal?.aborted ? (signal.reason ?? err) : err;
    throw new ProviderError(`The ${what} file download broke off. We'll try again.`, "transient");
  }
  const head = Buffer.alloc(16);
  const fh = await open(tmp, "r");
  try {
    await fh.read(head, 0, 16, 0);
  } finally {
    await fh.close();
  }
  const sig = SIGNATURES.find((s) => s.kind === kind && s.test(head));
  if (bytes === 0 || !sig) {
    await rm(tmp, { force: true });
    throw garbage(what, bytes === 0 ? "the file is empty" : `it is not a ${kind} file`);
  }
  const declaredType = (res.headers.get("content-type") ?? "").split(";")[0].trim();
  if (
    declaredType &&
    !declaredType.startsWith(`${kind}/`) &&
    declaredType !== "application/octet-stream"
  ) {
    await rm(tmp, { force: true });
    throw garbage(what, `it was sent as ${declaredType.slice(0, 40)}`);
  }
  const filePath = path.join(workDir, `${name}.${sig.ext}`);
  const { rename } = await import("node:fs/promises");
  await rename(tmp, filePath);
  return { filePath, mimeType: sig.mime, bytes };
}
