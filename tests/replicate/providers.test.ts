// The Replicate providers, with the real client, against the fake Replicate on loopback.
// First: it sets the Replicate environment before anything reads lib/env.
import "../support/fake-replicate/env";

import "../support/fake-replicate/env"; // first: Replicate settings before lib/env is read
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { env } from "@/lib/env";
import { outputSize } from "@/lib/media/formats";
import { probe } from "@/lib/media/probe";
import { parsePromptLocally } from "@/lib/providers/local/prompt-parser";
import { providers } from "@/lib/providers/registry";
import { type CallContext, ProviderError } from "@/lib/providers/types";
import { makeProductImage } from "../fixtures/media/make-media";
import { createsOf, type FakeReplicate } from "../support/fake-replicate";
import { FAKE_TOKEN } from "../support/fake-replicate/env";
import { bootFakeReplicate } from "../support/replicate-fake";

let fake: FakeReplicate;
let dir: string;
// The standard tier: FLUX Kontext Pro, falling back to Seedream 4.
const FLUX = "black-forest-labs/flux-kontext-pro";
const SEEDREAM = "bytedance/seedream-4";
const SVD = "stability-ai/stable-video-diffusion";
const LLAMA = "meta/meta-llama-3.1-405b-instruct";

beforeAll(async () => {
  fake = await bootFakeReplicate();
});
afterAll(() => fake.close());
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function ctx(extra: Partial<CallContext> = {}): Promise<CallContext & { created: string[] }> {
  dir = await mkdtemp(path.join(tmpdir(), "replicate-test-"));
  const created: string[] = [];
  return {
    workDir: dir,
    sessionId: "s",
    created,
    onPredictionCreated: async (id) => void created.push(id),
    ...extra,
  };
}

