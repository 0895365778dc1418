// Captions through the HTTP API: compose with `captions`, the session's script drawn on a
// reading schedule, SRT and WebVTT stored beside each final video and downloadable by its
// owner only; a bad caption style is a 400 that changes nothing; without captions, none.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import {
  download,
  type Harness,
  type Json,
  json,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";
import { apiClient, createTestUser } from "../support/users";
import { seedSessionAtClipReview } from "./seed";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.stop());

const SCRIPT = { language: "en", hook: "Cold for a whole day", lines: ["A lid that never leaks"] };

test("compose with captions → SRT and WebVTT beside every format, downloadable by the owner", async () => {
  const { api, server } = h;
  const seeded = await seedSessionAtClipReview(h.user.id, { clips: 2, seconds: 2 });
  const approved = await api.put(`/api/sessions/${seeded.id}/approved-clips`, {
    assetIds: seeded.clips,
  });
  expect(approved.status).toBe(200);
  const id = seeded.id;
  // The script engineer's writer fills this in; here it is set as it would be stored.
  await db().execute(
    sql`update sessions set metadata = metadata || ${JSON.stringify({ script: SCRIPT })}::jsonb where id = ${id}`,
  );
  const body = {
    productName: "Steel Bottle",
    callToAction: "Shop now",
    aspectRatios: ["9:16", "16:9"],
  };

  const bad = await api.post(`/api/sessions/${id}/compose`, {
    ...body,
    captions: { enabled: true, style: "wavy" },
  });
  expect(bad.status).toBe(400);
  const issues = (await json(bad)).error.issues;
  expect(issues.map((i: Json) => i.path)).toContain("captions.style");
  expect(issues.find((i: Json) => i.path === "captions.style").message).toMatch(
    /karaoke, pop, boxed/,
  );
  expect((await json(api.get(`/api/sessions/${id}`))).session.status).toBe("reviewing_videos");

  const started = await api.post(`/api/sessions/${id}/compose`, {
    ...body,
    captions: { enabled: true, style: "pop" },
  });
  expect(started.status).toBe(202);
  const done = await waitForStatus(api, id, ["completed"], 180_000);
  expect(done.finalVideos).toHaveLength(2);
  for (const v of done.finalVideos) {
    expect(v.captionsSrtUrl).toMatch(/^\/api\/media\/sessions\/.+\.srt$/);
    expect(v.captionsVttUrl).toMatch(/^\/api\/media\/sessions\/.+\.vtt$/);
    const srt = await download(api, server.url, v.captionsSrtUrl);
    expect(srt.res.status).toBe(200);
    const text = srt.bytes.toString("utf8");
    expect(text).toMatch(/^1\n00:00:0\d,\d{3} --> 00:00:0\d,\d{3}\n/);
    // Every word of the script, in order (pop shows a few words per cue).
    const words = [...text.matchAll(/-->.*\n(.+)/g)].map((m) => m[1]).join(" ");
    expect(words).toBe([SCRIPT.hook, ...SCRIPT.lines].join(" "));
    const vtt = await download(api, server.url, v.captionsVttUrl);
    expect(vtt.res.status).toBe(200);
    expect(vtt.res.headers.get("content-type")).toContain("text/vtt");
    expect(vtt.bytes.toString("utf8").startsWith("WEBVTT\n")).toBe(true);
    // Someone else's session: not found, as for any of its files.
    const stranger = apiClient(server.url, await createTestUser("stranger"));
    expect((await stranger.get(v.captionsVttUrl)).status).toBe(404);
  }

  // Composed again without captions: the new videos have none (the old ones keep theirs).
  const again = await api.post(`/api/sessions/${id}/compose`, { ...body, aspectRatios: ["9:16"] });
  expect(again.status).toBe(202);
  const plain = await waitForStatus(api, id, ["completed"], 180_000);
  const latest = plain.finalVideos.find((v: Json) => v.id === plain.session.finalVideoId);
  expect(latest).toMatchObject({ captionsSrtUrl: null, captionsVttUrl: null });
});
