// One interface for where media lives. `local` keeps files under the data folder and
// serves them itself; `s3` keeps them in a bucket (AWS S3, Cloudflare R2, MinIO) and
// hands browsers a short-lived presigned URL. lib/storage/index.ts picks one.

export type StoredObject = { size: number; contentType: string };

/** One object of a listing; `lastModified` is when it was last written. */
export type ListedObject = { key: string; size: number; lastModified: Date };

export interface Storage {
  kind: "local" | "s3";
  /** Streams a file from disk into `key` (the source file is left in place). */
  putFile(key: string, filePath: string, contentType: string): Promise<{ size: number }>;
  putBuffer(key: string, data: Buffer | Uint8Array, contentType: string): Promise<{ size: number }>;
  /** Size and type of `key`, or null when there is no such object. */
  head(key: string): Promise<StoredObject | null>;
  /** Writes `key` to `destPath` (parent folders created; never leaves a partial file). */
  download(key: string, destPath: string): Promise<void>;
  readBuffer(key: string): Promise<Buffer>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Every object under `prefix` ("" or a folder ending in "/"), in key order, page by page
   * (the storage sweep compares it with the database). Local temp files are not objects.
   */
  list(prefix: string): AsyncIterable<ListedObject>;
  /** Health check: resolves when usable, otherwise throws with a message saying what is wrong. */
  check(): Promise<void>;
  /**
   * The HTTP answer for a GET or HEAD of `key`, after the caller has checked the user may
   * see it. Invalid or missing keys answer 404.
   */
  respond(key: string, request: Request): Promise<Response>;
}

/** The key does not exist (readBuffer, download). */
export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object at "${key}"`);
    this.name = "StorageNotFoundError";
  }
}
