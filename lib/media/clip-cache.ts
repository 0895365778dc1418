// A worker's local copies of a session's clips and their normalised versions, kept between
// composes: a re-compose (new text, music or another format) downloads and normalises
// nothing again. One folder per session; folders unused for a week are removed.
import { mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";

const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** The session's cache folder under `root`, created and marked as used now. */
export async function sessionCacheDir(root: string, sessionId: string): Promise<string> {
  const dir = path.join(root, sessionId);
  await mkdir(dir, { recursive: true });
  const now = new Date();
  await utimes(dir, now, now);
  return dir;
}

/**
 * A local copy of an immutable stored file: fetched once, then reused. `fetch` must write
 * the file atomically (storage().download does), so a crash never leaves half a clip.
 */
export async function cachedCopy(
  dir: string,
  name: string,
  expectedSize: number | null,
  fetch: (dest: string) => Promise<void>,
): Promise<string> {
  const file = path.join(dir, name);
  const st = await stat(file).catch(() => undefined);
  if (!st || (expectedSize !== null && st.size !== expectedSize)) await fetch(file);
  return file;
}

/** Removes session folders nobody composed from for a week (best effort). */
export async function pruneCache(root: string, maxAgeMs = MAX_AGE_MS): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const dir = path.join(root, name);
      const st = await stat(dir).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > maxAgeMs) await rm(dir, { recursive: true, force: true });
    }),
  );
}