const imageInput = (prompt: string) => ({
  prompt,
  negativePrompt: "blurry",
  view: "front" as const,
  seed: 42,
  guidanceScale: 7.5,
  productPrompt: prompt,
  category: "footwear" as const,
  styleKeywords: [],
  palette: [],
  aspectRatio: "9:16" as const,
  ...outputSize("9:16"),
});

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe("images (FLUX Kontext Pro)", () => {
  test("a prediction is created once, its id handed over at once, the PNG downloaded and priced", async () => {
    const c = await ctx();
    const { output, call } = await providers().image.generateImage(
      imageInput("pink tennis shoes"),
      c,
    );
    expect(providers().kind).toBe("replicate");
    expect(c.created).toEqual([call.predictionId]);
    expect(output.mimeType).toBe("image/png");
    expect(output.width).toBeGreaterThan(0);
    expect(call).toMatchObject({
      provider: "replicate",
      model: "flux-kontext-pro",
      amountUsd: 0.04,
    });
    expect(call.modelVersion).toMatch(/^black-forest-labs\/flux-kontext-pro/);
    const p = fake.predictions.get(call.predictionId!);
    expect(p?.input).toMatchObject({ seed: 42, aspect_ratio: "9:16" });
  });

  test("a 429 is honoured (waits for Retry-After) and the prediction is still created once", async () => {
    fake.behave(FLUX, { create429: 1, retryAfterSeconds: 1 });
    const before = createsOf(fake, FLUX).length;
    const { call } = await providers().image.generateImage(
      imageInput("blue running shoes"),
      await ctx(),
    );
    const posts = fake.requests
      .filter((r) => r.method === "POST" && r.url.includes("flux-kontext-pro"))
      .slice(-2);
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(900);
    expect(createsOf(fake, FLUX).length).toBe(before + 1);
    expect(call.predictionId).toBeTruthy();
  });

  test("5xx answers to create and to polls are retried with back-off and succeed", async () => {
    fake.behave(FLUX, { create5xx: 2, get5xx: 2 });
    const { output } = await providers().image.generateImage(
      imageInput("green boots"),
      await ctx(),
    );
    expect(output.mimeType).toBe("image/png");
  });

  test("garbage output fails for good with a message a marketer understands", async () => {
    // Both the model and its alternative answer garbage: twice Kontext, once Seedream.
    fake.behave(FLUX, { garbage: true });
    fake.behave(SEEDREAM, { garbage: true });
    const c = await ctx();
    const err = await failure(providers().image.generateImage(imageInput("red sandals"), c));
    fake.behave(FLUX, { garbage: false });
    fake.behave(SEEDREAM, { garbage: false });
    expect(c.created.map((id) => fake.predictions.get(id)?.model)).toEqual([FLUX, FLUX, SEEDREAM]);
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/unusable file \(it is not a image file\)|unusable file/);
    expect(err.message).toMatch(/Retry/);
  });

  test("a safety-filter failure and invalid input fail for good and say what to do", async () => {
    const seedreamBefore = createsOf(fake, SEEDREAM).length;
    fake.behave(FLUX, {
      failRate: 1,
      error: "NSFW content detected. Try running it again, or try a different prompt.",
    });
    const nsfw = await failure(
      providers().image.generateImage(imageInput("swimwear"), await ctx()),
    );
    fake.behave(FLUX, { failRate: 0, create422: 1 });
    // A safety block is not retried elsewhere.
    expect(createsOf(fake, SEEDREAM)).toHaveLength(seedreamBefore);
    fake.behave(SEEDREAM, { create422: 1 });
    const invalid = await failure(
      providers().image.generateImage(imageInput("x".repeat(50)), await ctx()),
    );
    expect(nsfw).toMatchObject({ kind: "permanent" });
    expect(nsfw.message).toMatch(/safety filter.*Rephrase/);
    expect(invalid).toMatchObject({ kind: "permanent" });
    expect(invalid.message).toMatch(/did not accept this request.*Edit/);
  });

  test("an existing prediction id is re-attached to, not created again", async () => {
    const first = await providers().image.generateImage(imageInput("yellow clogs"), await ctx());
    const creates = [...fake.creates.values()].reduce((a, b) => a + b, 0);
    const c = await ctx({ existingPredictionId: first.call.predictionId });
    const again = await providers().image.generateImage(imageInput("yellow clogs"), c);
    expect(again.call.predictionId).toBe(first.call.predictionId);
    expect(c.created).toEqual([]);
    expect([...fake.creates.values()].reduce((a, b) => a + b, 0)).toBe(creates);
  });

  test("abort cancels the running prediction", async () => {
    fake.behave(FLUX, { never: true });
    const controller = new AbortController();
    const c = await ctx({
      signal: controller.signal,
      onPredictionCreated: async () =>
        void setTimeout(() => controller.abort(new ProviderError("Cancelled.", "permanent")), 100),
    });
    const err = await failure(providers().image.generateImage(imageInput("white loafers"), c));
    fake.behave(FLUX, { never: false });
    expect(err.message).toBe("Cancelled.");
    const cancelled = [...fake.predictions.values()].filter(
      (p) => p.input.prompt === "white loafers. Avoid: blurry.",
    );
    expect(cancelled.map((p) => p.status)).toEqual(["canceled"]);
  });

  test("a prediction silent past its deadline is cancelled, and so is its alternative's, then it fails", async () => {
    fake.behave(FLUX, { never: true });
    fake.behave(SEEDREAM, { never: true });
    const err = await failure(
      providers().image.generateImage(imageInput("grey slippers"), await ctx()),
    );
    fake.behave(FLUX, { never: false });
    fake.behave(SEEDREAM, { never: false });
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/did not finish within 5 seconds, so we cancelled it/);
    const tried = [...fake.predictions.values()].filter(
      (p) => p.input.prompt === "grey slippers. Avoid: blurry.",
    );
    // A timeout skips the second try on the same model: one Kontext, one Seedream.
    expect(tried.map((p) => [p.model, p.status])).toEqual([
      [FLUX, "canceled"],
      [SEEDREAM, "canceled"],
    ]);
  }, 20_000);
});

