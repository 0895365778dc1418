// Storage keys are checked here and nowhere else. Keys end up in file paths (local) and
// object names (s3) and arrive from URLs, so anything outside a plain, lower-case
// alphabet is refused rather than cleaned up: no "..", no "%2e", no backslashes, no NUL,
// no absolute paths. Callers answer a StorageKeyError with 404.

export class StorageKeyError extends Error {
  constructor(
    readonly key: unknown,
    reason: string,
  ) {
    super(`Invalid storage key ${JSON.stringify(String(key)).slice(0, 200)}: ${reason}`);
    this.name = "StorageKeyError";
  }
}

const MAX_KEY_LENGTH = 512; // well under S3's 1024 bytes and any file system's path limit
const ALPHABET = /^[a-z0-9/_.-]+$/;

/** Returns `key` unchanged when it is a valid storage key; throws StorageKeyError otherwise. */
export function assertKey(key: unknown): string {
  if (typeof key !== "string" || key.length === 0) throw new StorageKeyError(key, "empty");
  if (key.length > MAX_KEY_LENGTH) throw new StorageKeyError(key, "too long");
  if (!ALPHABET.test(key)) throw new StorageKeyError(key, "only a-z 0-9 / _ . - are allowed");
  if (key.includes("..")) throw new StorageKeyError(key, '".." is not allowed');
  for (const segment of key.split("/")) {
    if (segment === "")
      throw new StorageKeyError(key, "empty path segment (leading, trailing or double slash)");
    // Dot-names are also where local storage keeps its temporary files.
    if (segment.startsWith("."))
      throw new StorageKeyError(key, "a segment may not start with a dot");
  }
  return key;
}

/** A listing prefix: "" or a valid key followed by "/". */
export function assertPrefix(prefix: string): string {
  if (prefix !== "" && !(prefix.endsWith("/") && isValidKey(prefix.slice(0, -1))))
    throw new StorageKeyError(prefix, 'a prefix is "" or a folder ending in "/"');
  return prefix;
}

export function isValidKey(key: unknown): key is string {
  try {
    assertKey(key);
    return true;
  } catch {
    return false;
  }
}

const CONTENT_TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  mp4: "video/mp4",
  wav: "audio/wav",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  // captions beside a final video
  srt: "application/x-subrip",
  vtt: "text/vtt",
} as const;

export type MediaExtension = keyof typeof CONTENT_TYPES;
export const MEDIA_EXTENSIONS = Object.keys(CONTENT_TYPES) as MediaExtension[];

function normalizeExtension(ext: string): string {
  const e = ext.toLowerCase().replace(/^\./, "");
  return e === "jpeg" ? "jpg" : e;
}

function isMediaExtension(ext: string): ext is MediaExtension {
  return Object.hasOwn(CONTENT_TYPES, ext);
}

/** MIME type for a media extension ("png" or ".png"); application/octet-stream if unknown. */
export function contentTypeFor(ext: string): string {
  const e = normalizeExtension(ext);
  return isMediaExtension(e) ? CONTENT_TYPES[e] : "application/octet-stream";
}

/** The extension of a key's last segment ("" when it has none). */
export function extensionOf(key: string): string {
  const name = key.slice(key.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1);
}

/** True when the key's extension is one of the media types, so the extension decides its type. */
export function hasMediaExtension(key: string): boolean {
  return isMediaExtension(normalizeExtension(extensionOf(key)));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `sessions/<sessionId>/<assetId>.<ext>`: where an asset's media lives. */
export function mediaKey(sessionId: string, assetId: string, ext: string): string {
  const session = sessionId.toLowerCase();
  const asset = assetId.toLowerCase();
  const e = normalizeExtension(ext);
  if (!UUID.test(session)) throw new StorageKeyError(sessionId, "session id is not a UUID");
  if (!UUID.test(asset)) throw new StorageKeyError(assetId, "asset id is not a UUID");
  if (!isMediaExtension(e))
    throw new StorageKeyError(ext, `extension must be one of ${MEDIA_EXTENSIONS.join(", ")}`);
  return assertKey(`sessions/${session}/${asset}.${e}`);
}

const MEDIA_KEY = new RegExp(
  `^sessions/(${UUID.source.slice(1, -1)})/(${UUID.source.slice(1, -1)})\\.(${MEDIA_EXTENSIONS.join("|")})$`,
);

/**
 * The parts of a media key, so the media route can check that the user owns the session
 * before serving it. Throws StorageKeyError for anything that is not a media key.
 */
export function parseMediaKey(key: unknown): {
  sessionId: string;
  assetId: string;
  ext: MediaExtension;
} {
  const match = MEDIA_KEY.exec(assertKey(key));
  if (!match) throw new StorageKeyError(key, "not a media key (sessions/<uuid>/<uuid>.<ext>)");
  return { sessionId: match[1], assetId: match[2], ext: match[3] as MediaExtension };
}

/** The app URL that serves `key` (stored in assets.url). Keys need no URL escaping. */
export function mediaUrl(key: string): string {
  return `/api/media/${assertKey(key)}`;
}
