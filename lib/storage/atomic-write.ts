// Write-then-rename, so a reader (or a crash) never sees half a file. The temp file sits
// in the target's own folder (rename is only atomic within one file system) and is
// dot-named, which no storage key can be.
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/** Runs `write(tempPath)`, then renames the temp file over `target`. Returns its size. */
export async function writeAtomically(
  target: string,
  write: (temp: string) => Promise<void>,
): Promise<number> {
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await write(temp);
    const { size } = await stat(temp);
    await rename(temp, target);
    return size;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
