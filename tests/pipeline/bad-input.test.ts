// Bad input from product.md's list: a clear 400 (or 401/404/409/402/413 as api.md says),
// never a 500, and nothing changes — row counts and updated_at are the same afterwards.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import {
  type Api,
  apiClient,
  createTestUser,
  type Harness,
  type Json,
  json,
  patch,
  snapshot,
  startAd,
  startHarness,
  waitForStatus,
} from "./support/harness";

let h: Harness;
let review: Json; // an ad in image review, its images
let other: Json; // another ad of the same user, in image review
let mallorys: Json; // an ad of another user, in image review
let mallory: Api;
beforeAll(async () => {
  h = await startHarness();
  mallory = apiClient(h.server.url, await createTestUser("mallory"));
  const ids = await Promise.all([startAd(h.api), startAd(h.api), startAd(mallory)]);
  [review, other] = await Promise.all(
    ids.slice(0, 2).map((id) => waitForStatus(h.api, id, ["reviewing_images"])),
  );
  mallorys = await waitForStatus(mallory, ids[2], ["reviewing_images"]);
});
afterAll(() => h?.stop());

/** Sends a bad request: expects `status` with a message, and no change anywhere. */
async function refused(
  send: () => Promise<Response>,
  status: number,
  code?: string,
): Promise<Json> {
  const before = await snapshot();
  const res = await send();
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(typeof body?.error?.message).toBe("string");
  if (code) expect(body.error.code).toBe(code);
  expect(await snapshot()).toEqual(before);
  return body;
}

const long = (n: number) => "x".repeat(n);

describe("creating an ad", () => {
  test.each([
    ["an empty prompt", { productPrompt: "" }, "productPrompt"],
    ["a blank prompt", { productPrompt: "   " }, "productPrompt"],
    ["a 10 000-character prompt", { productPrompt: long(10_000) }, "productPrompt"],
    ["no prompt", {}, "productPrompt"],
    [
      "an unknown category",
      { productPrompt: "shoes", productCategory: "spaceships" },
      "productCategory",
    ],
    ["an unknown aspect ratio", { productPrompt: "shoes", aspectRatio: "4:3" }, "aspectRatio"],
    ["3 images", { productPrompt: "shoes", numImages: 3 }, "numImages"],
    ["9 images", { productPrompt: "shoes", numImages: 9 }, "numImages"],
    ["6.5 images", { productPrompt: "shoes", numImages: 6.5 }, "numImages"],
    ["images as a string", { productPrompt: "shoes", numImages: "6" }, "numImages"],
    [
      "9 style keywords",
      { productPrompt: "shoes", styleKeywords: Array(9).fill("bold") },
      "styleKeywords",
    ],
    [
      "a 41-character keyword",
      { productPrompt: "shoes", styleKeywords: [long(41)] },
      "styleKeywords.0",
    ],
    ["a $0.10 budget", { productPrompt: "shoes", budgetUsd: 0.1 }, "budgetUsd"],
    ["a $1000 budget", { productPrompt: "shoes", budgetUsd: 1000 }, "budgetUsd"],
    ["an unknown field", { productPrompt: "shoes", numImage: 8 }, ""],
  ])("%s → 400", async (_, body, path) => {
    const res = await refused(() => h.api.post("/api/sessions", body), 400, "invalid_input");
    expect(res.error.issues.map((i: Json) => i.path)).toContain(path);
  });

  test("broken JSON, a JSON array, and a huge body", async () => {
    await refused(() => h.api.post("/api/sessions", "{not json"), 400, "invalid_input");
    await refused(() => h.api.post("/api/sessions", "[1,2]"), 400, "invalid_input");
    await refused(() => h.api.post("/api/sessions", { productPrompt: long(400_000) }), 413);
  });

  test("signed out → 401", async () => {
    await refused(
      () => apiClient(h.server.url).post("/api/sessions", { productPrompt: "shoes" }),
      401,
      "unauthorized",
    );
  });
});

describe("ids that name nothing of yours → 404", () => {
  test.each([
    ["a malformed id", () => h.api.get("/api/sessions/not-a-uuid")],
    ["an unknown id", () => h.api.get("/api/sessions/00000000-0000-4000-8000-000000000000")],
    ["another user's ad", () => h.api.get(`/api/sessions/${mallorys.session.id}`)],
    ["another user's costs", () => h.api.get(`/api/sessions/${mallorys.session.id}/costs`)],
    [
      "another user's estimate",
      () => h.api.get(`/api/sessions/${mallorys.session.id}/estimate?stage=images`),
    ],
    [
      "starting another user's ad",
      () => h.api.post(`/api/sessions/${mallorys.session.id}/generate-images`, {}),
    ],
    [
      "approving on another user's ad",
      () =>
        h.api.put(`/api/sessions/${mallorys.session.id}/approved-images`, {
          assetIds: mallorys.images.slice(0, 2).map((a: Json) => a.id),
        }),
    ],
    [
      "cancelling another user's ad",
      () => h.api.post(`/api/sessions/${mallorys.session.id}/cancel`),
    ],
    ["retrying another user's ad", () => h.api.post(`/api/sessions/${mallorys.session.id}/retry`)],
    ["deleting another user's ad", () => h.api.delete(`/api/sessions/${mallorys.session.id}`)],
    [
      "regenerating another user's image",
      () => h.api.post(`/api/assets/${mallorys.images[0].id}/regenerate`, {}),
    ],
    ["regenerating a malformed id", () => h.api.post("/api/assets/123/regenerate", {})],
    ["another user's file", () => h.api.get(mallorys.images[0].url)],
  ])("%s", async (_, send) => {
    await refused(send, 404, "not_found");
  });
});

