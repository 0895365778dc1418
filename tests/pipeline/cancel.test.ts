// Cancel stops the work: queued jobs skip, running provider calls are aborted, nothing
// finishes afterwards; retry resumes a cancelled ad, keeping what it finished.
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { generationCosts } from "@/lib/db/schema";
import { injectFaults } from "../support/provider-faults";
import {
  type Harness,
  type Json,
  json,
  startAd,
  startHarness,
  waitFor,
  waitForStatus,
} from "./support/harness";

/** Every provider call takes this long (abortable), so a cancel lands mid-call. */
const SLOW_MS = 5_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => injectFaults());
afterAll(() => h?.stop());

const imageRows = (sessionId: string) =>
  db()
    .select()
    .from(generationCosts)
    .where(
      and(
        eq(generationCosts.sessionId, sessionId),
        eq(generationCosts.category, "image_generation"),
      ),
    );

test("cancel aborts running image calls, skips queued ones, and retry resumes with what was finished", async () => {
  injectFaults({ latencyMs: SLOW_MS });
  const id = await startAd(h.api, { numImages: 4 });
  // Slow calls: two images run (IMAGE_CONCURRENCY), two wait in the queue.
  const detail = await waitForStatus(h.api, id, ["generating_images"]);
  expect(detail.images.every((a: Json) => a.status === "generating")).toBe(true);
  await new Promise((r) => setTimeout(r, 1500)); // let the first two calls start

  const cancelled = await h.api.post(`/api/sessions/${id}/cancel`);
  expect(cancelled.status).toBe(200);
  expect((await json(cancelled)).session.status).toBe("cancelled");
  const after = await json(h.api.get(`/api/sessions/${id}`));
  expect(after.images.map((a: Json) => [a.status, a.errorMessage])).toEqual(
    Array(4).fill(["failed", "Cancelled."]),
  );

  // The running calls end as failures well before their natural end; the queued ones never call.
  const aborted = await waitFor("the running calls to stop", async () => {
    const rows = await imageRows(id);
    return rows.length >= 2 && rows;
  });
  for (const row of aborted) {
    expect(row.success).toBe(false);
    expect(row.apiLatencyMs).toBeLessThan(SLOW_MS); // cut short, not finished
  }
  await new Promise((r) => setTimeout(r, SLOW_MS)); // past when the calls would have ended
  const later = await json(h.api.get(`/api/sessions/${id}`));
  expect(later.session.status).toBe("cancelled");
  expect(later.images.every((a: Json) => a.status === "failed")).toBe(true);
  expect((await imageRows(id)).filter((r) => r.success)).toEqual([]);
  expect(new Set((await imageRows(id)).map((r) => r.assetId)).size).toBe(2); // the two that were queued never ran

  // Cancel again: harmless.
  expect((await json(h.api.post(`/api/sessions/${id}/cancel`))).session.status).toBe("cancelled");

  // Retry resumes the image stage at full speed, on the same rows.
  injectFaults();
  const resumed = await h.api.post(`/api/sessions/${id}/retry`);
  expect(resumed.status).toBe(202);
  expect((await json(resumed)).session).toMatchObject({
    status: "generating_images",
    retryCount: 1,
  });
  const done = await waitForStatus(h.api, id, ["reviewing_images"]);
  expect(done.images.map((a: Json) => a.id)).toEqual(after.images.map((a: Json) => a.id));
  expect(done.images.every((a: Json) => a.status === "completed")).toBe(true);
});

test("cancelling during review and retrying returns to the same review; a completed stage is never redone", async () => {
  const id = await startAd(h.api, { numImages: 4 });
  const review = await waitForStatus(h.api, id, ["reviewing_images"]);
  expect((await h.api.post(`/api/sessions/${id}/cancel`)).status).toBe(200);
  const rowsBefore = (await imageRows(id)).length;
  expect((await h.api.post(`/api/sessions/${id}/retry`)).status).toBe(202);
  const back = await waitForStatus(h.api, id, ["reviewing_images"]);
  expect(back.images.map((a: Json) => [a.id, a.updatedAt])).toEqual(
    review.images.map((a: Json) => [a.id, a.updatedAt]),
  );
  expect((await imageRows(id)).length).toBe(rowsBefore);
});

test("deleting an ad mid-generation stops its work", async () => {
  injectFaults({ latencyMs: SLOW_MS });
  const id = await startAd(h.api, { numImages: 4 });
  await waitForStatus(h.api, id, ["generating_images"]);
  await new Promise((r) => setTimeout(r, 1000));
  expect((await h.api.delete(`/api/sessions/${id}`)).status).toBe(204);
  const deletedAt = Date.now();
  await new Promise((r) => setTimeout(r, SLOW_MS + 1000));
  const rows = await imageRows(id);
  expect(rows.filter((r) => r.success && r.createdAt && r.createdAt.getTime() > deletedAt)).toEqual(
    [],
  );
  expect((await h.api.get(`/api/sessions/${id}`)).status).toBe(404);
});
