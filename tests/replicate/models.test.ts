// The models an ad uses on Replicate, through the API against the fake: the product photo
// reaches the editing model in every image; without one, the hero comes first and the other
// views are made from it; clips carry their scene prompt; every input fits the model's
// published schema; a model that fails twice falls back to the tier's alternative, with both
// calls in the ledger; estimates follow the quality tier.
// First: it sets the Replicate environment before anything reads lib/env.
import "../support/fake-replicate/env";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts, type Session } from "@/lib/db/schema";
import { MODELS } from "@/lib/providers/prices";
import { estimateStage } from "@/lib/sessions/estimate";
import {
  download,
  type Harness,
  type Json,
  json,
  photoForm,
  productPhoto,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";
import { type FakeReplicate, startFakeReplicate } from "../support/fake-replicate";
import { FAKE_SECRET, FAKE_TOKEN, fakePort } from "../support/fake-replicate/env";

const KONTEXT = "black-forest-labs/flux-kontext-pro";
const SEEDREAM = "bytedance/seedream-4";
const KLING = "kwaivgi/kling-v2.5-turbo-pro";

let fake: FakeReplicate;
let h: Harness;

beforeAll(async () => {
  fake = await startFakeReplicate({
    token: FAKE_TOKEN,
    webhookSecret: FAKE_SECRET,
    port: fakePort(),
  });
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
  await fake?.close();
});

async function newAd(body: Record<string, unknown> = {}): Promise<Json> {
  const { session } = await json(
    h.api.post("/api/sessions", {
      productPrompt: "Matte black steel water bottle",
      numImages: 4,
      ...body,
    }),
  );
  return session;
}

const imageRows = async (sessionId: string) =>
  (await db().select().from(assets).where(eq(assets.sessionId, sessionId)))
    .filter((a) => a.type === "image" && a.predictionId)
    .sort((a, b) => Number((a.metadata as Json).index) - Number((b.metadata as Json).index));

/** The uploaded file an input URL names, at the fake. */
const fileAt = (url: unknown) => fake.files.get(String(url).split("/").pop() ?? "");

describe("images", () => {
  test("with a product photo, every image prediction shows the photo to the editing model", async () => {
    const session = await newAd();
    const photo = await productPhoto("png", 400);
    const up = await h.api.post(`/api/sessions/${session.id}/uploads`, photoForm(photo));
    expect(up.status).toBe(201);
    await h.api.post(`/api/sessions/${session.id}/generate-images`, {});
    await waitForStatus(h.api, session.id, ["reviewing_images"], 120_000);
    const rows = await imageRows(session.id);
    expect(rows).toHaveLength(4);
    for (const a of rows) {
      const p = fake.predictions.get(a.predictionId!)!;
      expect(p.model).toBe(KONTEXT);
      expect(fileAt(p.input.input_image)?.equals(photo)).toBe(true);
      expect(String(p.input.prompt)).toMatch(/^Keep the exact product from the reference photo/);
      expect(p.input.aspect_ratio).toBe("9:16");
    }
  });

  test("without a photo, the hero is made first and every other view from the hero", async () => {
    const session = await newAd({ productPrompt: "Hand-thrown stoneware coffee mug" });
    await h.api.post(`/api/sessions/${session.id}/generate-images`, {});
    const detail = await waitForStatus(h.api, session.id, ["reviewing_images"], 120_000);
    const [hero, ...others] = await imageRows(session.id);
    const heroPrediction = fake.predictions.get(hero.predictionId!)!;
    expect(heroPrediction.input.input_image).toBeUndefined();
    const heroBytes = (
      await download(h.api, h.server.url, detail.images.find((i: Json) => i.id === hero.id).url)
    ).bytes;
    expect(others).toHaveLength(3);
    for (const a of others) {
      const p = fake.predictions.get(a.predictionId!)!;
      // Created only once the hero was finished, and shown the hero's very file.
      expect(Date.parse(p.created_at)).toBeGreaterThanOrEqual(
        Date.parse(heroPrediction.completed_at!),
      );
      expect(fileAt(p.input.input_image)?.equals(heroBytes)).toBe(true);
      expect(String(p.input.prompt)).toMatch(/^The same product as in the reference image/);
    }
  });

  test("a hero that fails for good fails the other views with a message that says why", async () => {
    const session = await newAd({ productPrompt: "Linen tote bag" });
    fake.behave(KONTEXT, { failNext: 2 });
    fake.behave(SEEDREAM, { failNext: 1 });
    await h.api.post(`/api/sessions/${session.id}/generate-images`, {});
    const detail = await waitForStatus(h.api, session.id, ["failed", "reviewing_images"], 120_000);
    expect(detail.session.status).toBe("failed");
    const [hero, ...others] = detail.images as Json[];
    expect(hero.status).toBe("failed");
    for (const a of others) {
      expect(a.status).toBe("failed");
      expect(a.errorMessage).toMatch(/The first shot, which every other view copies.*Retry/);
    }
  });

  test("a model that fails twice falls back to the tier's alternative; the ledger shows every call", async () => {
    const session = await newAd({ productPrompt: "Walnut desk lamp" });
    fake.behave(KONTEXT, { failNext: 2 }); // the hero runs alone: both failures are its
    await h.api.post(`/api/sessions/${session.id}/generate-images`, {});
    await waitForStatus(h.api, session.id, ["reviewing_images"], 120_000);
    const [hero] = await imageRows(session.id);
    expect(hero.modelVersion).toMatch(/^bytedance\/seedream-4/);
    const rows = await db()
      .select()
      .from(generationCosts)
      .where(eq(generationCosts.assetId, hero.id));
    const calls = rows.map((r) => [r.modelName, r.success]).sort();
    expect(calls).toEqual([
      ["flux-kontext-pro", false],
      ["flux-kontext-pro", false],
      ["seedream-4", true],
    ]);
    const paid = rows.find((r) => r.success)!;
    expect(paid.apiCallId).toBe(hero.predictionId);
    expect(Number(paid.amount)).toBeCloseTo(MODELS["seedream-4"].usd, 4);
    const costs = await json(h.api.get(`/api/sessions/${session.id}/costs`));
    expect(JSON.stringify(costs)).toContain("seedream-4");
  });

  test("an LLM prediction that fails once and passes on the retry: the failed call is in the ledger too", async () => {
    const session = await newAd({ productPrompt: "Cedar wood candle" });
    fake.behave("meta/meta-llama-3.1-405b-instruct", { failNext: 1 });
    await h.api.post(`/api/sessions/${session.id}/generate-images`, {});
    await waitForStatus(h.api, session.id, ["reviewing_images"], 120_000);
    const rows = (
      await db().select().from(generationCosts).where(eq(generationCosts.sessionId, session.id))
    ).filter((r) => r.category === "llm");
    expect(rows.map((r) => [r.modelName, r.success]).sort()).toEqual([
      ["llama-3.1-405b-instruct", false],
      ["llama-3.1-405b-instruct", true],
    ]);
    // Each row names its own prediction: every one the fake made for this ad is accounted for.
    expect(rows.every((r) => r.apiCallId && fake.predictions.has(r.apiCallId))).toBe(true);
    expect(new Set(rows.map((r) => r.apiCallId)).size).toBe(2);
  });
});

test("clips: the prompt-following model gets the start image and the scene prompt, cut to the asked length", async () => {
  const session = await newAd({ productPrompt: "Pink tennis shoes" });
  await h.api.post(`/api/sessions/${session.id}/generate-images`, {});
  const detail = await waitForStatus(h.api, session.id, ["reviewing_images"], 120_000);
  const chosen = detail.images.slice(0, 2).map((a: Json) => a.id);
  await h.api.put(`/api/sessions/${session.id}/approved-images`, { assetIds: chosen });
  await h.api.post(`/api/sessions/${session.id}/generate-clips`, {
    videoPrompt: "on a pastel stage",
    clipDurationSeconds: 3,
  });
  const done = await waitForStatus(h.api, session.id, ["reviewing_videos"], 180_000);
  const clips = (await db().select().from(assets).where(eq(assets.sessionId, session.id))).filter(
    (a) => a.type === "video_clip",
  );
  expect(clips).toHaveLength(2);
  for (const c of clips) {
    const p = fake.predictions.get(c.predictionId!)!;
    expect(p.model).toBe(KLING);
    expect(c.scenePrompt).toBeTruthy();
    expect(String(p.input.prompt)).toContain(c.scenePrompt!);
    expect(String(p.input.start_image)).toMatch(/\/v1\/files\//);
    expect(Number(c.durationSeconds)).toBeCloseTo(3, 1);
  }
  expect(done.videoClips.every((c: Json) => c.status === "completed")).toBe(true);
});

test("every prediction of these ads fitted its model's published schema; a stray field gets 422", async () => {
  expect(fake.predictions.size).toBeGreaterThan(10);
  expect(fake.rejected).toEqual([]);
  const res = await fetch(`${fake.url}/models/${KLING}/predictions`, {
    method: "POST",
    headers: { authorization: `Bearer ${FAKE_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ input: { prompt: "x", duration: "5", mode: "pro" } }),
  });
  expect(res.status).toBe(422);
  const body = (await res.json()) as { detail: string };
  expect(body.detail).toContain("input.duration: Invalid type. Expected: integer");
  expect(body.detail).toContain("Additional property mode is not allowed");
});

describe("quality tiers", () => {
  test("the session keeps its tier; an unknown one is refused", async () => {
    expect((await newAd({ quality: "premium" })).quality).toBe("premium");
    expect((await newAd()).quality).toBe("standard");
    const bad = await h.api.post("/api/sessions", { productPrompt: "a mug", quality: "ultra" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/draft, standard, premium/);
  });

  test("estimates use the tier's models and prices", async () => {
    const expected = {
      draft: "seedream-4",
      standard: "flux-kontext-pro",
      premium: "flux-kontext-max",
    };
    const amounts: number[] = [];
    for (const [quality, model] of Object.entries(expected)) {
      const session = await newAd({ quality, numImages: 6 });
      const estimate = await json(h.api.get(`/api/sessions/${session.id}/estimate?stage=images`));
      const images = estimate.breakdown.find((l: Json) => l.category === "image_generation");
      expect(images).toMatchObject({ model, quantity: 6, modelLabel: MODELS[model].label });
      expect(images.alternative).toBeTruthy(); // the form shows what a failure falls back to
      expect(images.amount).toBeCloseTo(6 * MODELS[model].usd, 4);
      amounts.push(estimate.amount);
    }
    expect(amounts[0]).toBeLessThan(amounts[1]);
    expect(amounts[1]).toBeLessThan(amounts[2]);
    // Clips: draft Seedance Lite bills the 3 s asked, standard Kling its 5 s minimum.
    const clipLine = (quality: string) =>
      estimateStage(
        { quality, clipDurationSeconds: "3", approvedImageIds: ["a", "b"] } as unknown as Session,
        "clips",
      ).breakdown.find((l) => l.category === "video_generation")!;
    expect(clipLine("draft")).toMatchObject({ model: "seedance-1-lite", quantity: 2 });
    expect(clipLine("draft").amount).toBeCloseTo(2 * 3 * MODELS["seedance-1-lite"].usd, 4);
    expect(clipLine("standard").amount).toBeCloseTo(2 * 5 * MODELS["kling-v2.5-turbo-pro"].usd, 4);
  });
});
