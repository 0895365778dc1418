// The batch's one budget and the account's quotas: a batch whose ads were already charged
// up to its budget starts nothing more (each ad says why), and a batch larger than the
// ads-at-once quota is not failed by it — its rows wait and start as slots free.
import { afterAll, beforeAll, expect, test } from "vitest";
import { advanceBatch } from "@/lib/batches/advance";
import { db } from "@/lib/db/client";
import { generationCosts } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { startWorker } from "@/lib/pipeline/worker";
import { type Harness, type Json, json, startHarness } from "../pipeline/support/harness";
import { batchForm, csvOf, QUICK, waitForBatch } from "./support";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false });
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const ROWS = [
  ["Pink tennis shoes with white laces", "Pink Runner", "Shop now"],
  ["A ceramic coffee mug, matte black", "Night Mug", "Order today"],
  ["Leather backpack, tan, with brass buckles", "Tan Pack", "Buy now"],
  ["Wireless earbuds in a white case", "Run Buds", "Get yours"],
];

test("charged up to its budget, the batch starts no more paid work and each ad says why", async () => {
  const created = await json(
    h.api.post("/api/batches", batchForm(csvOf(ROWS.slice(0, 2)), { ...QUICK, budgetUsd: "0.5" })),
  );
  expect(created.batch.budgetUsd).toBe(0.5);
  const before = await json(h.api.get(`/api/batches/${created.batch.id}`));
  // Its first ad was charged 60 cents (say, by a paid model) before the batch went on.
  await db().insert(generationCosts).values({
    sessionId: before.sessions[0].id,
    category: "llm",
    amount: "0.6000",
    provider: "replicate",
  });
  await advanceBatch(created.batch.id);
  const after = await json(h.api.get(`/api/batches/${created.batch.id}`));
  expect(after.batch.status).toBe("finished");
  for (const s of after.sessions) {
    expect(s.status).toBe("failed");
    expect(s.errorMessage).toMatch(/batch's budget of \$0\.50 is used up/);
  }
});

test("more rows than ads-at-once: none fails for it, they start as slots free", async () => {
  const before = env.QUOTA_ADS_AT_ONCE;
  (env as { QUOTA_ADS_AT_ONCE: number }).QUOTA_ADS_AT_ONCE = 2;
  try {
    await startWorker();
    const created = await json(
      h.api.post("/api/batches", batchForm(csvOf(ROWS), { ...QUICK, stopAt: "review" })),
    );
    const done = await waitForBatch(h.api, created.batch.id, 300_000);
    expect(done.sessions.map((s: Json) => s.status)).toEqual(Array(4).fill("reviewing_images"));
  } finally {
    (env as { QUOTA_ADS_AT_ONCE: number }).QUOTA_ADS_AT_ONCE = before;
  }
}, 400_000);
