// Estimates from the price table (with Replicate's models priced, so the numbers are not
// all zero), stored in estimated_cost, confirmed by the user, and the budget enforced.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, sessions } from "@/lib/db/schema";
import { MODELS, estimateCall } from "@/lib/providers/prices";
import { providers, resetProvidersForTests } from "@/lib/providers/registry";
import { assertWithinBudget, estimateStage } from "@/lib/sessions/estimate";
import { json, startHarness, type Harness } from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false }); // nothing here needs to run
});
beforeEach(() => {
  // Estimates as a Replicate deployment would show them (the local models cost $0).
  resetProvidersForTests();
  Object.assign(providers().models, { llm: "llama-3.1-405b-instruct", image: "flux-1.1-pro", video: "kling-v2.1", music: "musicgen" });
});
afterAll(async () => {
  resetProvidersForTests();
  await h?.stop();
});

const r4 = (n: number) => Math.round(n * 10_000) / 10_000;
const llm = r4(estimateCall(MODELS["llama-3.1-405b-instruct"]));

async function newAd(body: Record<string, unknown> = {}) {
  return (await json(h.api.post("/api/sessions", { productPrompt: "a silk scarf", ...body }))).session;
}

test("images: prompt parsing plus one image call per requested image, stored as estimated_cost", async () => {
  const s = await newAd({ numImages: 7 });
  const e = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=images`));
  const image = estimateCall(MODELS["flux-1.1-pro"]);
  expect(e.breakdown).toEqual([
    expect.objectContaining({ category: "llm", model: "llama-3.1-405b-instruct", provider: "replicate", quantity: 1, amount: llm }),
    expect.objectContaining({ category: "image_generation", model: "flux-1.1-pro", quantity: 7, unitCost: image, amount: r4(image * 7) }),
  ]);
  expect(e.amount).toBe(r4(llm + image * 7));
  expect(e.amount).toBeGreaterThan(0);
  expect((await json(h.api.get(`/api/sessions/${s.id}`))).session.estimatedCost).toBe(e.amount);
});

test("clips bill each approved image at the model's minimum length; compose adds music when enabled", async () => {
  const s = await newAd();
  const ids = [crypto.randomUUID(), crypto.randomUUID()];
  await db().update(sessions).set({ approvedImageIds: ids, approvedClipIds: ids, clipDurationSeconds: "3", backgroundMusicEnabled: true }).where(eq(sessions.id, s.id));
  const clips = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=clips`));
  const clip = MODELS["kling-v2.1"].usd * Math.max(3, MODELS["kling-v2.1"].minSeconds ?? 0);
  expect(clips.amount).toBe(r4(llm + 2 * clip));
  expect(clips.breakdown[1]).toMatchObject({ category: "video_generation", quantity: 2, seconds: 3 });
  const compose = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=compose`));
  expect(compose.breakdown.map((l: { category: string }) => l.category)).toEqual(["audio_generation", "composition"]);
  expect(compose.amount).toBe(r4(estimateCall(MODELS.musicgen, 6)));
  const [row] = await db().select().from(sessions).where(eq(sessions.id, s.id));
  expect(estimateStage(row, "compose", { music: false }).amount).toBe(0);
  // Settings not submitted yet can be priced: 4 s clips, no music, two formats.
  const longer = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=clips&clipDurationSeconds=4`));
  expect(longer.breakdown[1]).toMatchObject({ seconds: 4 });
  const silent = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=compose&music=false&aspectRatios=9:16,1:1`));
  expect(silent.breakdown).toEqual([expect.objectContaining({ category: "composition", quantity: 2, amount: 0 })]);
  expect((await h.api.get(`/api/sessions/${s.id}/estimate?stage=clips&clipDurationSeconds=7`)).status).toBe(400);
  expect((await h.api.get(`/api/sessions/${s.id}/estimate?stage=compose&aspectRatios=4:3`)).status).toBe(400);
});

test("a stale confirmation is refused with the new estimate; the current one starts the stage", async () => {
  const s = await newAd({ numImages: 4 });
  const e = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=images`));
  const stale = await h.api.post(`/api/sessions/${s.id}/generate-images`, { confirmEstimate: e.amount / 2 });
  expect(stale.status).toBe(409);
  expect((await json(stale)).error).toMatchObject({ code: "conflict", estimate: e.amount, message: expect.stringMatching(/confirm again/) });
  expect((await json(h.api.get(`/api/sessions/${s.id}`))).session.status).toBe("created");
  const ok = await h.api.post(`/api/sessions/${s.id}/generate-images`, { confirmEstimate: e.amount });
  expect(ok.status).toBe(202);
  expect((await json(ok)).session).toMatchObject({ status: "prompting", estimatedCost: e.amount });
});

test("over budget: 402 with the estimate and what is left of the budget", async () => {
  const s = await newAd({ numImages: 8, budgetUsd: 0.5 });
  await db().execute(sql`insert into generation_costs (session_id, category, amount, provider) values (${s.id}, 'other', 0.4, 'test')`);
  const e = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=images`));
  expect(e).toMatchObject({ budgetLeft: 0.1, withinBudget: false });
  const res = await h.api.post(`/api/sessions/${s.id}/generate-images`, {});
  expect(res.status).toBe(402);
  expect((await json(res)).error).toMatchObject({ code: "over_budget", estimate: e.amount, budget: 0.1, message: expect.stringMatching(/only \$0\.10 of this ad's \$0\.50 budget is left/) });

  // A single regeneration is budget-checked too.
  await db().update(sessions).set({ status: "reviewing_images", currentStage: "image_gen" }).where(eq(sessions.id, s.id));
  await db().execute(sql`insert into generation_costs (session_id, category, amount, provider) values (${s.id}, 'other', 0.09, 'test')`);
  const [image] = await db().insert(assets).values({ sessionId: s.id, type: "image", source: "local-image", status: "completed", url: "", metadata: { index: 0 } }).returning();
  const regen = await h.api.post(`/api/assets/${image.id}/regenerate`, {});
  expect(regen.status).toBe(402);
});

test("a session exactly at its budget may still run $0 work, never paid work", async () => {
  const s = await newAd({ budgetUsd: 1 });
  await db().execute(sql`insert into generation_costs (session_id, category, amount, provider) values (${s.id}, 'other', 1, 'test')`);
  const [row] = await db().select().from(sessions).where(eq(sessions.id, s.id));
  expect(() => assertWithinBudget(row, { amount: 0 })).not.toThrow();
  expect(() => assertWithinBudget(row, { amount: 0.01 })).toThrow(/whole budget/);
});
