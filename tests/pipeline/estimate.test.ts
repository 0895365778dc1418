// Estimates from the price table (with Replicate's models priced, so the numbers are not
// all zero), stored in estimated_cost, confirmed by the user, and the budget enforced.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, sessions } from "@/lib/db/schema";
import { estimateCall, MODELS } from "@/lib/providers/prices";
import { defaultProviders, installProviders } from "@/lib/providers/registry";
import { assertWithinBudget, estimateStage } from "@/lib/sessions/estimate";
import { type Harness, json, startHarness } from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false }); // nothing here needs to run
});
beforeEach(() => {
  // Estimates as a Replicate deployment would show them (the local models cost $0).
  installProviders({
    ...defaultProviders(),
    models: {
      llm: "llama-3.1-405b-instruct",
      image: "flux-kontext-pro",
      video: "kling-v2.5-turbo-pro",
      music: "musicgen",
      speech: "minimax-speech-2.6-turbo",
    },
  });
});
afterAll(async () => {
  installProviders(undefined);
  await h?.stop();
});

const r4 = (n: number) => Math.round(n * 10_000) / 10_000;
const llm = r4(estimateCall(MODELS["llama-3.1-405b-instruct"]));

async function newAd(body: Record<string, unknown> = {}) {
  return (await json(h.api.post("/api/sessions", { productPrompt: "a silk scarf", ...body })))
    .session;
}

test("images: prompt parsing plus one image call per requested image, stored as estimated_cost", async () => {
  const s = await newAd({ numImages: 7 });
  const e = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=images`));
  const image = estimateCall(MODELS["flux-kontext-pro"]);
  expect(e.breakdown).toEqual([
    expect.objectContaining({
      category: "llm",
      model: "llama-3.1-405b-instruct",
      provider: "replicate",
      quantity: 1,
      amount: llm,
    }),
    expect.objectContaining({
      category: "image_generation",
      model: "flux-kontext-pro",
      quantity: 7,
      unitCost: image,
      amount: r4(image * 7),
    }),
  ]);
  expect(e.amount).toBe(r4(llm + image * 7));
  expect(e.amount).toBeGreaterThan(0);
  expect((await json(h.api.get(`/api/sessions/${s.id}`))).session.estimatedCost).toBe(e.amount);
});

test("clips bill each approved image at the model's minimum length; compose adds music when enabled", async () => {
  const s = await newAd();
  const ids = [crypto.randomUUID(), crypto.randomUUID()];
  await db()
    .update(sessions)
    .set({
      approvedImageIds: ids,
      approvedClipIds: ids,
      clipDurationSeconds: "3",
      backgroundMusicEnabled: true,
    })
    .where(eq(sessions.id, s.id));
  const clips = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=clips`));
  const clip =
    MODELS["kling-v2.5-turbo-pro"].usd *
    Math.max(3, MODELS["kling-v2.5-turbo-pro"].minSeconds ?? 0);
  expect(clips.amount).toBe(r4(llm + 2 * clip));
  expect(clips.breakdown[1]).toMatchObject({
    category: "video_generation",
    quantity: 2,
    seconds: 3,
  });
  const compose = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=compose`));
  expect(compose.breakdown.map((l: { category: string }) => l.category)).toEqual([
    "audio_generation",
    "composition",
  ]);
  expect(compose.amount).toBe(r4(estimateCall(MODELS.musicgen, 6)));
  const [row] = await db().select().from(sessions).where(eq(sessions.id, s.id));
  expect(estimateStage(row, "compose", { music: false }).amount).toBe(0);
  // Settings not submitted yet can be priced: 4 s clips, no music, two formats.
  const longer = await json(
    h.api.get(`/api/sessions/${s.id}/estimate?stage=clips&clipDurationSeconds=4`),
  );
  expect(longer.breakdown[1]).toMatchObject({ seconds: 4 });
  const silent = await json(
    h.api.get(`/api/sessions/${s.id}/estimate?stage=compose&music=false&aspectRatios=9:16,1:1`),
  );
  expect(silent.breakdown).toEqual([
    expect.objectContaining({ category: "composition", quantity: 2, amount: 0 }),
  ]);
  expect(
    (await h.api.get(`/api/sessions/${s.id}/estimate?stage=clips&clipDurationSeconds=7`)).status,
  ).toBe(400);
  expect(
    (await h.api.get(`/api/sessions/${s.id}/estimate?stage=compose&aspectRatios=4:3`)).status,
  ).toBe(400);
});

test("a stale confirmation is refused with the new estimate; the current one starts the stage", async () => {
  const s = await newAd({ numImages: 4 });
  const e = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=images`));
  const stale = await h.api.post(`/api/sessions/${s.id}/generate-images`, {
    confirmEstimate: e.amount / 2,
  });
  expect(stale.status).toBe(409);
  expect((await json(stale)).error).toMatchObject({
    code: "conflict",
    estimate: e.amount,
    message: expect.stringMatching(/confirm again/),
  });
  expect((await json(h.api.get(`/api/sessions/${s.id}`))).session.status).toBe("created");
  const ok = await h.api.post(`/api/sessions/${s.id}/generate-images`, {
    confirmEstimate: e.amount,
  });
  expect(ok.status).toBe(202);
  const started = (await json(ok)).session;
  expect(started.estimatedCost).toBe(e.amount);
  expect(["prompting", "generating_images"]).toContain(started.status); // the worker may be quick
});