describe("mood board", () => {
  const approve = (ids: string[], id = review.session.id) =>
    h.api.put(`/api/sessions/${id}/approved-images`, { assetIds: ids });
  test("approving 1 image, a duplicate, a non-id, an image of another ad or of another user → 400", async () => {
    const [a, b] = review.images.map((x: Json) => x.id);
    await refused(() => approve([a]), 400, "invalid_input");
    const dup = await refused(() => approve([a, b, a]), 400, "invalid_input");
    expect(dup.error.issues[0]).toMatchObject({
      path: "assetIds.2",
      message: expect.stringMatching(/listed twice/),
    });
    await refused(() => approve([a, "not-a-uuid"]), 400, "invalid_input");
    const foreign = await refused(() => approve([a, other.images[0].id]), 400, "invalid_input");
    expect(foreign.error.issues[0]).toMatchObject({
      path: "assetIds.1",
      message: "is not an image of this ad.",
    });
    await refused(() => approve([a, mallorys.images[0].id]), 400, "invalid_input");
    await refused(
      () => h.api.put(`/api/sessions/${review.session.id}/approved-images`, { assetIds: "all" }),
      400,
    );
  });

  test("approving clips before there are any, or images while generating → 409", async () => {
    const [a, b] = review.images.map((x: Json) => x.id);
    await refused(
      () => h.api.put(`/api/sessions/${review.session.id}/approved-clips`, { assetIds: [a] }),
      409,
      "invalid_state",
    );
    const { session } = await json(h.api.post("/api/sessions", { productPrompt: "a desk lamp" }));
    await db()
      .update(sessions)
      .set({ status: "generating_images" })
      .where(eq(sessions.id, session.id)); // as if running
    await refused(() => approve([a, b], session.id), 409, "invalid_state");
  });
});

describe("clips", () => {
  const clips = (body: unknown) =>
    h.api.post(`/api/sessions/${other.session.id}/generate-clips`, body);
  test("without 2 approved images → 409", async () => {
    await refused(() => clips({ videoPrompt: "a slow turn" }), 409, "invalid_state");
  });
  test.each([
    ["duration 7", { videoPrompt: "turn", clipDurationSeconds: 7 }, "clipDurationSeconds"],
    ["duration 2.5", { videoPrompt: "turn", clipDurationSeconds: 2.5 }, "clipDurationSeconds"],
    ["duration as text", { videoPrompt: "turn", clipDurationSeconds: "3" }, "clipDurationSeconds"],
    ["a 301-character scene", { videoPrompt: long(301) }, "videoPrompt"],
    ["no scene", {}, "videoPrompt"],
    [
      "an unknown camera move",
      {
        videoPrompt: "turn",
        clips: [{ imageId: "00000000-0000-4000-8000-000000000000", cameraMovement: "spin" }],
      },
      "clips.0.cameraMovement",
    ],
    [
      "motion 2",
      {
        videoPrompt: "turn",
        clips: [{ imageId: "00000000-0000-4000-8000-000000000000", motionIntensity: 2 }],
      },
      "clips.0.motionIntensity",
    ],
  ])("%s → 400", async (_, body, path) => {
    const res = await refused(() => clips(body), 400, "invalid_input");
    expect(res.error.issues.map((i: Json) => i.path)).toContain(path);
  });
  test("settings for an image that is not approved → 400", async () => {
    const [a, b, c] = other.images.map((x: Json) => x.id);
    expect(
      (await h.api.put(`/api/sessions/${other.session.id}/approved-images`, { assetIds: [a, b] }))
        .status,
    ).toBe(200);
    const res = await refused(
      () => clips({ videoPrompt: "turn", clips: [{ imageId: c, cameraMovement: "orbit" }] }),
      400,
      "invalid_input",
    );
    expect(res.error.issues[0].path).toBe("clips.0.imageId");
  });
});

describe("other requests", () => {
  test("an unknown estimate stage → 400; retrying what has not failed → 409; regenerating with a bad seed → 400", async () => {
    await refused(
      () => h.api.get(`/api/sessions/${review.session.id}/estimate?stage=video`),
      400,
      "invalid_input",
    );
    await refused(
      () => h.api.get(`/api/sessions/${review.session.id}/estimate`),
      400,
      "invalid_input",
    );
    await refused(
      () => h.api.post(`/api/sessions/${review.session.id}/retry`),
      409,
      "invalid_state",
    );
    await refused(
      () => h.api.post(`/api/assets/${review.images[0].id}/regenerate`, { seed: "random" }),
      400,
      "invalid_input",
    );
    await refused(() => patch(h, `/api/sessions/${review.session.id}`, {}), 400, "invalid_input");
  });

  test("over budget → 402 with the estimate and the budget left; raising the budget is the way forward", async () => {
    const { session } = await json(
      h.api.post("/api/sessions", { productPrompt: "a silk scarf", budgetUsd: 0.5 }),
    );
    // As if earlier paid work had spent more than the budget.
    await db().execute(
      sql`insert into generation_costs (session_id, category, amount, provider) values (${session.id}, 'other', 0.6, 'test')`,
    );
    const body = await refused(
      () => h.api.post(`/api/sessions/${session.id}/generate-images`, {}),
      402,
      "over_budget",
    );
    expect(body.error).toMatchObject({
      estimate: 0,
      budget: -0.1,
      message: expect.stringMatching(/budget/),
    });
    await refused(
      () => patch(h, `/api/sessions/${session.id}`, { budgetUsd: 0.2 }),
      400,
      "invalid_input",
    );
    const raised = await patch(h, `/api/sessions/${session.id}`, { budgetUsd: 2 });
    expect(raised.status).toBe(200);
    expect((await json(raised)).session.budgetUsd).toBe(2);
    expect((await h.api.post(`/api/sessions/${session.id}/generate-images`, {})).status).toBe(202);
  });
});
