// Where the app keeps what it makes for itself: the embedded database, generated
// secrets and (with local storage) media files. Git-ignored; created on first use.

import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";

export function dataDir(): string {
  const dir = path.resolve(
    /*turbopackIgnore: true*/ env.DATA_DIR ?? path.join(process.cwd(), ".data"),
  );
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** True when every folder from / down to `dir` lets other users pass through. */
export function reachableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      // not created yet: its parent decides
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * The embedded PostgreSQL runs as the `postgres` user when we are root, and that user must
 * reach its data folder. Clones under /root or a mktemp folder are not reachable, so the
 * cluster then lives under /var/lib/adsmith, keyed by the project's data folder.
 */
export function postgresDir(): string {
  const preferred = path.join(dataDir(), "postgres");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || reachableByOthers(dataDir())) return preferred;
  const key = createHash("sha256").update(dataDir()).digest("hex").slice(0, 12);
  return path.join("/var/lib/adsmith", key, "postgres");
}

type Secrets = { authSecret: string; dbPassword: string };

/** Secrets the app generates for itself when the environment gives none (mode 600). */
export function localSecrets(): Secrets {
  const file = path.join(dataDir(), "secrets.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Secrets;
  } catch {
    const secrets: Secrets = {
      authSecret: randomBytes(32).toString("base64url"),
      dbPassword: randomBytes(18).toString("base64url"),
    };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
    return secrets;
  }
}