describe("fallback to the tier's alternative", () => {
  test("a model that times out is cancelled and the image is made by the alternative at once", async () => {
    fake.behave(FLUX, { never: true });
    const failed: { model: string; message: string; predictionId?: string }[] = [];
    const c = await ctx({
      onAttemptFailed: async (f) =>
        void failed.push({
          model: f.model,
          message: f.error.message,
          predictionId: f.predictionId,
        }),
    });
    const { call } = await providers().image.generateImage(imageInput("teal backpack"), c);
    fake.behave(FLUX, { never: false });
    expect(call).toMatchObject({ model: "seedream-4", amountUsd: 0.03 });
    expect(call.modelVersion).toMatch(/^bytedance\/seedream-4/);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ model: "flux-kontext-pro", predictionId: c.created[0] });
    expect(failed[0].message).toMatch(/did not finish within 5 seconds/);
    expect(fake.predictions.get(c.created[0])?.status).toBe("canceled");
    expect(c.created).toHaveLength(2);
  }, 20_000);

  test("a draft's clip that fails twice on Seedance Lite is made by Kling, with the scene prompt", async () => {
    const c = await ctx({ quality: "draft" });
    const image = path.join(dir, "image.png");
    const size = outputSize("9:16");
    await makeProductImage(image, size.width, size.height);
    fake.behave("bytedance/seedance-1-lite", { failNext: 2 });
    const models: string[] = [];
    const { output, call } = await providers().video.generateClip(
      {
        imagePath: image,
        scenePrompt: "The bottle turns on a wet slate table",
        cameraMovement: "orbit",
        motionIntensity: 0.5,
        durationSeconds: 3,
        aspectRatio: "9:16",
        seed: 3,
        ...size,
      },
      { ...c, onModelChosen: (m) => void models.push(m) },
    );
    expect(models).toEqual(["seedance-1-lite", "seedance-1-lite", "kling-v2.5-turbo-pro"]);
    expect(call.model).toBe("kling-v2.5-turbo-pro");
    const tried = c.created.map((id) => fake.predictions.get(id)!);
    for (const p of tried)
      expect(String(p.input.prompt)).toMatch(/^The bottle turns on a wet slate table/);
    expect(tried[0].input).toMatchObject({ duration: 3, resolution: "720p", fps: 24 });
    expect(tried[2].input).toMatchObject({ duration: 5 });
    expect(Math.abs((await probe(output.filePath)).durationSeconds - 3)).toBeLessThanOrEqual(0.1);
  });

  test("Stable Audio 2.5 is the default music, with a licence that allows commercial use", async () => {
    const { output, call } = await providers().music.generateMusic(
      { genre: "upbeat", durationSeconds: 12, seed: 2 },
      await ctx(),
    );
    expect(call.model).toBe("stable-audio-2.5");
    expect(String(call.metadata?.licence)).toMatch(/commercially/);
    expect((await probe(output.filePath)).durationSeconds).toBeCloseTo(12, 0);
  });
});

