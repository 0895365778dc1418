// Storage listings, which the storage sweep walks beside the database: the same keys in the
// same order on local disk and in S3, a folder at a time; writes in progress are not objects.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createLocalStorage } from "@/lib/storage/local";
import { createS3Storage } from "@/lib/storage/s3";
import type { Storage } from "@/lib/storage/types";
import { startS3rver, type TestS3 } from "../support/s3rver";

const KEYS = [
  "sessions/a/b.png",
  "sessions/a/b/c.mp4",
  "sessions/a/b0.jpg",
  "sessions/a-b/x.png",
  "sessions/z.png",
  "top.png",
];

async function listAll(store: Storage, prefix: string) {
  const out: { key: string; size: number }[] = [];
  for await (const o of store.list(prefix)) {
    expect(o.lastModified.getTime()).toBeGreaterThan(Date.now() - 60_000);
    out.push({ key: o.key, size: o.size });
  }
  return out;
}

// S3 lists keys in binary order; s3rver walks its folders instead, so against it only the
// set is compared (the storage sweep does not depend on the order: lib/storage/lifecycle/sweep.ts).
function listingContract(name: string, make: () => Promise<Storage>, ordered: boolean) {
  const inOrder = (keys: string[]) => (ordered ? keys : [...keys].sort());
  describe(`${name} listing`, () => {
    let store: Storage;
    beforeAll(async () => {
      store = await make();
      for (const [i, key] of [...KEYS].reverse().entries())
        await store.putBuffer(key, Buffer.alloc(i + 1), "image/png");
    });

    test("every key under a folder, in key order, with its size", async () => {
      const all = await listAll(store, "sessions/");
      expect(inOrder(all.map((o) => o.key))).toEqual([...KEYS.slice(0, 5)].sort());
      expect(all.find((o) => o.key === "sessions/z.png")?.size).toBe(2);
      expect(inOrder((await listAll(store, "")).map((o) => o.key))).toEqual([...KEYS].sort());
      expect(inOrder((await listAll(store, "sessions/a/")).map((o) => o.key))).toEqual([
        "sessions/a/b.png",
        "sessions/a/b/c.mp4",
        "sessions/a/b0.jpg",
      ]);
    });

    test("an empty or absent folder lists nothing; a prefix that is not a folder is refused", async () => {
      expect(await listAll(store, "sessions/none/")).toEqual([]);
      await expect(listAll(store, "sessions/a")).rejects.toThrow(/prefix/);
      await expect(listAll(store, "../")).rejects.toThrow(/prefix/);
    });
  });
}

let dir: string;
let s3: TestS3;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "storage-list-"));
  s3 = await startS3rver();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await s3?.stop();
});

listingContract("local", async () => createLocalStorage({ root: dir }), true);
listingContract("s3 (s3rver)", async () => createS3Storage({ forcePathStyle: true, ...s3 }), false);

test("local: a write in progress (a dot-named temp file) is not listed", async () => {
  const store = createLocalStorage({ root: dir });
  await writeFile(path.join(dir, "sessions", "a", ".b.png.1234.tmp"), "half");
  expect((await listAll(store, "sessions/a/")).map((o) => o.key)).not.toContain(
    "sessions/a/.b.png.1234.tmp",
  );
  expect(await listAll(store, "sessions/a/")).toHaveLength(3);
});
