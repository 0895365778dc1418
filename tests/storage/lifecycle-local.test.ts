// The storage lifecycle on local disk: a data folder of this file's own, set before the app
// is imported (lib/env reads it once), so the sweep sees no other test file's media.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const dir = await mkdtemp(path.join(tmpdir(), "adsmith-lifecycle-"));
process.env.DATA_DIR = dir;
const { lifecycleSuite } = await import("./lifecycle-suite");

afterAll(() => rm(dir, { recursive: true, force: true })); // registered first: runs last
lifecycleSuite("local");
