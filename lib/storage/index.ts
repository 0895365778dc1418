// The app's one storage: S3 when S3_BUCKET is set, otherwise files in the data folder.
// Cached on globalThis because Next's route handlers and the custom server load separate
// copies of this module, and both should share one S3 client.
import path from "node:path";
import { dataDir } from "../data-dir";
import { env } from "../env";
import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";
import type { Storage } from "./types";

export {
  assertKey,
  contentTypeFor,
  isValidKey,
  MEDIA_EXTENSIONS,
  type MediaExtension,
  mediaKey,
  mediaUrl,
  parseMediaKey,
  StorageKeyError,
} from "./keys";
export { type Storage, StorageNotFoundError, type StoredObject } from "./types";

const CACHE = Symbol.for("adsmith.storage");
type Cached = { [CACHE]?: Storage };

export function storage(): Storage {
  const holder = globalThis as Cached;
  holder[CACHE] ??= env.S3_BUCKET
    ? createS3Storage({
        bucket: env.S3_BUCKET,
        endpoint: env.S3_ENDPOINT,
        region: env.S3_REGION,
        accessKeyId: env.S3_ACCESS_KEY_ID,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      })
    : createLocalStorage({ root: path.join(dataDir(), "media") });
  return holder[CACHE];
}
