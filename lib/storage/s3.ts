// Media in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO). Browsers never stream
// through the app: `respond` redirects to a presigned GET that expires in minutes, and
// the bucket handles Range requests itself.
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { writeAtomically } from "./atomic-write";
import {
  assertKey,
  assertPrefix,
  contentTypeFor,
  extensionOf,
  hasMediaExtension,
  StorageKeyError,
} from "./keys";
import { type Storage, StorageNotFoundError } from "./types";

export type S3StorageOptions = {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
};

/** How long a presigned media URL lives. */
export const PRESIGN_SECONDS = 300;
// URLs are signed as of the start of the current minute, so repeated requests for the same
// media within a minute get the same URL and the browser can reuse what it cached. The
// redirect itself may be cached for as long, leaving every URL at least 3 minutes of life.
const SIGNING_WINDOW_MS = 60_000;

export function createS3Storage(opts: S3StorageOptions): Storage {
  if (Boolean(opts.accessKeyId) !== Boolean(opts.secretAccessKey)) {
    throw new Error(
      "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or both left unset)",
    );
  }
  const Bucket = opts.bucket;
  const client = new S3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    // Without credentials the SDK's default chain applies (env vars, instance roles).
    credentials:
      opts.accessKeyId && opts.secretAccessKey
        ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey }
        : undefined,
    // The SDK's default streams uploads with a checksum trailer, which R2, MinIO versions
    // and s3rver store as part of the object (corrupt bytes). Only checksum when required.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const where = `S3 bucket "${Bucket}"${opts.endpoint ? ` at ${opts.endpoint}` : ""}`;

  async function getObject(key: string) {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: assertKey(key) }));
      if (!out.Body) throw new Error(`${where} returned no body for "${key}"`);
      return { body: out.Body, size: out.ContentLength };
    } catch (err) {
      if (isNotFound(err)) throw new StorageNotFoundError(key);
      throw err;
    }
  }

  async function headObject(key: string) {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket, Key: assertKey(key) }));
      return {
        size: out.ContentLength ?? 0,
        contentType: out.ContentType ?? "application/octet-stream",
        etag: out.ETag,
        lastModified: out.LastModified,
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  return {
    kind: "s3",

    async putFile(key, filePath, contentType) {
      assertKey(key);
      // The SDK cannot retry a streamed body (the stream is spent), so retry here with a
      // fresh stream of the file.
      for (let attempt = 1; ; attempt++) {
        const { size } = await stat(filePath);
        const Body = createReadStream(filePath);
        try {
          await client.send(
            new PutObjectCommand({
              Bucket,
              Key: key,
              Body,
              ContentLength: size,
              ContentType: typeOf(key, contentType),
            }),
          );
          return { size };
        } catch (err) {
          Body.destroy();
          if (attempt >= 3 || !isTransient(err)) throw err;
          await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
        }
      }
    },

    async putBuffer(key, data, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: assertKey(key),
          Body: data,
          ContentType: typeOf(key, contentType),
        }),
      );
      return { size: data.byteLength };
    },

    async head(key) {
      const info = await headObject(key);
      return info && { size: info.size, contentType: info.contentType };
    },

    async download(key, destPath) {
      const { body, size } = await getObject(key);
      const source = body as Readable;
      const written = await writeAtomically(path.resolve(destPath), (temp) =>
        pipeline(source, createWriteStream(temp)),
      ).finally(() => source.destroy()); // frees the connection if we failed before reading
      // A connection cut mid-body can end the stream early without an error.
      if (size !== undefined && written !== size) {
        throw new Error(
          `Download of "${key}" from ${where} was cut short: ${written} of ${size} bytes`,
        );
      }
    },

    async readBuffer(key) {
      const { body } = await getObject(key);
      return Buffer.from(await body.transformToByteArray());
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: assertKey(key) }));
    },

    async *list(prefix) {
      assertPrefix(prefix);
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: prefix || undefined, ContinuationToken }),
        );
        for (const o of page.Contents ?? []) {
          if (o.Key)
            yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },

    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (err) {
        throw new Error(`${where} is not usable: ${explain(err)}`);
      }
    },

    async respond(key, request) {
      if (request.method !== "GET" && request.method !== "HEAD") {
        return new Response("Method not allowed", { status: 405, headers: { Allow: "GET, HEAD" } });
      }
      try {
        assertKey(key);
      } catch (err) {
        if (err instanceof StorageKeyError) return new Response("Not found", { status: 404 });
        throw err;
      }

      // A presigned URL is valid for one method only, so HEAD is answered here.
      if (request.method === "HEAD") {
        const info = await headObject(key);
        if (!info) return new Response(null, { status: 404 });
        const headers = new Headers({
          "Content-Type": info.contentType,
          "Content-Length": String(info.size),
          "Accept-Ranges": "bytes",
          "Cache-Control": "private",
          "X-Content-Type-Options": "nosniff",
        });
        if (info.etag) headers.set("ETag", info.etag);
        if (info.lastModified) headers.set("Last-Modified", info.lastModified.toUTCString());
        return new Response(null, { status: 200, headers });
      }

      const signingDate = new Date(Math.floor(Date.now() / SIGNING_WINDOW_MS) * SIGNING_WINDOW_MS);
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentType: hasMediaExtension(key)
            ? contentTypeFor(extensionOf(key))
            : undefined,
        }),
        { expiresIn: PRESIGN_SECONDS, signingDate },
      );
      return new Response(null, {
        status: 302,
        headers: { Location: url, "Cache-Control": `private, max-age=${SIGNING_WINDOW_MS / 1000}` },
      });
    },
  };
}

/** Known media extensions decide the stored type, as they do for local storage. */
function typeOf(key: string, given: string): string {
  return hasMediaExtension(key) ? contentTypeFor(extensionOf(key)) : given;
}

type AwsError = { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };

function isNotFound(err: unknown): boolean {
  const e = err as AwsError;
  return e?.$metadata?.httpStatusCode === 404 || e?.name === "NoSuchKey" || e?.name === "NotFound";
}

/** Network failures, throttling and server errors are worth another try; 4xx are not. */
function isTransient(err: unknown): boolean {
  const status = (err as AwsError)?.$metadata?.httpStatusCode;
  return status === undefined || status >= 500 || status === 429 || status === 408;
}

function explain(err: unknown): string {
  const e = err as AwsError;
  const status = e?.$metadata?.httpStatusCode;
  if (status === 404 || e?.name === "NotFound" || e?.name === "NoSuchBucket")
    return "the bucket does not exist";
  if (status === 403)
    return "access denied (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY and the bucket's permissions)";
  if (status === 301) return "the bucket is in another region (check S3_REGION)";
  const detail = [e?.name, e?.message].filter((s) => s && s !== "UnknownError").join(": ");
  return detail || (status ? `HTTP ${status}` : String(err));
}
