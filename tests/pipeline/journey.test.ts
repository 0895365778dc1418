// Issue 3's acceptance on local storage: the whole journey through the HTTP API, with and
// without an uploaded product photo, and nobody else can see any of it.
import { afterAll, beforeAll, expect, test } from "vitest";
import { storage } from "@/lib/storage";
import {
  apiClient,
  createTestUser,
  type Harness,
  json,
  photoForm,
  productPhoto,
  startAd,
  startHarness,
  waitForStatus,
} from "./support/harness";
import { runJourney } from "./support/journey";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

test("create → images → approve 2 in order → clips → approve: reviewing_videos, costed, served", async () => {
  expect(storage().kind).toBe("local");
  const { id, detail } = await runJourney(h, { clipDurationSeconds: 2 });

  // Another user sees none of it: session, its parts, its assets and its files are 404.
  const mallory = apiClient(h.server.url, await createTestUser("mallory"));
  for (const path of [
    `/api/sessions/${id}`,
    `/api/sessions/${id}/costs`,
    `/api/sessions/${id}/estimate?stage=clips`,
  ]) {
    expect((await mallory.get(path)).status, path).toBe(404);
  }
  expect((await mallory.post(`/api/sessions/${id}/cancel`)).status).toBe(404);
  expect((await mallory.post(`/api/assets/${detail.images[0].id}/regenerate`, {})).status).toBe(
    404,
  );
  for (const asset of [detail.images[0], detail.videoClips[0]]) {
    const res = await mallory.get(asset.url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("PNG");
  }
  expect((await apiClient(h.server.url).get(detail.images[0].url)).status).toBe(401);
  // The owner's video seeks: a byte range comes back as 206.
  const ranged = await h.api.get(detail.videoClips[0].url, { range: "bytes=0-99" });
  expect(ranged.status).toBe(206);
  expect((await ranged.arrayBuffer()).byteLength).toBe(100);
  // Media keys that are not an asset of the session: 404.
  const other = detail.images[0].url
    .replace(detail.images[0].id, detail.videoClips[0].id)
    .replace(".png", ".mp4");
  expect((await h.api.get(other)).status).toBe(200); // sanity: the clip's own key
  expect(
    (await h.api.get(`/api/media/sessions/${id}/00000000-0000-4000-8000-000000000000.png`)).status,
  ).toBe(404);
  expect((await h.api.get("/api/media/../../etc/passwd")).status).toBe(404);
});

test("the same journey with an uploaded product photo composites it into every image", async () => {
  await runJourney(h, { photo: await productPhoto("png"), numImages: 4, clipDurationSeconds: 3 });
});

test("a category the user picked is kept; the parser's own guess is used otherwise", async () => {
  const picked = await startAd(h.api, {
    productPrompt: "pink tennis shoes",
    productCategory: "beauty",
  });
  const guessed = await startAd(h.api, { productPrompt: "pink tennis shoes" });
  expect((await waitForStatus(h.api, picked, ["reviewing_images"])).session.productCategory).toBe(
    "beauty",
  );
  expect((await waitForStatus(h.api, guessed, ["reviewing_images"])).session.productCategory).toBe(
    "footwear",
  );
});

test("deleting an ad hides it and its files from its owner too", async () => {
  const { session } = await json(
    h.api.post("/api/sessions", { productPrompt: "a walnut desk lamp", numImages: 4 }),
  );
  const up = await json(
    h.api.post(`/api/sessions/${session.id}/uploads`, photoForm(await productPhoto())),
  );
  expect((await h.api.delete(`/api/sessions/${session.id}`)).status).toBe(204);
  expect((await h.api.get(`/api/sessions/${session.id}`)).status).toBe(404);
  expect((await h.api.get(up.asset.url)).status).toBe(404);
  expect((await h.api.delete(`/api/sessions/${session.id}`)).status).toBe(404);
  const list = await json(h.api.get("/api/sessions"));
  expect(list.sessions.map((s: { id: string }) => s.id)).not.toContain(session.id);
});
