// The whole API journey of the pipeline with the Replicate providers against the fake: once
// completed by polling alone, once with PUBLIC_URL set so the fake's signed webhooks reach
// POST /api/webhooks/replicate on the test server (polling stays the backstop).
// First: it sets the Replicate environment before anything reads lib/env.
import "../support/fake-replicate/env";

import "../support/fake-replicate/env"; // first: Replicate settings before lib/env is read
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts, webhookEvents } from "@/lib/db/schema";
import { env } from "@/lib/env";
import {
  download,
  type Harness,
  imageSize,
  isPng,
  type Json,
  json,
  probeBytes,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";
import type { FakeReplicate } from "../support/fake-replicate";
import { FAKE_TOKEN } from "../support/fake-replicate/env";
import { bootFakeReplicate } from "../support/replicate-fake";

let fake: FakeReplicate;
let h: Harness;
const logged: string[] = [];
const realWrite = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};

beforeAll(async () => {
  // Capture every log line (at debug level) to check the token never appears in one.
  (env as { LOG_LEVEL: string }).LOG_LEVEL = "debug";
  const capture = (chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  fake = await bootFakeReplicate();
  h = await startHarness();
});
afterAll(async () => {
  process.stdout.write = realWrite.out;
  process.stderr.write = realWrite.err;
  await h?.stop();
  await fake?.close();
});

async function journey(): Promise<{ id: string; detail: Json }> {
  const { api, server } = h;
  const { session } = await json(
    api.post("/api/sessions", {
      productPrompt: "Pink tennis shoes with white laces",
      numImages: 4,
    }),
  );
  const id: string = session.id;
  const estimate = await json(api.get(`/api/sessions/${id}/estimate?stage=images`));
  expect(estimate.amount).toBeGreaterThan(0.16); // 4 × $0.04 FLUX Kontext images + the LLM
  expect(
    (await api.post(`/api/sessions/${id}/generate-images`, { confirmEstimate: estimate.amount }))
      .status,
  ).toBe(202);
  let detail = await waitForStatus(api, id, ["reviewing_images"], 120_000);
  const images: Json[] = detail.images;
  expect(images).toHaveLength(4);
  for (const image of images) {
    expect(image).toMatchObject({ status: "completed", source: "flux-pro" });
    const { bytes } = await download(api, server.url, image.url);
    expect(isPng(bytes)).toBe(true);
    expect(await imageSize(bytes)).toBe(image.resolution);
  }
  const chosen = [images[2].id, images[0].id];
  expect((await api.put(`/api/sessions/${id}/approved-images`, { assetIds: chosen })).status).toBe(
    200,
  );
  expect(
    (
      await api.post(`/api/sessions/${id}/generate-clips`, {
        videoPrompt: "a slow turn on a pastel stage",
        clipDurationSeconds: 3,
      })
    ).status,
  ).toBe(202);
  detail = await waitForStatus(api, id, ["reviewing_videos"], 180_000);
  const clips: Json[] = detail.videoClips;
  expect(clips.map((c) => c.sourceImageId)).toEqual(chosen);
  for (const clip of clips) {
    expect(clip).toMatchObject({ status: "completed", source: "runway-gen2" });
    const info = await probeBytes((await download(api, server.url, clip.url)).bytes);
    expect(Math.abs(info.durationSeconds - 3)).toBeLessThanOrEqual(0.1);
  }
  expect(
    (await api.put(`/api/sessions/${id}/approved-clips`, { assetIds: [clips[0].id] })).status,
  ).toBe(200);

  // Every asset keeps its prediction and model version; every prediction was created once and
  // has exactly one successful cost row carrying its id; the total is the rows' sum.
  const rows = await db().select().from(assets).where(eq(assets.sessionId, id));
  const costs = await db().select().from(generationCosts).where(eq(generationCosts.sessionId, id));
  for (const a of rows) {
    expect(a.predictionId).toBeTruthy();
    expect(a.modelVersion).toMatch(
      a.type === "image"
        ? /^black-forest-labs\/flux-kontext-pro/
        : /^kwaivgi\/kling-v2\.5-turbo-pro/,
    );
    expect(costs.filter((c) => c.success && c.apiCallId === a.predictionId)).toHaveLength(1);
    const p = fake.predictions.get(a.predictionId!)!;
    expect(p.status).toBe("succeeded");
  }
  expect(costs.filter((c) => c.category === "llm" && c.success)).toHaveLength(2);
  expect(costs.every((c) => c.provider === "replicate" && c.apiCallId)).toBe(true);
  const apiCosts = await json(api.get(`/api/sessions/${id}/costs`));
  expect(apiCosts.total).toBeCloseTo(
    costs.reduce((s, c) => s + Number(c.amount), 0),
    4,
  );
  expect(apiCosts.total).toBeGreaterThan(0.16);
  return { id, detail };
}

test("by polling: the journey completes on Replicate models, each prediction created once", async () => {
  const before = fake.creates.size;
  await journey();
  expect([...fake.creates.values()].every((n) => n === 1)).toBe(true);
  expect(fake.creates.size - before).toBe(2 + 4 + 2); // parse, plan, 4 images, 2 clips
  expect(fake.webhooksSent).toHaveLength(0);
});

test("by webhooks: predictions report back to /api/webhooks/replicate, and are applied once", async () => {
  (env as { PUBLIC_URL?: string }).PUBLIC_URL = h.server.url; // read at each create
  try {
    const { id } = await journey();
    const rows = await db().select().from(assets).where(eq(assets.sessionId, id));
    const events = await db().select().from(webhookEvents);
    for (const a of rows) {
      const p = fake.predictions.get(a.predictionId!)!;
      expect(p.webhook).toBe(`${h.server.url}/api/webhooks/replicate`);
      expect(
        events.some((e) => e.predictionId === a.predictionId && e.status === "succeeded"),
      ).toBe(true);
    }
    expect(fake.webhooksSent.length).toBeGreaterThanOrEqual(rows.length); // one "completed" per prediction
    expect(fake.webhooksSent.every((w) => w.status === 200)).toBe(true);
  } finally {
    (env as { PUBLIC_URL?: string }).PUBLIC_URL = undefined;
  }
});

test("the API token appears in no log line and no stored row", async () => {
  expect(logged.join("").length).toBeGreaterThan(1000); // the debug logs were captured
  expect(logged.join("")).not.toContain(FAKE_TOKEN);
  const tables = ["sessions", "assets", "generation_costs", "webhook_events", "users"];
  for (const t of tables) {
    const rows = await db().execute(`select row_to_json(x)::text as j from ${t} x` as never);
    const text = (rows as unknown as { j: string }[]).map((r) => r.j).join("\n");
    expect(text.length, t).toBeGreaterThan(0);
    expect(text, t).not.toContain(FAKE_TOKEN);
  }
  // Nor did the client send it anywhere but the Authorization header (the fake records the rest).
  expect(fake.requests.map((r) => JSON.stringify(r)).join("\n")).not.toContain(FAKE_TOKEN);
});
