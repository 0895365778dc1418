// A/B variants through the HTTP API (issue 15 part 4): three variants of a composed ad in
// one request — the last compose, a new hook with another call to action, another music
// genre with boxed captions and the clips reversed — finish as three final videos labelled
// A, B, C that look or sound different (decoded frames and audio compared), with their own
// voice-over and music; the ad's main video stays. Bad input is a 400 naming the field and
// changes nothing; an ad not composed is a 409; another user gets a 404. `{count, vary}`
// builds variants; retention never lets variants and regular videos supersede each other.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { storage } from "@/lib/storage";
import { applyRetention } from "@/lib/storage/lifecycle/retention";
import {
  apiClient,
  createTestUser,
  download,
  type Harness,
  type Json,
  json,
  snapshot,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";
import { decodeAudio, grabFrame, meanAbsDiff } from "./media-checks";
import { seedSessionAtClipReview } from "./seed";

let h: Harness;
let dir: string;
let id: string;
let clips: string[];
beforeAll(async () => {
  h = await startHarness();
  dir = await mkdtemp(path.join(tmpdir(), "variants-"));
  const seeded = await seedSessionAtClipReview(h.user.id, { clips: 3, seconds: 2 });
  ({ id, clips } = seeded);
  expect((await h.api.put(`/api/sessions/${id}/approved-clips`, { assetIds: clips })).status).toBe(
    200,
  );
  await db().execute(
    sql`update sessions set metadata = metadata || ${JSON.stringify({ script: SCRIPT })}::jsonb where id = ${id}`,
  );
}, 120_000);
afterAll(async () => {
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const SCRIPT = {
  language: "en",
  hook: "Cold for a whole day",
  lines: ["A lid that never leaks", "Steel that lasts for years"],
};
const COMPOSE = {
  productName: "Steel Bottle",
  callToAction: "Shop now",
  backgroundMusic: { enabled: true, genre: "upbeat" },
  captions: { enabled: true, style: "pop" },
  voiceOver: { enabled: true },
};
const variantsOf = (detail: Json, run?: number) =>
  detail.finalVideos
    .filter((v: Json) => v.variant && (run === undefined || v.metadata.composeRun === run))
    .sort((a: Json, b: Json) => a.variant.localeCompare(b.variant));

async function saved(v: Json, name: string): Promise<string> {
  const { res, bytes } = await download(h.api, h.server.url, v.url);
  expect(res.status).toBe(200);
  const file = path.join(dir, `${name}.mp4`);
  await writeFile(file, bytes);
  return file;
}

/** The frame `before` seconds from the end (the end card with its call to action). */
async function endFrame(file: string, v: Json, before = 0.8): Promise<Buffer> {
  const [width, height] = v.resolution.split("x").map(Number);
  return grabFrame(file, Math.round((v.durationSeconds - before) * 30), { width, height });
}

/** How different two sound tracks are: RMS of their difference over the louder's RMS. */
function soundDifference(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let diff = 0;
  let ea = 0;
  let eb = 0;
  for (let i = 0; i < n; i++) {
    diff += (a[i] - b[i]) ** 2;
    ea += a[i] ** 2;
    eb += b[i] ** 2;
  }
  return Math.sqrt(diff / Math.max(ea, eb, 1e-9));
}

test("an ad not composed yet is a 409; another user's ad is a 404", async () => {
  const body = { count: 2, vary: ["callToAction"] };
  const early = await h.api.post(`/api/sessions/${id}/variants`, body);
  expect(early.status).toBe(409);
  expect((await json(early)).error).toMatchObject({
    code: "invalid_state",
    message: expect.stringMatching(/compose the video first/),
  });
  const stranger = apiClient(h.server.url, await createTestUser("variants-stranger"));
  expect((await stranger.post(`/api/sessions/${id}/variants`, body)).status).toBe(404);
});

test("three variants in one request: three final videos that look or sound different", async () => {
  const { api } = h;
  expect((await api.post(`/api/sessions/${id}/compose`, COMPOSE)).status).toBe(202);
  const composed = await waitForStatus(api, id, ["completed"], 240_000);
  const main = composed.session.finalVideoId;
  const voices = (d: Json) => d.audio.filter((a: Json) => a.metadata.kind === "voice");
  expect(voices(composed)).toHaveLength(1);

  const reversed = [...clips].reverse();
  const body = {
    variants: [
      { label: "Control" },
      { hook: "Never drink warm water again", callToAction: "Buy now" },
      { musicGenre: "cinematic", captionStyle: "boxed", clipOrder: reversed },
    ],
  };
  const started = await api.post(`/api/sessions/${id}/variants`, body);
  expect(started.status).toBe(202);
  const first = (await json(started)).session;
  expect(first.status).toBe("composing");
  // The same request again while it runs: the same run, nothing more started.
  const again = await json(api.post(`/api/sessions/${id}/variants`, body));
  expect(again.session.metadata.variants.composeRun).toBe(first.metadata.variants.composeRun);
  // A different compose meanwhile is refused.
  expect(
    (await api.post(`/api/sessions/${id}/variants`, { count: 2, vary: ["hook"] })).status,
  ).toBe(409);

  const done = await waitForStatus(api, id, ["completed"], 300_000);
  expect(done.session.finalVideoId).toBe(main);
  const variants = variantsOf(done);
  expect(variants.map((v: Json) => v.variant)).toEqual(["A", "B", "C"]);
  expect(variants.every((v: Json) => v.status === "completed" && v.aspectRatio === "9:16")).toBe(
    true,
  );
  const [a, b, c] = variants;
  expect(a.variantSettings).toEqual({
    label: "Control",
    hook: SCRIPT.hook,
    lines: SCRIPT.lines,
    callToAction: "Shop now",
    musicGenre: "upbeat",
    clipOrder: clips,
    captionStyle: "pop",
  });
  expect(b.variantSettings).toMatchObject({
    hook: "Never drink warm water again",
    callToAction: "Buy now",
    musicGenre: "upbeat",
  });
  expect(c.variantSettings).toMatchObject({
    hook: SCRIPT.hook,
    musicGenre: "cinematic",
    captionStyle: "boxed",
    clipOrder: reversed,
  });
  // The regular video is still the ad's one, shown as before.
  expect(done.finalVideos.filter((v: Json) => !v.variant).map((v: Json) => v.id)).toEqual([main]);
  // B's words are new: its own voice-over; C's genre is new: its own music.
  expect(voices(done)).toHaveLength(2);
  const genres = done.audio.map((x: Json) => x.metadata.genre).filter(Boolean);
  expect(new Set(genres)).toEqual(new Set(["upbeat", "cinematic"]));
  // Priced like composes: each render a composition cost row (3 variants + 1 compose).
  const costs = await json(api.get(`/api/sessions/${id}/costs`));
  expect(
    costs.items.filter((i: Json) => i.category === "composition" && i.success !== false).length,
  ).toBeGreaterThanOrEqual(2);

  // What a viewer sees and hears.
  const files = await Promise.all(variants.map((v: Json) => saved(v, v.variant)));
  const frames = await Promise.all(variants.map((v: Json, i: number) => endFrame(files[i], v)));
  const sounds = await Promise.all(files.map((f) => decodeAudio(f)));
  const width = Number(a.resolution.split("x")[0]);
  // A and B: another call to action on the end card, another hook spoken.
  expect(meanAbsDiff(frames[0], frames[1], width)).toBeGreaterThan(1);
  expect(soundDifference(sounds[0], sounds[1])).toBeGreaterThan(0.2);
  // A and C: another music genre under the same voice; other pictures (clips reversed).
  expect(soundDifference(sounds[0], sounds[2])).toBeGreaterThan(0.2);
  const [w, hgt] = a.resolution.split("x").map(Number);
  const firstClip = async (file: string) =>
    grabFrame(file, Math.round(2.5 * 30), { width: w, height: hgt });
  expect(meanAbsDiff(await firstClip(files[0]), await firstClip(files[2]), width)).toBeGreaterThan(
    2,
  );
  // B and C differ too.
  expect(soundDifference(sounds[1], sounds[2])).toBeGreaterThan(0.2);
}, 600_000);

test("bad input is a 400 naming the field, and nothing changes", async () => {
  const { api } = h;
  const before = await snapshot();
  const cases: [unknown, string, RegExp][] = [
    [{ count: 7, vary: ["hook"] }, "count", /2–6/],
    [{ count: 1, vary: ["hook"] }, "count", /2–6/],
    [{ count: 2, vary: ["tagline"] }, "vary.0", /hook, callToAction/],
    [{ count: 2 }, "vary", /vary/],
    [{ variants: [{}] }, "variants", /2–6/],
    [{ variants: [{}, {}, {}, {}, {}, {}, {}] }, "variants", /2–6/],
    [{ variants: [{}, {}], count: 2 }, "variants", /not both/],
    [{ variants: [{ clipOrder: [randomUUID()] }, {}] }, "variants.0.clipOrder.0", /approved clips/],
    [{ variants: [{}, { hook: "x".repeat(61) }] }, "variants.1.hook", /60/],
    [{ variants: [{ lines: ["a", "b", "c", "d", "e"] }, {}] }, "variants.0.lines", /at most 4/],
    [{ variants: [{ lines: ["y".repeat(81)] }, {}] }, "variants.0.lines.0", /80/],
    [
      { variants: [{ clipOrder: [clips[1], clips[0]], lines: ["One", "Two"] }, {}] },
      "variants.0.lines",
      /2 clips the script has at most 1 line/,
    ],
    [{ variants: [{ captionStyle: "wavy" }, {}] }, "variants.0.captionStyle", /karaoke/],
    [{ variants: [{ musicGenre: "polka" }, {}] }, "variants.0.musicGenre", /upbeat/],
    [{ variants: [{ callToAction: "z".repeat(31) }, {}] }, "variants.0.callToAction", /30/],
    [{ variants: [{ colour: "red" }, {}] }, "variants.0", /colour/],
  ];
  for (const [body, field, message] of cases) {
    const res = await api.post(`/api/sessions/${id}/variants`, body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    const err = (await json(res)).error;
    expect(err.code).toBe("invalid_input");
    const issue = err.issues.find((i: Json) => i.path === field);
    expect(issue, `${JSON.stringify(body)}: ${JSON.stringify(err.issues)}`).toBeDefined();
    expect(`${issue.message} ${err.message}`).toMatch(message);
  }
  expect(await snapshot()).toEqual(before);
});

test("each variant is a render: more than the hour has left is a 429, and nothing changes", async () => {
  const { api } = h;
  const usage = await json(api.get("/api/usage"));
  const used = usage.usage.rendersPerHour.used;
  expect(typeof used).toBe("number");
  const limit = env.QUOTA_RENDERS_PER_HOUR;
  Object.assign(env, { QUOTA_RENDERS_PER_HOUR: used + 2 });
  try {
    const before = await snapshot();
    const res = await api.post(`/api/sessions/${id}/variants`, {
      count: 3,
      vary: ["callToAction"],
    });
    expect(res.status).toBe(429);
    expect((await json(res)).error).toMatchObject({
      code: "rate_limited",
      limit: "renders_per_hour",
    });
    expect(await snapshot()).toEqual(before);
  } finally {
    Object.assign(env, { QUOTA_RENDERS_PER_HOUR: limit });
  }
});

test("new words on an ad without captions or a voice would not be seen: a 400", async () => {
  const { api } = h;
  const plain = await seedSessionAtClipReview(h.user.id, { clips: 2, seconds: 2 });
  expect(
    (await api.put(`/api/sessions/${plain.id}/approved-clips`, { assetIds: plain.clips })).status,
  ).toBe(200);
  await db().execute(
    sql`update sessions set metadata = metadata || ${JSON.stringify({ script: { ...SCRIPT, lines: [SCRIPT.lines[0]] } })}::jsonb where id = ${plain.id}`,
  );
  const body = { productName: "Steel Bottle", callToAction: "Shop now" };
  expect((await api.post(`/api/sessions/${plain.id}/compose`, body)).status).toBe(202);
  await waitForStatus(api, plain.id, ["completed"], 240_000);
  const before = await snapshot();
  for (const [req, field] of [
    [{ count: 2, vary: ["hook"] }, "vary"],
    [{ count: 3, vary: ["hook", "callToAction"] }, "vary"],
    [{ variants: [{}, { hook: "Never warm again" }] }, "variants.1.hook"],
    [{ variants: [{ lines: ["Another line"] }, {}] }, "variants.0.lines"],
  ] as const) {
    const res = await api.post(`/api/sessions/${plain.id}/variants`, req);
    expect(res.status, JSON.stringify(req)).toBe(400);
    const err = (await json(res)).error;
    expect(err.issues[0].path).toBe(field);
    expect(err.message).toMatch(/captions or a voice/);
  }
  expect(await snapshot()).toEqual(before);
  // With the caption style varied too, the hook varies where captions show it.
  const items = (
    await json(
      api.post(`/api/sessions/${plain.id}/variants`, { count: 4, vary: ["hook", "captionStyle"] }),
    )
  ).session.metadata.variants.items;
  expect(items.map((v: Json) => v.captionStyle)).toEqual([null, "karaoke", "pop", "boxed"]);
  expect(items[0].hook).toBe(SCRIPT.hook);
  expect(new Set(items.map((v: Json) => v.hook)).size).toBe(4);
  await waitForStatus(api, plain.id, ["completed"], 300_000);
}, 600_000);

test("{count, vary} builds the variants; retention keeps variants and regular videos apart", async () => {
  const { api } = h;
  const before = await json(api.get(`/api/sessions/${id}`));
  // Priced first, as the request will be: a render each; the ad's music and voice reused.
  const estimate = await json(
    api.get(`/api/sessions/${id}/estimate?stage=compose&count=2&vary=captionStyle,callToAction`),
  );
  expect(estimate.breakdown.map((l: Json) => l.label)).toEqual([
    "A: Video composition (ffmpeg)",
    "B: Video composition (ffmpeg)",
  ]);
  const genres = await json(
    api.get(`/api/sessions/${id}/estimate?stage=compose&count=3&vary=musicGenre`),
  );
  expect(genres.breakdown.map((l: Json) => l.label)).toEqual([
    "A: Video composition (ffmpeg)",
    "B: Background music",
    "B: Video composition (ffmpeg)",
    "C: Background music",
    "C: Video composition (ffmpeg)",
  ]);
  const bad = await api.get(`/api/sessions/${id}/estimate?stage=compose&count=2&vary=tagline`);
  expect(bad.status).toBe(400);
  expect((await json(bad)).error.issues[0].path).toMatch(/^vary/);
  const res = await api.post(`/api/sessions/${id}/variants`, {
    count: 2,
    vary: ["captionStyle", "callToAction"],
    confirmEstimate: estimate.amount,
  });
  expect(res.status).toBe(202);
  const items = (await json(res)).session.metadata.variants.items;
  // A is the last compose; B the next caption style and call to action.
  expect(items).toEqual([
    expect.objectContaining({ captionStyle: "pop", callToAction: "Shop now", hook: SCRIPT.hook }),
    expect.objectContaining({ captionStyle: "karaoke", callToAction: "Get yours today" }),
  ]);
  const done = await waitForStatus(api, id, ["completed"], 300_000);
  const run = done.session.metadata.variants.composeRun;
  expect(variantsOf(done, run).map((v: Json) => v.variant)).toEqual(["A", "B"]);
  expect(variantsOf(done)).toHaveLength(5);
  expect(done.session.finalVideoId).toBe(before.session.finalVideoId);

  // A month later: the first run's A and B are superseded by the new A and B; its C (no
  // newer C) and the regular video (no newer regular one) are kept.
  const later = new Date(Date.now() + 40 * 86_400_000);
  const result = await applyRetention({ store: storage(), now: later, days: 30 });
  expect(result.finalVideos).toBe(2);
  const left = await json(api.get(`/api/sessions/${id}`));
  expect(left.finalVideos.map((v: Json) => v.variant ?? "main").sort()).toEqual([
    "A",
    "B",
    "C",
    "main",
  ]);
  expect(variantsOf(left).filter((v: Json) => v.metadata.composeRun === run)).toHaveLength(2);
}, 600_000);

test("a failed variants run, retried, makes the variants again (not the regular video)", async () => {
  const { api } = h;
  const before = await json(api.get(`/api/sessions/${id}`));
  const run = before.session.metadata.variants.composeRun;
  const regular = before.finalVideos.filter((v: Json) => !v.variant).length;
  expect(variantsOf(before, run)).toHaveLength(2);
  // As a failure of that run leaves it (e.g. the music provider down): retry_count up by one.
  await db().execute(
    sql`update sessions set status = 'failed', current_stage = 'composition', retry_count = retry_count + 1, error_message = 'The music could not be made.' where id = ${id}`,
  );
  const res = await api.post(`/api/sessions/${id}/retry`, {});
  expect(res.status).toBe(202);
  const done = await waitForStatus(api, id, ["completed"], 300_000);
  expect(variantsOf(done, run).map((v: Json) => v.variant)).toEqual(["A", "A", "B", "B"]);
  expect(done.finalVideos.filter((v: Json) => !v.variant)).toHaveLength(regular);
  expect(done.session.finalVideoId).toBe(before.session.finalVideoId);
}, 600_000);

test("fewer clips: the script keeps one line per clip after the first, and the variants render", async () => {
  const { api } = h;
  const res = await api.post(`/api/sessions/${id}/variants`, {
    variants: [
      { clipOrder: [clips[2]] },
      { clipOrder: [clips[0], clips[1]], lines: ["Only this"] },
    ],
  });
  expect(res.status).toBe(202);
  const done = await waitForStatus(api, id, ["completed"], 300_000);
  const [a, b] = variantsOf(done, done.session.metadata.variants.composeRun);
  expect(a.variantSettings).toMatchObject({ clipOrder: [clips[2]], lines: [SCRIPT.lines[0]] });
  expect(b.variantSettings).toMatchObject({
    clipOrder: [clips[0], clips[1]],
    lines: ["Only this"],
  });
  const main = done.finalVideos.find((v: Json) => v.id === done.session.finalVideoId);
  expect(a.durationSeconds).toBeLessThan(main.durationSeconds);
  expect(b.durationSeconds).toBeLessThan(main.durationSeconds);
}, 600_000);