describe("clips (Stable Video Diffusion) and music (MusicGen)", () => {
  test("SVD (selected by REPLICATE_VIDEO_MODEL): the image is uploaded, motion maps to motion_bucket_id, and the clip has the asked duration", async () => {
    (env as { REPLICATE_VIDEO_MODEL?: string }).REPLICATE_VIDEO_MODEL = "stable-video-diffusion";
    onTestFinished(() => {
      (env as { REPLICATE_VIDEO_MODEL?: string }).REPLICATE_VIDEO_MODEL = undefined;
    });
    const c = await ctx();
    const image = path.join(dir, "image.png");
    const size = outputSize("9:16");
    await makeProductImage(image, size.width, size.height);
    const { output, call } = await providers().video.generateClip(
      {
        imagePath: image,
        scenePrompt: "ignored by SVD",
        cameraMovement: "zoom_in",
        motionIntensity: 0.9,
        durationSeconds: 3,
        aspectRatio: "9:16",
        seed: 7,
        ...size,
      },
      c,
    );
    expect(providers().video.followsPrompt).toBe(false);
    const input = fake.predictions.get(call.predictionId!)!.input;
    expect(String(input.input_image)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/files\//);
    expect(input.motion_bucket_id).toBe(228);
    const info = await probe(output.filePath);
    expect(Math.abs(info.durationSeconds - 3)).toBeLessThanOrEqual(0.1);
    expect(info.video).toMatchObject(size);
    expect(call.modelVersion).toMatch(/^stability-ai\/stable-video-diffusion:3f0457e4/);
    expect(createsOf(fake, SVD)).toEqual([1]);
  });

  test("MusicGen (selected by REPLICATE_MUSIC_MODEL) returns a WAV; its licence is on the call", async () => {
    (env as { REPLICATE_MUSIC_MODEL?: string }).REPLICATE_MUSIC_MODEL = "musicgen";
    onTestFinished(() => {
      (env as { REPLICATE_MUSIC_MODEL?: string }).REPLICATE_MUSIC_MODEL = undefined;
    });
    const { output, call } = await providers().music.generateMusic(
      { genre: "chill", durationSeconds: 6, seed: 1 },
      await ctx(),
    );
    expect(output.mimeType).toBe("audio/wav");
    expect((await probe(output.filePath)).durationSeconds).toBeCloseTo(6, 0);
    expect(String(call.metadata?.licence)).toMatch(/CC-BY-NC/);
  });
});

describe("the LLM (Llama 3.1 405B)", () => {
  const input = { productPrompt: "pink tennis shoes with white laces", numImages: 5 };

  test("a good answer is used, with tokens and cost from the metrics", async () => {
    const { output, call } = await providers().llm.parsePrompt(input, await ctx());
    expect(output.shots).toHaveLength(5);
    expect(output.category).toBe("footwear");
    expect(call.tokensUsed).toBeGreaterThan(0);
    expect(call.amountUsd).toBeCloseTo((call.tokensUsed! * 9.5) / 1e6, 8);
    expect(call.metadata?.fallback).toBeUndefined();
  });

  test("one bad answer is asked again once", async () => {
    fake.behave(LLAMA, { llm: ["wrong-shape", "good"] });
    const c = await ctx();
    const { call } = await providers().llm.parsePrompt(input, c);
    expect(c.created).toHaveLength(2);
    expect(call.metadata).toMatchObject({ attempts: 2 });
    expect(call.metadata?.fallback).toBeUndefined();
  });

  test("invalid JSON twice falls back to the local parser and says so", async () => {
    fake.behave(LLAMA, { llm: ["invalid-json", "invalid-json"] });
    const { output, call } = await providers().llm.parsePrompt(input, await ctx());
    expect(output).toEqual(parsePromptLocally(input));
    expect(call.metadata).toMatchObject({ fallback: "local-rules-1", attempts: 2 });
    expect(String(call.metadata?.fallbackReason)).toMatch(/not valid JSON/);
    expect(call.amountUsd).toBeGreaterThan(0); // both paid answers are counted
  });

  test("a draft parses with Llama 3 70B (system prompt in its template); a failed prediction moves to 405B", async () => {
    const c = await ctx({ quality: "draft" });
    const first = await providers().llm.parsePrompt(input, c);
    expect(first.call.model).toBe("llama-3-70b-instruct");
    const asked = fake.predictions.get(c.created[0])!;
    expect(asked.model).toBe("meta/meta-llama-3-70b-instruct");
    expect(asked.input.system_prompt).toBeUndefined();
    expect(String(asked.input.prompt_template)).toContain("{prompt}");
    fake.behave("meta/meta-llama-3-70b-instruct", { failNext: 2 });
    const c2 = await ctx({ quality: "draft" });
    const second = await providers().llm.parsePrompt(input, c2);
    expect(c2.created.map((id) => fake.predictions.get(id)!.model)).toEqual([
      "meta/meta-llama-3-70b-instruct",
      "meta/meta-llama-3-70b-instruct",
      LLAMA,
    ]);
    expect(second.call.model).toBe("llama-3.1-405b-instruct");
    expect(second.output.shots).toHaveLength(5);
  });

  test("scene planning answers for exactly the approved images", async () => {
    const images = [
      { id: "11111111-1111-4111-8111-111111111111", view: "front" as const, prompt: "front shot" },
      { id: "22222222-2222-4222-8222-222222222222", view: "side" as const, prompt: "side shot" },
    ];
    const { output } = await providers().llm.planScenes(
      {
        videoPrompt: "on a city street at dusk",
        productPrompt: "shoes",
        category: "footwear",
        clipDurationSeconds: 3,
        seed: 1,
        images,
      },
      await ctx(),
    );
    expect(output.clips.map((c) => c.imageId).sort()).toEqual(images.map((i) => i.id));
  });
});

test("the token only ever travels in the Authorization header", () => {
  expect(fake.requests.length).toBeGreaterThan(10);
  for (const r of fake.requests) {
    expect(JSON.stringify(r)).not.toContain(FAKE_TOKEN);
  }
  // Downloads carry no Authorization at all (the fake records headers except that one, so check it saw the path only).
  expect(fake.requests.some((r) => r.url.startsWith("/delivery/"))).toBe(true);
});
