import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import { startS3rver, type TestS3 } from "@/tests/support/s3rver";

// lib/env reads process.env once, at import: each case sets the environment, then loads
// fresh module copies. The cache lives on globalThis, so it is cleared between cases.
const CACHE = Symbol.for("adsmith.storage");
const saved = { ...process.env };
let dataDir: string;
let s3: TestS3;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "storage-index-"));
  s3 = await startS3rver();
});
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  delete (globalThis as Record<symbol, unknown>)[CACHE];
  vi.resetModules();
});
afterAll(async () => {
  await s3?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test("without S3_BUCKET media are files under <data dir>/media", async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.S3_BUCKET;
  const { storage } = await import("./index");
  const store = storage();
  expect(store.kind).toBe("local");
  await store.putBuffer("sessions/s/a.png", Buffer.from("x"), "image/png");
  expect(existsSync(path.join(dataDir, "media", "sessions", "s", "a.png"))).toBe(true);
});

test("with S3_BUCKET media go to that bucket, configured from the environment", async () => {
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: s3.region,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  });
  const { storage } = await import("./index");
  const store = storage();
  expect(store.kind).toBe("s3");
  await store.check();
  await store.putBuffer("sessions/s/b.png", Buffer.from("in the bucket"), "image/png");
  expect((await store.readBuffer("sessions/s/b.png")).toString()).toBe("in the bucket");
  expect(existsSync(path.join(dataDir, "media", "sessions", "s", "b.png"))).toBe(false);
});

test("one instance is shared across module copies (route handlers and the custom server)", async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.S3_BUCKET;
  const first = (await import("./index")).storage();
  vi.resetModules();
  const second = (await import("./index")).storage();
  expect(second).toBe(first);
});