test("over budget: 402 with the estimate and what is left of the budget", async () => {
  const s = await newAd({ numImages: 8, budgetUsd: 0.5 });
  await db().execute(
    sql`insert into generation_costs (session_id, category, amount, provider) values (${s.id}, 'other', 0.4, 'test')`,
  );
  const e = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=images`));
  expect(e).toMatchObject({ budgetLeft: 0.1, withinBudget: false });
  const res = await h.api.post(`/api/sessions/${s.id}/generate-images`, {});
  expect(res.status).toBe(402);
  expect((await json(res)).error).toMatchObject({
    code: "over_budget",
    estimate: e.amount,
    budget: 0.1,
    message: expect.stringMatching(/only \$0\.10 of this ad's \$0\.50 budget is left/),
  });

  // A single regeneration is budget-checked too.
  await db()
    .update(sessions)
    .set({ status: "reviewing_images", currentStage: "image_gen" })
    .where(eq(sessions.id, s.id));
  await db().execute(
    sql`insert into generation_costs (session_id, category, amount, provider) values (${s.id}, 'other', 0.09, 'test')`,
  );
  const [image] = await db()
    .insert(assets)
    .values({
      sessionId: s.id,
      type: "image",
      source: "local-image",
      status: "completed",
      url: "",
      metadata: { index: 0 },
    })
    .returning();
  const regen = await h.api.post(`/api/assets/${image.id}/regenerate`, {});
  expect(regen.status).toBe(402);
});

test("a session exactly at its budget may still run $0 work, never paid work", async () => {
  const s = await newAd({ budgetUsd: 1 });
  await db().execute(
    sql`insert into generation_costs (session_id, category, amount, provider) values (${s.id}, 'other', 1, 'test')`,
  );
  const [row] = await db().select().from(sessions).where(eq(sessions.id, s.id));
  expect(() => assertWithinBudget(row, { amount: 0 })).not.toThrow();
  expect(() => assertWithinBudget(row, { amount: 0.01 })).toThrow(/whole budget/);
});

test("the estimate for the user's choices is the amount the start request accepts as confirmEstimate", async () => {
  // An ad at clip review with two measured 2 s clips approved, music off so far (what the Finish step opens with).
  const s = await newAd({ numImages: 4 });
  const images = [crypto.randomUUID(), crypto.randomUUID()];
  await db()
    .update(sessions)
    .set({ status: "reviewing_images", currentStage: "image_gen", approvedImageIds: images })
    .where(eq(sessions.id, s.id));
  const clipChoice = await json(
    h.api.get(`/api/sessions/${s.id}/estimate?stage=clips&clipDurationSeconds=4`),
  );
  expect(clipChoice.amount).toBeGreaterThan(0);
  const clips = await h.api.post(`/api/sessions/${s.id}/generate-clips`, {
    videoPrompt: "on a beach",
    clipDurationSeconds: 4,
    confirmEstimate: clipChoice.amount,
  });
  expect(clips.status).toBe(202);
  expect((await json(clips)).session.estimatedCost).toBe(clipChoice.amount);

  const clipRows = await db()
    .insert(assets)
    .values(
      [0, 1].map((i) => ({
        sessionId: s.id,
        type: "video_clip" as const,
        source: "local-video" as const,
        status: "approved" as const,
        url: "",
        storagePath: `${s.id}/clip-${i}.mp4`,
        durationSeconds: "2.000",
        metadata: { index: i },
      })),
    )
    .returning();
  await db()
    .update(sessions)
    .set({
      status: "reviewing_videos",
      currentStage: "video_gen",
      approvedClipIds: clipRows.map((c) => c.id),
      backgroundMusicEnabled: false,
    })
    .where(eq(sessions.id, s.id));
  const request = {
    productName: "Sea Breeze",
    callToAction: "Shop now",
    backgroundMusic: { enabled: true, genre: "chill" },
    aspectRatios: ["9:16", "1:1"],
  };

  // Only `stage` (what the studio used to send): priced without the music the user turned on, so refused.
  const stageOnly = await json(h.api.get(`/api/sessions/${s.id}/estimate?stage=compose`));
  expect(stageOnly.amount).toBe(0);
  const refused = await h.api.post(`/api/sessions/${s.id}/compose`, {
    ...request,
    confirmEstimate: stageOnly.amount,
  });
  expect(refused.status).toBe(409);

  // With the choices: music priced, two formats, and the same amount starts the composition.
  const chosen = await json(
    h.api.get(
      `/api/sessions/${s.id}/estimate?stage=compose&music=true&musicGenre=chill&aspectRatios=9:16,1:1`,
    ),
  );
  expect(chosen.amount).toBe(r4(estimateCall(MODELS.musicgen)));
  expect(
    chosen.breakdown.map((l: { category: string; quantity: number }) => [l.category, l.quantity]),
  ).toEqual([
    ["audio_generation", 1],
    ["composition", 2],
  ]);
  const started = await h.api.post(`/api/sessions/${s.id}/compose`, {
    ...request,
    confirmEstimate: chosen.amount,
  });
  expect(started.status).toBe(202);
  expect((await json(started)).session).toMatchObject({
    status: "composing",
    estimatedCost: chosen.amount,
  });
});

test("music the ad already has in the chosen genre is reused, and estimated at $0 like the compose request prices it", async () => {
  const s = await newAd();
  const [clip] = await db()
    .insert(assets)
    .values({
      sessionId: s.id,
      type: "video_clip",
      source: "local-video",
      status: "approved",
      url: "",
      storagePath: `${s.id}/clip.mp4`,
      durationSeconds: "3.000",
    })
    .returning();
  await db()
    .insert(assets)
    .values({
      sessionId: s.id,
      type: "audio",
      source: "local-music",
      status: "completed",
      url: "",
      storagePath: `${s.id}/music.m4a`,
      durationSeconds: "30.000",
      metadata: { genre: "upbeat" },
    });
  await db()
    .update(sessions)
    .set({ status: "completed", currentStage: "composition", approvedClipIds: [clip.id] })
    .where(eq(sessions.id, s.id));
  const reused = await json(
    h.api.get(`/api/sessions/${s.id}/estimate?stage=compose&music=true&musicGenre=upbeat`),
  );
  expect(reused.breakdown.map((l: { category: string }) => l.category)).toEqual(["composition"]);
  const other = await json(
    h.api.get(`/api/sessions/${s.id}/estimate?stage=compose&music=true&musicGenre=cinematic`),
  );
  expect(other.amount).toBeGreaterThan(0);
  const res = await h.api.post(`/api/sessions/${s.id}/compose`, {
    productName: "Scarf",
    callToAction: "Shop now",
    backgroundMusic: { enabled: true, genre: "upbeat" },
    confirmEstimate: reused.amount,
  });
  expect(res.status).toBe(202);
  expect(
    (await h.api.get(`/api/sessions/${s.id}/estimate?stage=compose&musicGenre=jazz`)).status,
  ).toBe(400);
});
