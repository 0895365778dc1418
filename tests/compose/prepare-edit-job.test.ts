// Approving clips prepares the edit of the ad's own format in the background (the
// prepare-edit job): the approval answers at once, an approval replaced by a newer one
// prepares nothing, formats nobody picked are not prepared, a format picked on the Finish
// step (POST /prepare) is prepared then, and the compose encodes only its text. The worker
// starts after both approvals, so the order is certain.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEFAULT_CALL_TO_ACTION } from "@/lib/creative/script";
import { db } from "@/lib/db/client";
import { cacheRoot } from "@/lib/pipeline/jobs/compose";
import { startWorker } from "@/lib/pipeline/worker";
import {
  download,
  type Harness,
  type Json,
  json,
  probeBytes,
  startHarness,
  waitFor,
  waitForStatus,
} from "../pipeline/support/harness";
import { seedSessionAtClipReview } from "./seed";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false });
}, 120_000);
afterAll(() => h?.stop());

const jobs = async (id: string) =>
  (await db().execute(
    sql`select state, data from pgboss.job where name = 'prepare-edit' and data->>'sessionId' = ${id} order by created_on`,
  )) as unknown as { state: string; data: { clipIds: string[]; ratio: string } }[];

test("approving clips prepares the ad's own format; a format picked later is prepared then; the compose encodes only its text", async () => {
  const { id, clips } = await seedSessionAtClipReview(h.user.id, { clips: 3, seconds: 2 });
  const first = await h.api.put(`/api/sessions/${id}/approved-clips`, { assetIds: clips });
  expect(first.status).toBe(200);
  const order = [clips[2], clips[0], clips[1]];
  const second = await h.api.put(`/api/sessions/${id}/approved-clips`, { assetIds: order });
  expect(second.status).toBe(200);
  expect((await json(second)).session.approvedClipIds).toEqual(order);
  expect((await jobs(id)).map((j) => j.state)).toEqual(["created", "created"]); // queued; nothing ran during the requests

  await startWorker();
  await waitFor("both preparations to finish", async () => {
    const rows = await jobs(id);
    return rows.length === 2 && rows.every((r) => r.state === "completed");
  });
  const files = async () => readdir(path.join(cacheRoot(), id));
  const kinds = async (prefix: string) => (await files()).filter((f) => f.startsWith(prefix));
  // Only the latest order, only 9:16 (the ad's own, whose clips are already in its encoding):
  // its one text-free crossfade (clip 0 → 1; the first is under the title) — the designed
  // end card shows the words, so its dissolve waits for the compose; no clip normalised for
  // formats nobody picked.
  expect((await jobs(id)).map((j) => j.data.ratio)).toEqual(["9:16", "9:16"]);
  expect(await kinds("piece-")).toHaveLength(1);
  expect(await kinds("clip-")).toHaveLength(0);
  expect(await kinds("stretch-")).toHaveLength(1);

  // Picking 16:9 beside it on the Finish step prepares 16:9; asking again changes nothing.
  const bad = await h.api.post(`/api/sessions/${id}/prepare`, { aspectRatios: ["4:3"] });
  expect(bad.status).toBe(400);
  for (let i = 0; i < 2; i++) {
    const picked = await h.api.post(`/api/sessions/${id}/prepare`, {
      aspectRatios: ["9:16", "16:9"],
    });
    expect(picked.status).toBe(202);
  }
  await waitFor("the 16:9 preparation to finish", async () => {
    const rows = await jobs(id);
    return rows.length === 3 && rows.every((r) => r.state === "completed");
  });
  expect((await jobs(id)).map((j) => j.data.ratio)).toEqual(["9:16", "9:16", "16:9"]);
  expect(await kinds("piece-")).toHaveLength(2 * 1);
  expect(await kinds("clip-")).toHaveLength(3);
  expect(await kinds("stretch-")).toHaveLength(2);

  const started = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Pink Runner",
    callToAction: "Shop now",
    aspectRatios: ["9:16", "16:9"],
  });
  expect(started.status).toBe(202);
  const done = await waitForStatus(h.api, id, ["completed"], 120_000);
  expect(done.finalVideos).toHaveLength(2);
  for (const v of done.finalVideos as Json[]) {
    // 3 × 2 s − 2 × 0.5 s + 2 s card = 7 s = 210 frames, of which only the title (60) and
    // the designed end card (60, it moves the whole time) are encoded now.
    expect(v.metadata.render).toMatchObject({
      method: "fast",
      preparedPieces: 1,
      renderedFrames: 120,
    });
    const info = await probeBytes((await download(h.api, h.server.url, v.url)).bytes);
    expect(Math.abs(info.durationSeconds - 7)).toBeLessThan(0.1);
    expect(info.audio?.codec).toBe("aac");
  }
});

test("the words sent with POST /prepare (as the Finish step sends them) get the end card made ahead; the compose with them encodes only the title", async () => {
  const { id, clips } = await seedSessionAtClipReview(h.user.id, { clips: 3, seconds: 2 });
  const approved = await h.api.put(`/api/sessions/${id}/approved-clips`, { assetIds: clips });
  expect(approved.status).toBe(200);
  const words = { productName: "Court Queen", callToAction: DEFAULT_CALL_TO_ACTION };
  const prepared = await h.api.post(`/api/sessions/${id}/prepare`, {
    aspectRatios: ["9:16"],
    ...words,
  });
  expect(prepared.status).toBe(202);
  await waitFor("both preparations to finish", async () => {
    const rows = await jobs(id);
    return rows.length === 2 && rows.every((r) => r.state === "completed");
  });

  const started = await h.api.post(`/api/sessions/${id}/compose`, words);
  expect(started.status).toBe(202);
  const done = await waitForStatus(h.api, id, ["completed"], 120_000);
  const [video] = done.finalVideos as Json[];
  // 7 s = 210 frames: the title (60) encoded now; the end card was made ahead.
  expect(video.metadata.render).toMatchObject({ method: "fast", renderedFrames: 60 });
  const info = await probeBytes((await download(h.api, h.server.url, video.url)).bytes);
  expect(Math.abs(info.durationSeconds - 7)).toBeLessThan(0.1);
});
