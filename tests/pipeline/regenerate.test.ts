// Regenerating one image or clip: a new take by the same job, the old one kept beside it,
// the session's status untouched (a lone regeneration never settles or fails a stage).
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { generationCosts } from "@/lib/db/schema";
import { injectFaults } from "../support/provider-faults";
import {
  adWithClips,
  download,
  type Harness,
  type Json,
  json,
  photoForm,
  productPhoto,
  startAd,
  startHarness,
  waitFor,
  waitForStatus,
} from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => injectFaults());
afterAll(() => h?.stop());

async function settledTake(sessionId: string, takeId: string): Promise<Json> {
  return waitFor(`take ${takeId}`, async () => {
    const d = await json(h.api.get(`/api/sessions/${sessionId}`));
    const take = [...d.images, ...d.videoClips].find((a: Json) => a.id === takeId);
    return take && take.status !== "generating" && { detail: d, take };
  });
}

test("an image: new seed or same seed with an edited prompt; the old one stays; approving the new one is a normal approval", async () => {
  const id = await startAd(h.api, { numImages: 4 });
  const review = await waitForStatus(h.api, id, ["reviewing_images"]);
  const old = review.images[2];

  const clicks = await Promise.all(
    [0, 1, 2].map(() => h.api.post(`/api/assets/${old.id}/regenerate`, { seed: "new" })),
  );
  expect(clicks.map((r) => r.status)).toEqual([202, 202, 202]);
  const takes = await Promise.all(clicks.map(json));
  expect(new Set(takes.map((t) => t.asset.id)).size).toBe(1); // a double click is one take
  const take = takes[0].asset;
  expect(take).toMatchObject({
    type: "image",
    status: "generating",
    viewType: old.viewType,
    metadata: { replaces: old.id, index: old.metadata.index },
  });
  expect(take.seed).not.toBe(old.seed);
  expect((await json(h.api.get(`/api/sessions/${id}`))).session.status).toBe("reviewing_images");

  const { detail, take: done } = await settledTake(id, take.id);
  expect(done.status).toBe("completed");
  expect(detail.session.status).toBe("reviewing_images");
  expect(detail.images.find((a: Json) => a.id === old.id)).toMatchObject({
    status: "completed",
    url: old.url,
    updatedAt: old.updatedAt,
  });
  const [a, b] = await Promise.all([
    download(h.api, h.server.url, old.url),
    download(h.api, h.server.url, done.url),
  ]);
  expect(b.bytes.equals(a.bytes)).toBe(false); // a different take
  const rows = await db()
    .select()
    .from(generationCosts)
    .where(eq(generationCosts.assetId, done.id));
  expect(rows.map((r) => [r.category, r.success])).toEqual([["image_generation", true]]);

  const edited = (
    await json(
      h.api.post(`/api/assets/${old.id}/regenerate`, {
        seed: "same",
        prompt: "front view, on white marble, soft window light",
      }),
    )
  ).asset;
  expect(edited).toMatchObject({
    seed: old.seed,
    prompt: "front view, on white marble, soft window light",
  });
  await settledTake(id, edited.id);

  const approved = await h.api.put(`/api/sessions/${id}/approved-images`, {
    assetIds: [done.id, review.images[0].id],
  });
  expect(approved.status).toBe(200);
  expect((await json(approved)).session.approvedImageIds).toEqual([done.id, review.images[0].id]);
});

test("a regeneration that fails fails only itself: the ad stays in review", async () => {
  const id = await startAd(h.api, { numImages: 4 });
  const review = await waitForStatus(h.api, id, ["reviewing_images"]);
  const first = review.images.find((a: Json) => a.metadata.index === 0);
  injectFaults({ faults: "image#0:permanent" });
  const take = (await json(h.api.post(`/api/assets/${first.id}/regenerate`, {}))).asset;
  const { detail, take: failed } = await settledTake(id, take.id);
  expect(failed).toMatchObject({
    status: "failed",
    errorMessage: expect.stringMatching(/refused/),
  });
  expect(detail.session).toMatchObject({ status: "reviewing_images", errorMessage: null });
});

test("a clip during clip review: same source image and duration, status unchanged, approvable", async () => {
  const review = await adWithClips(h.api, 2);
  const id = review.session.id;
  const old = review.videoClips[0];
  const res = await h.api.post(`/api/assets/${old.id}/regenerate`, {
    prompt: "the camera glides left",
  });
  expect(res.status).toBe(202);
  const take = (await json(res)).asset;
  expect(take).toMatchObject({
    type: "video_clip",
    sourceImageId: old.sourceImageId,
    scenePrompt: "the camera glides left",
    metadata: { replaces: old.id },
  });
  const { detail, take: done } = await settledTake(id, take.id);
  expect(done.status).toBe("completed");
  expect(Math.abs(done.durationSeconds - 2)).toBeLessThanOrEqual(0.1);
  expect(detail.session.status).toBe("reviewing_videos");
  expect(detail.session.metadata.clipRunIds).not.toContain(done.id);
  const approved = await h.api.put(`/api/sessions/${id}/approved-clips`, {
    assetIds: [done.id, old.id],
  });
  expect(approved.status).toBe(200);
  expect((await json(approved)).session).toMatchObject({
    status: "reviewing_videos",
    approvedClipIds: [done.id, old.id],
  });
});

test("not while the stage runs, not the uploaded photo → 409", async () => {
  const { session } = await json(
    h.api.post("/api/sessions", { productPrompt: "a walnut desk lamp", numImages: 4 }),
  );
  const photo = (
    await json(h.api.post(`/api/sessions/${session.id}/uploads`, photoForm(await productPhoto())))
  ).asset;
  expect((await h.api.post(`/api/assets/${photo.id}/regenerate`, {})).status).toBe(409);
  injectFaults({ latencyMs: 3000 });
  await h.api.post(`/api/sessions/${session.id}/generate-images`, {});
  const running = await waitForStatus(h.api, session.id, ["generating_images"]);
  const res = await h.api.post(`/api/assets/${running.images[0].id}/regenerate`, {});
  expect(res.status).toBe(409);
  await h.api.post(`/api/sessions/${session.id}/cancel`);
});
