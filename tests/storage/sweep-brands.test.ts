// The storage sweep and brand logos (issue 16.7, checked again): logos live under brands/,
// which the sweep did not look at — a logo left by a failed delete or a crash between storing
// it and saving the kit stayed forever, and a kit naming a lost file was never reported.
// A data folder of this file's own, set before the app is imported (lib/env reads it once).

import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";

const dir = await mkdtemp(path.join(tmpdir(), "adsmith-sweep-brands-"));
process.env.DATA_DIR = dir;
const { uploadLogo, getBrand } = await import("@/lib/brand/kit");
const { storage } = await import("@/lib/storage");
const { sweepStorage } = await import("@/lib/storage/lifecycle/sweep");
const { createTestUser } = await import("../support/users");

afterAll(() => rm(dir, { recursive: true, force: true }));

let userId: number;
let logoKey: string;
beforeAll(async () => {
  userId = (await createTestUser("brand-sweep")).id;
  const png = await sharp({
    create: { width: 128, height: 64, channels: 4, background: "#4f46e5" },
  })
    .png()
    .toBuffer();
  const brand = await uploadLogo(userId, async () => ({ bytes: png }));
  logoKey = brand.logoUrl!.replace("/api/media/", "");
});

const later = (ms: number) => new Date(Date.now() + ms);

test("a logo no kit holds is removed once past the grace period; the kit's logo and unknown users' files stay", async () => {
  const store = storage();
  const orphan = `brands/${userId}/${randomUUID()}.png`; // a replaced logo whose delete failed
  await store.putBuffer(orphan, Buffer.from("old logo"), "image/png");
  const foreign = `brands/987654/${randomUUID()}.png`; // a user this database does not have
  await store.putBuffer(foreign, Buffer.from("someone else's"), "image/png");

  const young = await sweepStorage({ store, graceMinutes: 60 });
  expect(young.orphans).toEqual([]);
  expect(young.young).toBe(1);
  expect(young.unrecognised).toEqual([foreign]);

  const dry = await sweepStorage({
    store,
    graceMinutes: 60,
    now: later(61 * 60_000),
    dryRun: true,
  });
  expect(dry.orphans.map((o) => o.key)).toEqual([orphan]);
  expect(await store.head(orphan)).not.toBeNull();

  const swept = await sweepStorage({ store, graceMinutes: 60, now: later(61 * 60_000) });
  expect(swept.orphans).toEqual([{ key: orphan, reason: "no row", ageMinutes: 61 }]);
  expect(swept.removed).toBe(1);
  expect(await store.head(orphan)).toBeNull();
  expect(await store.head(logoKey)).not.toBeNull();
  expect(await store.head(foreign)).not.toBeNull();
  expect(swept.missing).toEqual([]);
  expect((await getBrand(userId)).logoUrl).toBe(`/api/media/${logoKey}`);
  await store.delete(foreign);
});

test("a kit whose logo file is gone is reported missing", async () => {
  const store = storage();
  await store.delete(logoKey);
  const report = await sweepStorage({ store, graceMinutes: 0 });
  expect(report.missing).toEqual([{ key: logoKey, userId }]);
  expect(report.orphans).toEqual([]);
});
