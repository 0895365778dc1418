// The edit prepared with the words, voice-over and captions the Finish step names (POST
// /prepare with productName, callToAction, voiceOver, captions): the offline voice is made
// ahead (free, its $0 cost row), the clips held for their sentences, the pieces under the
// captions and the designed end card are made in the background, and the compose that
// follows with the same choices takes them — it encodes only its title — and makes the same
// ad, frame for frame in length, as a compose with nothing prepared. A bad voice or name is
// a 400. A paid voice is never made ahead.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { scriptSentences } from "@/lib/creative/script";
import { db } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { composeVideo } from "@/lib/media/compose-video";
import { editSpec, localClips } from "@/lib/pipeline/jobs/compose";
import { freeVoiceOver } from "@/lib/pipeline/voice-over";
import { storage } from "@/lib/storage";
import {
  type Harness,
  type Json,
  json,
  startHarness,
  waitFor,
  waitForStatus,
} from "../pipeline/support/harness";
import { costRows, voiceAssets } from "../voice/support";
import { seedSessionAtClipReview } from "./seed";

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = await mkdtemp(path.join(tmpdir(), "prepare-voice-"));
}, 120_000);
afterAll(async () => {
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const SCRIPT = {
  language: "en",
  hook: "Cold for a whole day.",
  lines: ["A lid that never leaks in your bag.", "Steel that lasts for years."],
};
const VOICE = { enabled: true, voice: "flite-kal", speed: 1 };
const CAPTIONS = { enabled: true, style: "karaoke" };

const jobs = async (id: string) =>
  (await db().execute(
    sql`select state from pgboss.job where name = 'prepare-edit' and data->>'sessionId' = ${id}`,
  )) as unknown as { state: string }[];

test("a voice and captions named on the Finish step are prepared ahead; the compose then encodes only its title and makes the same ad", async () => {
  const { id, clips } = await seedSessionAtClipReview(h.user.id, { clips: 3, seconds: 2 });
  const [row] = await db().select().from(sessions).where(eq(sessions.id, id));
  await db()
    .update(sessions)
    .set({ metadata: { ...(row.metadata as object), script: SCRIPT } })
    .where(eq(sessions.id, id));
  expect((await h.api.put(`/api/sessions/${id}/approved-clips`, { assetIds: clips })).status).toBe(
    200,
  );

  // A voice this deployment does not have: 400 naming the field, nothing made or queued.
  const bad = await h.api.post(`/api/sessions/${id}/prepare`, {
    aspectRatios: ["9:16"],
    voiceOver: { enabled: true, voice: "Morgan_Freeman" },
  });
  expect(bad.status).toBe(400);
  expect((await json(bad)).error.issues.map((i: Json) => i.path)).toContain("voiceOver.voice");
  const long = await h.api.post(`/api/sessions/${id}/prepare`, {
    aspectRatios: ["9:16"],
    productName: "x".repeat(51),
  });
  expect(long.status).toBe(400);
  expect((await json(long)).error.issues.map((i: Json) => i.path)).toContain("productName");
  expect(await voiceAssets(id)).toEqual([]);

  // The Finish step sends what is being chosen: the words, the voice, the captions.
  const named = await h.api.post(`/api/sessions/${id}/prepare`, {
    aspectRatios: ["9:16"],
    productName: "Steel Bottle",
    callToAction: "Shop now",
    voiceOver: VOICE,
    captions: CAPTIONS,
  });
  expect(named.status).toBe(202);
  await waitFor(
    "both preparations (at approval, then with the voice) to finish",
    async () => {
      const rows = await jobs(id);
      return rows.length === 2 && rows.every((r) => r.state === "completed");
    },
    120_000,
  );
  // The offline voice was made ahead, for nothing.
  const [voice] = await voiceAssets(id);
  expect(voice).toMatchObject({ status: "completed", source: "local-speech" });
  expect(await costRows(id, voice.id)).toEqual([expect.objectContaining({ amount: "0.0000" })]);

  const started = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Steel Bottle",
    callToAction: "Shop now",
    voiceOver: VOICE,
    captions: CAPTIONS,
  });
  expect(started.status).toBe(202);
  const done = await waitForStatus(h.api, id, ["completed"], 120_000);
  expect(await voiceAssets(id)).toHaveLength(1); // reused, not made again
  const [video] = done.finalVideos as Json[];
  const render = video.metadata.render;
  expect(render.method).toBe("fast");
  // Only the opening title (2 s = 60 frames) is encoded now: the held clips under their
  // captions, the crossfades and the end card were prepared.
  expect(render.renderedFrames).toBe(60);
  expect(render.preparedPieces).toBeGreaterThanOrEqual(3);
  expect(render.preparedFrames + render.copiedFrames).toBeGreaterThan(100);

  // The same ad with nothing prepared: as long, frame for frame.
  const s = (await db().select().from(sessions).where(eq(sessions.id, id)))[0];
  const wav = path.join(dir, "voice.wav");
  await storage().download(voice.storagePath!, wav);
  const [cold] = await composeVideo(
    {
      ...editSpec(s, await localClips(s, path.join(dir, "clips"))),
      voiceOver: { path: wav, words: (voice.metadata as Json).words },
      script: scriptSentences(SCRIPT),
      captions: { style: "karaoke" },
    },
    { outDir: path.join(dir, "out"), workDir: dir },
  );
  expect(cold.stats.preparedFrames).toBe(0);
  expect(cold.frames).toBe(render.renderedFrames + render.copiedFrames + render.preparedFrames);
  // Each clip holds for its sentence: longer than the 7 s the clips and card make silent.
  expect(cold.durationSeconds).toBeGreaterThan(7.5);
  expect(Math.abs(Number(video.durationSeconds) - cold.durationSeconds)).toBeLessThan(0.04);
});

test("only a free voice is made ahead of the compose", () => {
  const request = { text: "Cold for a whole day.", voice: "v", language: "en", speed: 1 };
  expect(freeVoiceOver({ ...request, model: "local-flite-1" })).toBe(true);
  expect(freeVoiceOver({ ...request, model: "minimax-speech-2.6-turbo" })).toBe(false);
  expect(freeVoiceOver({ ...request, model: "minimax-speech-02-turbo" })).toBe(false);
});
