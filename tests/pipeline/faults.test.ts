// Provider faults (injected into the local providers): transient ones are retried and
// succeed, permanent ones fail the asset with a message, too few images fail the stage, and
// retry re-runs only what is missing.
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts } from "@/lib/db/schema";
import { injectFaults } from "../support/provider-faults";
import {
  adWithClips,
  type Harness,
  type Json,
  json,
  startAd,
  startHarness,
  waitForStatus,
} from "./support/harness";

vi.hoisted(() => {
  process.env.JOB_RETRY_DELAY_SECONDS = "1";
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => injectFaults());
afterAll(() => h?.stop());

const costRows = (sessionId: string) =>
  db().select().from(generationCosts).where(eq(generationCosts.sessionId, sessionId));

test("transient failures are retried with backoff and succeed", async () => {
  injectFaults({ faults: "llm:transient,image:transient" });
  const id = await startAd(h.api, { numImages: 4 });
  const detail = await waitForStatus(h.api, id, ["reviewing_images"]);
  expect(detail.images.map((a: Json) => [a.status, a.retryCount])).toEqual(
    Array(4).fill(["completed", 1]),
  );
  const rows = await costRows(id);
  // One row per call: a failed and a successful parse, and the same for every image.
  expect(
    rows
      .filter((r) => r.category === "llm")
      .map((r) => r.success)
      .sort(),
  ).toEqual([false, true]);
  for (const image of detail.images) {
    const mine = rows.filter((r) => r.assetId === image.id);
    expect(mine.map((r) => r.success).sort()).toEqual([false, true]);
    expect(mine.find((r) => !r.success)?.errorMessage).toMatch(/did not answer in time/);
  }
});

test("a permanent failure fails that image with a message; four good images still make the stage", async () => {
  injectFaults({ faults: "image#1:permanent,image#4:permanent" });
  const id = await startAd(h.api, { numImages: 6 });
  const detail = await waitForStatus(h.api, id, ["reviewing_images"]);
  const byIndex = new Map(detail.images.map((a: Json) => [a.metadata.index, a]));
  for (const i of [1, 4]) {
    expect(byIndex.get(i)).toMatchObject({
      status: "failed",
      retryCount: 1,
      errorMessage: expect.stringMatching(/refused this request/),
    });
  }
  expect(detail.images.filter((a: Json) => a.status === "completed").length).toBe(4);
  // A failed image cannot be approved.
  const res = await h.api.put(`/api/sessions/${id}/approved-images`, {
    assetIds: [(byIndex.get(0) as Json).id, (byIndex.get(1) as Json).id],
  });
  expect(res.status).toBe(400);
  expect((await json(res)).error.issues[0]).toMatchObject({
    path: "assetIds.1",
    message: expect.stringMatching(/failed/),
  });
});

test("fewer than 4 images fail the stage with a message; retry makes only the missing ones", async () => {
  injectFaults({ faults: "image#0:permanent,image#2:permanent,image#5:permanent" });
  const id = await startAd(h.api, { numImages: 6 });
  const failed = await waitForStatus(h.api, id, ["failed"]);
  expect(failed.session.errorMessage).toMatch(
    /Only 3 of 6 images could be made.*at least 4.*Retry/,
  );
  expect(failed.session.retryCount).toBe(1);
  const kept = failed.images.filter((a: Json) => a.status === "completed");
  expect(kept.length).toBe(3);
  const rowsBefore = await costRows(id);

  injectFaults(); // the service recovers
  const retried = await h.api.post(`/api/sessions/${id}/retry`);
  expect(retried.status).toBe(202);
  expect((await json(retried)).session.status).toBe("generating_images");
  const done = await waitForStatus(h.api, id, ["reviewing_images"]);
  expect(done.session).toMatchObject({ errorMessage: null, retryCount: 1 });
  expect(done.images.length).toBe(6); // the same six rows: nothing duplicated
  expect(done.images.every((a: Json) => a.status === "completed")).toBe(true);
  for (const k of kept) {
    const now = done.images.find((a: Json) => a.id === k.id);
    expect(now.updatedAt).toBe(k.updatedAt); // finished images were not touched
  }
  const rowsAfter = await costRows(id);
  const newRows = rowsAfter.filter((r) => !rowsBefore.some((b) => b.id === r.id));
  expect(newRows.length).toBe(3); // one call for each missing image, nothing else
  expect(new Set(newRows.map((r) => r.assetId))).toEqual(
    new Set(failed.images.filter((a: Json) => a.status === "failed").map((a: Json) => a.id)),
  );
  // A second retry now has nothing to do.
  expect((await h.api.post(`/api/sessions/${id}/retry`)).status).toBe(409);
});

test("a failed prompt parse fails the stage with a message and retry starts it again", async () => {
  injectFaults({ faults: "llm:permanent" });
  const id = await startAd(h.api, { numImages: 4 });
  const failed = await waitForStatus(h.api, id, ["failed"]);
  expect(failed.session.errorMessage).toMatch(/couldn't plan the shots/);
  expect(failed.images).toEqual([]);
  injectFaults();
  // generate-images again does the same as retry here.
  expect((await h.api.post(`/api/sessions/${id}/generate-images`, {})).status).toBe(202);
  const done = await waitForStatus(h.api, id, ["reviewing_images"]);
  expect(done.images.length).toBe(4);
});

test("clips: a permanent failure fails one clip; when all fail, retry re-renders only those", async () => {
  injectFaults({ faults: "video#1:permanent" });
  const partly = await adWithClips(h.api, 2);
  expect(partly.session.status).toBe("reviewing_videos");
  expect(partly.videoClips.map((c: Json) => c.status)).toEqual(["completed", "failed"]);
  expect(partly.videoClips[1].errorMessage).toMatch(/refused this request/);

  injectFaults({ faults: "video:permanent" });
  const none = await adWithClips(h.api, 2);
  expect(none.session.status).toBe("failed");
  expect(none.session.errorMessage).toMatch(/None of the 2 clips could be made/);
  injectFaults();
  expect((await h.api.post(`/api/sessions/${none.session.id}/retry`)).status).toBe(202);
  const done = await waitForStatus(h.api, none.session.id, ["reviewing_videos"], 180_000);
  expect(done.videoClips.map((c: Json) => c.id)).toEqual(none.videoClips.map((c: Json) => c.id));
  expect(done.videoClips.every((c: Json) => c.status === "completed")).toBe(true);
  const images = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, none.session.id), eq(assets.type, "image")));
  expect(images.length).toBe(4); // the image stage did not run again
});
