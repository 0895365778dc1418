// Issue 15's batch acceptance: a 5-row CSV ends with 5 completed ads and one zip of 5 MP4s,
// and the batch's estimate is what its ads were charged (local providers: $0, so the count
// of provider calls — one cost-ledger row each — is compared too); a row whose photo is
// not an image fails alone with its reason while the others go on; another user gets 404.
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { generationCosts } from "@/lib/db/schema";
import {
  createTestUser,
  type Harness,
  type Json,
  json,
  probeBytes,
  productPhoto,
  startHarness,
} from "../pipeline/support/harness";
import { apiClient } from "../support/users";
import { batchForm, csvOf, QUICK, unzip, waitForBatch, zipOf } from "./support";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

test("a 5-row CSV: 5 completed ads, a zip of 5 MP4s named by row and product, the estimate is what was charged", async () => {
  const csv = csvOf([
    ["Pink tennis shoes with white laces", "Pink Runner", "Shop now"],
    ["A ceramic coffee mug, matte black", "Night Mug", "Order today"],
    ["Leather backpack, tan, with brass buckles", 'The "Tan" Pack', "Buy now"],
    ["Wireless earbuds in a white case, for runs", "Run Buds", "Get yours"],
    ["A scented candle in a glass jar, lavender", "Calm, Lavender", "Light it"],
  ]);
  const res = await h.api.post("/api/batches", batchForm(csv, QUICK));
  const created = await json(res);
  expect(res.status, JSON.stringify(created)).toBe(201);
  expect(created.batch).toMatchObject({ status: "running", rows: 5, stopAt: "done" });
  // Per ad: prompt parsing + 4 images, scene planning + 2 clips, 1 composition.
  expect(created.batch.estimateCalls).toBe(5 * (1 + 4 + 1 + 2 + 1));

  const done = await waitForBatch(h.api, created.batch.id);
  expect(done.sessions.map((s: Json) => [s.row, s.status, s.errorMessage])).toEqual(
    [1, 2, 3, 4, 5].map((row) => [row, "completed", null]),
  );

  // The estimate equals what was charged: the amount, and the provider calls one by one.
  const ids = done.sessions.map((s: Json) => s.id);
  const [ledger] = await db()
    .select({ rows: sql<number>`count(*)::int`, amount: sql<string>`coalesce(sum(amount), 0)` })
    .from(generationCosts)
    .where(inArray(generationCosts.sessionId, ids));
  expect(ledger.rows).toBe(created.batch.estimateCalls);
  expect(Number(ledger.amount)).toBeCloseTo(created.batch.estimate, 4);
  expect(done.batch.spent).toBeCloseTo(created.batch.estimate, 4);

  const zipRes = await h.api.get(`/api/batches/${created.batch.id}/download`);
  expect(zipRes.status).toBe(200);
  expect(zipRes.headers.get("content-type")).toBe("application/zip");
  const files = await unzip(Buffer.from(await zipRes.arrayBuffer()));
  expect([...files.keys()]).toEqual([
    "01-pink-runner.mp4",
    "02-night-mug.mp4",
    "03-the-tan-pack.mp4",
    "04-run-buds.mp4",
    "05-calm-lavender.mp4",
  ]);
  const info = await probeBytes(files.get("03-the-tan-pack.mp4")!);
  expect(info.video?.codec).toBe("h264");
  expect(info.durationSeconds).toBeGreaterThan(2);

  // Each row is an ordinary ad of its owner, with the row's words.
  const third = await json(h.api.get(`/api/sessions/${ids[2]}`));
  expect(third.session).toMatchObject({ productName: 'The "Tan" Pack', callToAction: "Buy now" });

  // Another user: the batch, its download and the list are not theirs.
  const other = apiClient(h.server.url, await createTestUser("batch-other"));
  expect((await other.get(`/api/batches/${created.batch.id}`)).status).toBe(404);
  expect((await other.get(`/api/batches/${created.batch.id}/download`)).status).toBe(404);
  expect((await json(other.get("/api/batches"))).batches).toEqual([]);
  const mine = await json(h.api.get("/api/batches"));
  expect(mine.batches[0]).toMatchObject({ id: created.batch.id, counts: { completed: 5 } });
}, 900_000);

test("a row whose photo is not an image fails alone, with its reason; the others go on (stopAt review)", async () => {
  const photos = await zipOf({
    "shoe.png": await productPhoto("png"),
    "notes.png": Buffer.from("this is not a picture at all"),
  });
  const csv = csvOf(
    [
      ["Pink tennis shoes with white laces", "Pink Runner", "Shop now", "shoe.png"],
      ["A ceramic coffee mug, matte black", "Night Mug", "Order today", "notes.png"],
      ["Leather backpack, tan, with brass buckles", "Tan Pack", "Buy now", ""],
    ],
    "productPrompt,productName,callToAction,photo",
  );
  const res = await h.api.post(
    "/api/batches",
    batchForm(csv, { ...QUICK, stopAt: "review" }, photos),
  );
  const created = await json(res);
  expect(res.status, JSON.stringify(created)).toBe(201);
  expect(created.batch.estimateCalls).toBe(3 * (1 + 4));
  const done = await waitForBatch(h.api, created.batch.id);
  const [shoe, mug, pack] = done.sessions;
  expect(shoe.status).toBe("reviewing_images");
  expect(pack.status).toBe("reviewing_images");
  expect(mug.status).toBe("failed");
  expect(mug.errorMessage).toMatch(/notes\.png/);
  expect(mug.errorMessage).toMatch(/PNG|JPEG|WebP|image/i);
  // The shoe's ad was made from its photo.
  const detail = await json(h.api.get(`/api/sessions/${shoe.id}`));
  expect(JSON.stringify(detail)).toMatch(/user-upload|productPhoto/);
}, 600_000);
