// The music of a voiced ad covers the whole ad (issue 13): with a voice, each clip stays while
// its line is heard, so the ad runs longer than its clips' plain plan; the music is asked,
// priced and made for that length (no loop seam where the end card starts). Offline: the
// flite voice and the local music bed, real ffmpeg and storage.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts } from "@/lib/db/schema";
import {
  download,
  type Harness,
  type Json,
  json,
  probeBytes,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";
import { adWithScript } from "../voice/support";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.stop());

/** Two 1 s clips crossfading 0.5 s, then the 2 s end card: the plan without the voice. */
const PLAIN_SECONDS = 1 + 1 - 0.5 + 2;

const estimate = (id: string, query: string) =>
  json(h.api.get(`/api/sessions/${id}/estimate?stage=compose&music=true&${query}`));

test("a voiced ad longer than its plain plan: music asked, priced and made for the voiced length", async () => {
  const id = await adWithScript(h.user.id);
  const silent = await estimate(id, "voice=none");
  expect(silent).toMatchObject({ durationSeconds: PLAIN_SECONDS, durationFrom: "none" });

  // Before the voice exists: its length from the script, by the script editor's rule.
  const before = await estimate(id, "voice=flite-slt");
  expect(before.durationFrom).toBe("estimated");
  expect(before.durationSeconds).toBeGreaterThan(PLAIN_SECONDS + 2);
  const music = before.breakdown.find((l: Json) => l.label === "Background music");
  expect(music.seconds).toBe(Math.ceil(before.durationSeconds));

  const started = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Trail Bottle",
    callToAction: "Shop now",
    backgroundMusic: { enabled: true, genre: "chill" },
    voiceOver: { enabled: true, voice: "flite-slt" },
    confirmEstimate: before.amount,
  });
  expect(started.status).toBe(202);
  const done = await waitForStatus(h.api, id, ["completed"], 180_000);
  const video = done.finalVideos.find((v: Json) => v.id === done.session.finalVideoId);
  const videoSeconds = (await probeBytes((await download(h.api, h.server.url, video.url)).bytes))
    .durationSeconds;
  expect(videoSeconds).toBeGreaterThan(PLAIN_SECONDS + 2);

  // The music asset covers the whole ad, end card included (ffprobe of the stored file).
  const audio = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, id), eq(assets.type, "audio")));
  const beds = audio.filter((a) => (a.metadata as { kind?: string }).kind !== "voice");
  expect(beds).toHaveLength(1);
  const bed = await probeBytes((await download(h.api, h.server.url, beds[0].url)).bytes, "wav");
  expect(bed.durationSeconds).toBeGreaterThanOrEqual(videoSeconds);

  // Now the voice is made: the estimate's length is the ad's own, and the ledger row of the
  // music records the seconds that were really asked for.
  const after = await estimate(id, "voice=flite-slt");
  expect(after.durationFrom).toBe("made");
  expect(Math.abs(after.durationSeconds - videoSeconds)).toBeLessThan(0.05);
  const [row] = await db()
    .select()
    .from(generationCosts)
    .where(and(eq(generationCosts.sessionId, id), eq(generationCosts.assetId, beds[0].id)));
  expect(Number(row.secondsProcessed)).toBe(Math.ceil(after.durationSeconds));
  // The estimate from the script was near the voice's real length.
  expect(Math.abs(before.durationSeconds - after.durationSeconds)).toBeLessThan(2);
  // The same music is reused by the same edit: nothing to pay for it again.
  expect(after.breakdown.map((l: Json) => l.label)).not.toContain("Background music");
  console.log(
    `plain plan ${PLAIN_SECONDS} s; estimated ${before.durationSeconds} s; voiced ad ${videoSeconds.toFixed(2)} s; music ${bed.durationSeconds.toFixed(2)} s`,
  );
}, 240_000);

test("captions without a voice: the reading schedule's length is priced before it is made, and made as priced", async () => {
  const id = await adWithScript(h.user.id);
  const plain = await estimate(id, "voice=none&captions=none");
  expect(plain).toMatchObject({ durationSeconds: PLAIN_SECONDS, durationFrom: "none" });
  // Each clip stays while its line is read: a longer ad, and music for all of it.
  const read = await estimate(id, "voice=none&captions=karaoke");
  expect(read.durationSeconds).toBeGreaterThan(PLAIN_SECONDS + 2);
  const music = read.breakdown.find((l: Json) => l.label === "Background music");
  expect(music.seconds).toBe(Math.ceil(read.durationSeconds));
  const bad = await h.api.get(`/api/sessions/${id}/estimate?stage=compose&captions=huge`);
  expect(bad.status).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain("captions");

  const started = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Trail Bottle",
    callToAction: "Shop now",
    backgroundMusic: { enabled: true, genre: "chill" },
    voiceOver: { enabled: false },
    captions: { enabled: true, style: "karaoke" },
    confirmEstimate: read.amount,
  });
  expect(started.status).toBe(202);
  const done = await waitForStatus(h.api, id, ["completed"], 180_000);
  const video = done.finalVideos.find((v: Json) => v.id === done.session.finalVideoId);
  const videoSeconds = (await probeBytes((await download(h.api, h.server.url, video.url)).bytes))
    .durationSeconds;
  expect(Math.abs(videoSeconds - read.durationSeconds)).toBeLessThan(0.05);
  // The music was asked for the seconds the estimate showed.
  const [bed] = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, id), eq(assets.type, "audio")));
  const [row] = await db()
    .select()
    .from(generationCosts)
    .where(and(eq(generationCosts.sessionId, id), eq(generationCosts.assetId, bed.id)));
  expect(Number(row.secondsProcessed)).toBe(music.seconds);
}, 240_000);
