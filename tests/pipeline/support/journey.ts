// The acceptance journey of the offline pipeline, through the HTTP API alone: create →
// estimate → generate images → approve two in a chosen order → generate clips → approve →
// reviewing_videos, checking what a user would check on the way. Shared by the local-disk
// and S3 test files.
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { generationCosts } from "@/lib/db/schema";
import {
  download,
  type Harness,
  imageSize,
  isPng,
  type Json,
  json,
  photoForm,
  probeBytes,
  waitForStatus,
} from "./harness";

export type JourneyOptions = {
  photo?: Buffer;
  clipDurationSeconds?: 2 | 3 | 4;
  numImages?: number;
};

export async function runJourney(
  h: Harness,
  opts: JourneyOptions = {},
): Promise<{ id: string; detail: Json }> {
  const { api, server } = h;
  const duration = opts.clipDurationSeconds ?? 3;

  const created = await api.post("/api/sessions", {
    productPrompt: "Pink tennis shoes with white laces",
    styleKeywords: ["bright", "studio"],
    ...(opts.numImages ? { numImages: opts.numImages } : {}),
  });
  expect(created.status).toBe(201);
  const { session } = await json(created);
  expect(session).toMatchObject({
    status: "created",
    productPrompt: "Pink tennis shoes with white laces",
    aspectRatio: "9:16",
    budgetUsd: 5,
  });
  const id: string = session.id;
  const requested = opts.numImages ?? 6;

  let photoId: string | undefined;
  if (opts.photo) {
    const up = await api.post(`/api/sessions/${id}/uploads`, photoForm(opts.photo));
    const body = await json(up);
    expect(up.status, JSON.stringify(body)).toBe(201);
    expect(body.asset).toMatchObject({
      type: "image",
      source: "user-upload",
      status: "completed",
      mimeType: "image/png",
      fileSizeBytes: opts.photo.length,
    });
    expect(body.asset.resolution).toBe(await imageSize(opts.photo));
    photoId = body.asset.id;
  }

  const estimate = await json(api.get(`/api/sessions/${id}/estimate?stage=images`));
  expect(estimate).toMatchObject({ stage: "images", amount: 0 });
  expect(estimate.breakdown.map((l: Json) => [l.category, l.quantity])).toEqual([
    ["llm", 1],
    ["image_generation", requested],
  ]);
  expect((await json(api.get(`/api/sessions/${id}`))).session.estimatedCost).toBe(0); // stored

  const started = await api.post(`/api/sessions/${id}/generate-images`, {
    confirmEstimate: estimate.amount,
  });
  expect(started.status).toBe(202);
  // The in-process worker may already have parsed the prompt by the time the answer is built.
  expect(["prompting", "generating_images"]).toContain((await json(started)).session.status);

  let detail = await waitForStatus(api, id, ["reviewing_images"]);
  const images: Json[] = detail.images.filter((a: Json) => a.source !== "user-upload");
  expect(images.length).toBe(requested);
  expect(images.every((a) => a.status === "completed")).toBe(true);
  expect(images.map((a) => a.metadata.index)).toEqual([...Array(requested).keys()]); // stage order
  for (const image of images) {
    const { res, bytes } = await download(api, server.url, image.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(isPng(bytes)).toBe(true);
    expect(bytes.length).toBe(image.fileSizeBytes);
    expect(await imageSize(bytes)).toBe(image.resolution);
  }
  if (photoId) {
    expect(detail.productPhoto.id).toBe(photoId);
    const rows = await db()
      .select()
      .from(generationCosts)
      .where(
        and(eq(generationCosts.sessionId, id), eq(generationCosts.category, "image_generation")),
      );
    expect(rows.every((r) => (r.metadata as { fromPhoto?: boolean }).fromPhoto === true)).toBe(
      true,
    );
  }

  // Approve two, deliberately not in their stage order.
  const chosen = [images[3].id, images[1].id];
  const approved = await api.put(`/api/sessions/${id}/approved-images`, { assetIds: chosen });
  expect(approved.status).toBe(200);
  expect((await json(approved)).session.approvedImageIds).toEqual(chosen);
  detail = await json(api.get(`/api/sessions/${id}`));
  for (const a of detail.images.filter((x: Json) => x.source !== "user-upload")) {
    const order = chosen.indexOf(a.id);
    expect([a.status, a.userSelected, a.selectionOrder]).toEqual(
      order >= 0 ? ["approved", true, order + 1] : ["completed", false, null],
    );
  }

  const clipsStarted = await api.post(`/api/sessions/${id}/generate-clips`, {
    videoPrompt: "The shoes turn slowly on a pastel stage",
    clipDurationSeconds: duration,
  });
  expect(clipsStarted.status).toBe(202);
  expect((await json(clipsStarted)).session.status).toBe("generating_videos");
  detail = await waitForStatus(api, id, ["reviewing_videos"], 180_000);
  const clips: Json[] = detail.videoClips;
  expect(clips.map((c) => c.sourceImageId)).toEqual(chosen); // one per approved image, in order
  for (const clip of clips) {
    expect(clip.status).toBe("completed");
    const { res, bytes } = await download(api, server.url, clip.url);
    expect(res.status).toBe(200);
    const info = await probeBytes(bytes);
    expect(Math.abs(info.durationSeconds - duration)).toBeLessThanOrEqual(0.1);
    expect(info.video?.codec).toBe("h264");
    expect(Math.abs(clip.durationSeconds - info.durationSeconds)).toBeLessThanOrEqual(0.01);
    expect(clip.resolution).toBe(`${info.video?.width}x${info.video?.height}`);
  }

  const order = [clips[1].id, clips[0].id];
  const clipApproval = await api.put(`/api/sessions/${id}/approved-clips`, { assetIds: order });
  expect(clipApproval.status).toBe(200);
  const afterClips = (await json(clipApproval)).session;
  expect(afterClips).toMatchObject({ status: "reviewing_videos", approvedClipIds: order });

  // One cost row per provider call, and the session's total is their sum.
  const costs = await json(api.get(`/api/sessions/${id}/costs`));
  const items: Json[] = costs.items;
  const success = items.filter((i) => i.success);
  expect(success.filter((i) => i.category === "llm").length).toBe(2); // parse + scene planning
  for (const asset of [...images, ...clips]) {
    expect(success.filter((i) => i.assetId === asset.id).length, `cost rows of ${asset.id}`).toBe(
      1,
    );
  }
  expect(success.length).toBe(2 + images.length + clips.length);
  expect(costs.total).toBeCloseTo(
    items.reduce((sum, i) => sum + i.amount, 0),
    4,
  );
  expect(costs.breakdown.reduce((n: number, b: Json) => n + b.apiCalls, 0)).toBe(items.length);
  expect(items.every((i) => i.provider === "local" && i.latencyMs > 0)).toBe(true);
  detail = await json(api.get(`/api/sessions/${id}`));
  expect(detail.session.totalCost).toBe(costs.total);
  return { id, detail };
}
