// The voice-over offline, through the HTTP API with the worker in this process: the voice
// list and its previews (real flite speech, made once and then read from storage), the
// compose request's voice (an unknown one is a 400 that changes nothing), and the voice-over
// a compose makes — an `audio` asset of kind voice with its words and its $0 cost row,
// private to its owner, and reused by the next compose with the same words and voice.
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  download,
  type Harness,
  type Json,
  json,
  probeBytes,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";
import { apiClient, createTestUser } from "../support/users";
import { adWithScript, costRows, SPOKEN, sessionRow, voiceAssets } from "./support";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.stop());

const compose = (id: string, extra: object = {}) =>
  h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Trail Bottle",
    callToAction: "Shop now",
    ...extra,
  });

test("the voice list: English offline voices with previews; none for German; a bad tag is a 400; signed out is a 401", async () => {
  const en = await json(h.api.get("/api/voices?language=en-US"));
  expect(en.voices.map((v: Json) => v.id)).toEqual([
    "flite-slt",
    "flite-rms",
    "flite-awb",
    "flite-kal",
  ]);
  expect(en.voices[0]).toMatchObject({
    language: "en",
    provider: "local",
    synthetic: true,
    previewUrl: "/api/voices/flite-slt/preview",
  });
  expect((await json(h.api.get("/api/voices?language=de"))).voices).toEqual([]);
  const bad = await h.api.get("/api/voices?language=english!");
  expect(bad.status).toBe(400);
  expect((await json(bad)).error.message).toMatch(/language tag/);
  expect((await fetch(`${h.server.url}/api/voices`)).status).toBe(401);
  expect((await fetch(`${h.server.url}/api/voices/flite-slt/preview`)).status).toBe(401);
});

test("a preview is a few seconds of real speech, made once and then served from storage", async () => {
  const started = Date.now();
  const first = await download(h.api, h.server.url, "/api/voices/flite-rms/preview");
  const firstMs = Date.now() - started;
  expect(first.res.status).toBe(200);
  expect(first.res.headers.get("content-type")).toMatch(/audio\/wav/);
  const info = await probeBytes(first.bytes, "wav");
  expect(info.durationSeconds).toBeGreaterThan(2);
  expect(info.durationSeconds).toBeLessThan(10);
  const again = Date.now();
  const second = await download(h.api, h.server.url, "/api/voices/flite-rms/preview");
  expect(second.bytes.equals(first.bytes)).toBe(true);
  expect(Date.now() - again).toBeLessThan(Math.max(200, firstMs / 2));
  expect((await h.api.get("/api/voices/nobody/preview")).status).toBe(404);
});

test("an unknown voice is a 400 that names it and changes nothing; no script is a 409", async () => {
  const id = await adWithScript(h.user.id);
  const before = await sessionRow(id);
  const bad = await compose(id, { voiceOver: { enabled: true, voice: "Morgan_Freeman" } });
  expect(bad.status).toBe(400);
  const body = await json(bad);
  expect(body.error.issues).toEqual([
    expect.objectContaining({
      path: "voiceOver.voice",
      message: expect.stringContaining('no voice called "Morgan_Freeman"'),
    }),
  ]);
  const speed = await compose(id, { voiceOver: { enabled: true, speed: 3 } });
  expect(speed.status).toBe(400);
  const after = await sessionRow(id);
  expect(after.status).toBe("reviewing_videos");
  expect(after.metadata).toEqual(before.metadata);
  expect(after.productName).toBe(before.productName);
  expect(await voiceAssets(id)).toEqual([]);

  const noScript = await adWithScript(h.user.id, null);
  const refused = await compose(noScript, { voiceOver: { enabled: true } });
  expect(refused.status).toBe(409);
  expect((await json(refused)).error.message).toMatch(/no script yet/);
});

test("compose with a voice: the voice-over asset (words, $0 cost row) is private to its owner and reused by the next compose", async () => {
  const id = await adWithScript(h.user.id);
  const estimate = await json(
    h.api.get(`/api/sessions/${id}/estimate?stage=compose&voice=flite-awb&voiceSpeed=1.2`),
  );
  expect(estimate.breakdown[0]).toMatchObject({
    label: `Voice-over (${SPOKEN.length} characters)`,
    category: "audio_generation",
    provider: "local",
    model: "local-flite-1",
    amount: 0,
  });
  expect(
    (await compose(id, { voiceOver: { enabled: true, voice: "flite-awb", speed: 1.2 } })).status,
  ).toBe(202);
  await waitForStatus(h.api, id, ["completed"], 120_000);

  const [voice] = await voiceAssets(id);
  expect(voice).toMatchObject({
    status: "completed",
    source: "local-speech",
    mimeType: "audio/wav",
    modelVersion: "local-flite-1",
  });
  const meta = voice.metadata as Json;
  expect(meta).toMatchObject({ voice: "flite-awb", speed: 1.2, language: "en", text: SPOKEN });
  expect(meta.words.map((w: Json) => w.word)).toEqual(SPOKEN.split(/\s+/));
  expect(
    meta.words.every(
      (w: Json, i: number) => w.end >= w.start && (i === 0 || w.start >= meta.words[i - 1].start),
    ),
  ).toBe(true);
  expect(meta.words.at(-1).end).toBeLessThanOrEqual(Number(voice.durationSeconds) + 0.01);
  const costs = await costRows(id, voice.id);
  expect(costs).toEqual([
    expect.objectContaining({
      category: "audio_generation",
      success: true,
      amount: "0.0000",
      modelName: "local-flite-1",
    }),
  ]);

  const file = await download(h.api, h.server.url, voice.url);
  expect(file.res.status).toBe(200);
  const info = await probeBytes(file.bytes, "wav");
  expect(info.audio).toMatchObject({ codec: "pcm_s16le", channels: 1 });
  expect(info.durationSeconds).toBeCloseTo(Number(voice.durationSeconds), 1);
  const stranger = apiClient(h.server.url, await createTestUser("stranger"));
  expect((await stranger.get(voice.url)).status).toBe(404);

  // The same words and voice, new text colour: the voice-over is reused, not made again.
  const again = await json(
    h.api.get(`/api/sessions/${id}/estimate?stage=compose&voice=flite-awb&voiceSpeed=1.2`),
  );
  expect(again.breakdown.map((l: Json) => l.label)).not.toContain(
    `Voice-over (${SPOKEN.length} characters)`,
  );
  expect(
    (
      await compose(id, {
        textColor: "#FFCC00",
        voiceOver: { enabled: true, voice: "flite-awb", speed: 1.2 },
      })
    ).status,
  ).toBe(202);
  await waitForStatus(h.api, id, ["completed"], 120_000);
  expect(await voiceAssets(id)).toHaveLength(1);
  expect(await costRows(id, voice.id)).toHaveLength(1);

  // Another speed is another voice-over: made anew, the first one kept.
  expect(
    (await compose(id, { voiceOver: { enabled: true, voice: "flite-awb", speed: 0.8 } })).status,
  ).toBe(202);
  await waitForStatus(h.api, id, ["completed"], 120_000);
  const both = await voiceAssets(id);
  expect(both).toHaveLength(2);
  const slower = both.find((a) => a.id !== voice.id)!;
  expect(slower.metadata).toMatchObject({ speed: 0.8 });
  expect(Number(slower.durationSeconds)).toBeGreaterThan(Number(voice.durationSeconds) * 1.3);
});
