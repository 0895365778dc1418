// Setting images and clips aside (POST /api/assets/:id/reject) and restoring them (DELETE):
// the status is on the server, an approved one leaves the approved list with the rest
// renumbered, nothing changes while the ad is being made, and another user's is a 404.
import { inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets } from "@/lib/db/schema";
import { injectFaults } from "../support/provider-faults";
import {
  apiClient,
  createTestUser,
  type Harness,
  type Json,
  json,
  startAd,
  startHarness,
  waitForStatus,
} from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => injectFaults());
afterAll(() => h?.stop());

/** What the database says about the selection: per asset its status, flag and position. */
async function selectionRows(ids: string[]) {
  const rows = await db().select().from(assets).where(inArray(assets.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return { status: r.status, userSelected: r.userSelected, selectionOrder: r.selectionOrder };
  });
}

let reviewed: { id: string; images: string[] };

test("reject takes an approved image out of the approved list and renumbers the rest; restore brings it back; both idempotent", async () => {
  const id = await startAd(h.api, { numImages: 4 });
  const review = await waitForStatus(h.api, id, ["reviewing_images"]);
  const [i0, i1, i2, i3] = review.images.map((a: Json) => a.id);
  expect(
    (await h.api.put(`/api/sessions/${id}/approved-images`, { assetIds: [i0, i1, i2] })).status,
  ).toBe(200);

  const res = await h.api.post(`/api/assets/${i1}/reject`);
  expect(res.status).toBe(200);
  const body = await json(res);
  expect(body.asset).toMatchObject({
    id: i1,
    status: "rejected",
    userSelected: false,
    selectionOrder: null,
  });
  expect(body.session.approvedImageIds).toEqual([i0, i2]);
  expect(await selectionRows([i0, i2, i1])).toEqual([
    { status: "approved", userSelected: true, selectionOrder: 1 },
    { status: "approved", userSelected: true, selectionOrder: 2 },
    { status: "rejected", userSelected: false, selectionOrder: null },
  ]);

  // A second click changes nothing.
  const again = await h.api.post(`/api/assets/${i1}/reject`);
  expect(again.status).toBe(200);
  expect((await json(again)).session.approvedImageIds).toEqual([i0, i2]);

  // What a reload shows, and a set-aside image cannot be approved.
  const detail = await json(h.api.get(`/api/sessions/${id}`));
  expect(detail.session.approvedImageIds).toEqual([i0, i2]);
  expect(detail.images.find((a: Json) => a.id === i1).status).toBe("rejected");
  const refused = await h.api.put(`/api/sessions/${id}/approved-images`, { assetIds: [i1, i0] });
  expect(refused.status).toBe(400);
  expect((await json(refused)).error.issues[0]).toMatchObject({
    path: "assetIds.0",
    message: expect.stringMatching(/set aside/),
  });

  // An image that was never approved is set aside without touching the selection.
  expect((await json(h.api.post(`/api/assets/${i3}/reject`))).session.approvedImageIds).toEqual([
    i0,
    i2,
  ]);

  const restored = await h.api.delete(`/api/assets/${i1}/reject`);
  expect(restored.status).toBe(200);
  expect((await json(restored)).asset).toMatchObject({ status: "completed", userSelected: false });
  expect((await h.api.delete(`/api/assets/${i1}/reject`)).status).toBe(200);
  expect(
    (await h.api.put(`/api/sessions/${id}/approved-images`, { assetIds: [i1, i0] })).status,
  ).toBe(200);
  expect(await selectionRows([i1, i0, i2])).toEqual([
    { status: "approved", userSelected: true, selectionOrder: 1 },
    { status: "approved", userSelected: true, selectionOrder: 2 },
    { status: "completed", userSelected: false, selectionOrder: null },
  ]);
  // Restoring an image that is not set aside is a no-op, also for an approved one.
  expect((await json(h.api.delete(`/api/assets/${i0}/reject`))).asset.status).toBe("approved");
  reviewed = { id, images: [i0, i1, i2, i3] };
});

test("another user's image, a made-up id or a malformed one: 404, and nothing changes", async () => {
  const { id, images } = reviewed;
  const stranger = apiClient(h.server.url, await createTestUser("stranger"));
  const before = await selectionRows(images);
  for (const path of [
    `/api/assets/${images[0]}/reject`,
    `/api/assets/${crypto.randomUUID()}/reject`,
    "/api/assets/not-an-id/reject",
  ]) {
    const who = path.includes(images[0]) ? stranger : h.api;
    expect((await who.post(path)).status, path).toBe(404);
    expect((await who.delete(path)).status, path).toBe(404);
  }
  expect((await stranger.delete(`/api/assets/${images[3]}/reject`)).status).toBe(404);
  expect(await selectionRows(images)).toEqual(before);
  expect((await h.api.post(`/api/assets/${images[0]}/reject`, {}, { cookie: "" })).status).toBe(
    401,
  );
  expect((await json(h.api.get(`/api/sessions/${id}`))).session.approvedImageIds).toEqual([
    images[1],
    images[0],
  ]);
});

test("while clips are being made nothing can be set aside or restored (409); afterwards an approved clip leaves the edit, renumbered", async () => {
  const { id, images } = reviewed; // approved: images[1], images[0]; images[3] is set aside
  injectFaults({ latencyMs: 1500 });
  expect(
    (
      await h.api.post(`/api/sessions/${id}/generate-clips`, {
        videoPrompt: "a slow turn",
        clipDurationSeconds: 2,
      })
    ).status,
  ).toBe(202);
  await waitForStatus(h.api, id, ["generating_videos"]);
  const busy = await h.api.post(`/api/assets/${images[0]}/reject`);
  expect(busy.status).toBe(409);
  expect((await json(busy)).error).toMatchObject({
    code: "invalid_state",
    message: expect.stringMatching(/animating its clips/),
  });
  expect((await h.api.delete(`/api/assets/${images[3]}/reject`)).status).toBe(409);
  expect((await json(h.api.post(`/api/assets/${images[3]}/reject`))).asset.status).toBe("rejected"); // already so: the same answer

  const review = await waitForStatus(h.api, id, ["reviewing_videos"], 120_000);
  expect(review.session.approvedImageIds).toEqual([images[1], images[0]]);
  const clips = review.videoClips
    .filter((c: Json) => c.status === "completed")
    .map((c: Json) => c.id);
  expect(clips).toHaveLength(2);
  expect((await h.api.put(`/api/sessions/${id}/approved-clips`, { assetIds: clips })).status).toBe(
    200,
  );

  const res = await json(h.api.post(`/api/assets/${clips[0]}/reject`));
  expect(res.asset).toMatchObject({ type: "video_clip", status: "rejected" });
  expect(res.session).toMatchObject({ status: "reviewing_videos", approvedClipIds: [clips[1]] });
  expect(await selectionRows(clips)).toEqual([
    { status: "rejected", userSelected: false, selectionOrder: null },
    { status: "approved", userSelected: true, selectionOrder: 1 },
  ]);
  // The last chosen clip set aside: nothing left to compose, and composing says so.
  await h.api.post(`/api/assets/${clips[1]}/reject`);
  const compose = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Court Queen",
    callToAction: "Shop now",
  });
  expect(compose.status).toBe(409);
  expect((await json(compose)).error.message).toMatch(/Choose at least one clip/);
  expect((await json(h.api.delete(`/api/assets/${clips[0]}/reject`))).asset.status).toBe(
    "completed",
  );
});
