// Setting up an ad through the JSON API (api.md), for journeys whose subject is a later step.
import { type APIRequestContext, expect } from "@playwright/test";
import type { SessionDetail } from "../../components/session-types";

type Json = Record<string, unknown> & { session: { id: string; status: string } };
type Detail = SessionDetail;

export async function ok<T>(
  res: Awaited<ReturnType<APIRequestContext["get"]>>,
  what: string,
): Promise<T> {
  const body = await res.text();
  expect(res.ok(), `${what}: HTTP ${res.status()} ${body.slice(0, 300)}`).toBe(true);
  return (body ? JSON.parse(body) : undefined) as T;
}

export async function detail(request: APIRequestContext, id: string): Promise<Detail> {
  return ok<Detail>(await request.get(`/api/sessions/${id}`), "GET session");
}

/** Polls GET /api/sessions/:id until the status is one of `statuses` (or fails on `failed`). */
export async function waitForStatus(
  request: APIRequestContext,
  id: string,
  statuses: string[],
  timeout = 90_000,
): Promise<Detail> {
  let last: Detail | undefined;
  await expect
    .poll(
      async () => {
        last = await detail(request, id);
        if (last.session.status === "failed" && !statuses.includes("failed"))
          throw new Error(`ad failed: ${last.session.errorMessage}`);
        return last.session.status;
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toMatch(new RegExp(`^(${statuses.join("|")})$`));
  return last!;
}

export async function createAd(
  request: APIRequestContext,
  productPrompt = "pink tennis shoes with white laces",
): Promise<string> {
  const { session } = await ok<Json>(
    await request.post("/api/sessions", { data: { productPrompt, numImages: 4 } }),
    "create",
  );
  return session.id;
}

/** An ad with its images generated and the first `approve` approved. */
export async function adWithApprovedImages(
  request: APIRequestContext,
  approve = 2,
): Promise<Detail> {
  const id = await createAd(request);
  await ok(
    await request.post(`/api/sessions/${id}/generate-images`, { data: {} }),
    "generate-images",
  );
  const d = await waitForStatus(request, id, ["reviewing_images"]);
  const ids = d.images
    .filter((i) => i.status === "completed" && i.source !== "user-upload")
    .slice(0, approve)
    .map((i) => i.id);
  await ok(
    await request.put(`/api/sessions/${id}/approved-images`, { data: { assetIds: ids } }),
    "approve images",
  );
  return detail(request, id);
}

/**
 * A water-bottle ad at clip review through the API: three images approved, a 2 s clip of
 * each made; the clips' ids in the approved images' order.
 */
export async function bottleAdAtClipReview(
  request: APIRequestContext,
): Promise<{ id: string; base: string; made: Detail; clipIds: string[] }> {
  const id = await createAd(request, "matte-black insulated stainless steel water bottle");
  const base = `/api/sessions/${id}`;
  await ok(await request.post(`${base}/generate-images`, { data: {} }), "generate-images");
  const images = await waitForStatus(request, id, ["reviewing_images"]);
  const three = images.images.filter((i) => i.source !== "user-upload").slice(0, 3);
  await ok(
    await request.put(`${base}/approved-images`, { data: { assetIds: three.map((i) => i.id) } }),
    "approve images",
  );
  await ok(
    await request.post(`${base}/generate-clips`, {
      data: { videoPrompt: "on a mossy rock by a stream", clipDurationSeconds: 2 },
    }),
    "generate-clips",
  );
  const made = await waitForStatus(request, id, ["reviewing_videos"], 180_000);
  const clipIds = made.session.approvedImageIds
    .map((imageId) => made.videoClips.find((c) => c.sourceImageId === imageId)?.id)
    .filter((c) => c !== undefined);
  expect(clipIds).toHaveLength(3);
  return { id, base, made, clipIds };
}

/** An ad all the way to a finished video. */
export async function finishedAd(request: APIRequestContext): Promise<Detail> {
  const d = await adWithApprovedImages(request);
  const id = d.session.id;
  await ok(
    await request.post(`/api/sessions/${id}/generate-clips`, {
      data: { videoPrompt: "on a bright tennis court", clipDurationSeconds: 2 },
    }),
    "generate-clips",
  );
  const c = await waitForStatus(request, id, ["reviewing_videos"]);
  await ok(
    await request.put(`/api/sessions/${id}/approved-clips`, {
      data: { assetIds: c.videoClips.map((v) => v.id) },
    }),
    "approve clips",
  );
  await ok(
    await request.post(`/api/sessions/${id}/compose`, {
      data: { productName: "Court Queen", callToAction: "Shop now" },
    }),
    "compose",
  );
  return waitForStatus(request, id, ["completed"], 120_000);
}
