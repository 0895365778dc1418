// Every text limit counts characters as a person counts them: an emoji is one (code
// points, lib/characters.ts), as the forms' counters do and the composition engine does.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, sessions } from "@/lib/db/schema";
import { parseCompositionSpec } from "@/lib/media/composition-spec";
import { type Harness, json, startHarness } from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false }); // accepting the request is the subject, not rendering it
});
afterAll(() => h?.stop());

/** An ad at clip review with one finished clip approved. */
async function adAtClipReview(): Promise<string> {
  const { session } = await json(
    h.api.post("/api/sessions", { productPrompt: "pink tennis shoes with white laces" }),
  );
  const [clip] = await db()
    .insert(assets)
    .values({
      sessionId: session.id,
      type: "video_clip",
      source: "local-video",
      status: "approved",
      url: "",
      storagePath: `${session.id}/clip.mp4`,
      durationSeconds: "2.000",
    })
    .returning();
  await db()
    .update(sessions)
    .set({ status: "reviewing_videos", currentStage: "video_gen", approvedClipIds: [clip.id] })
    .where(eq(sessions.id, session.id));
  return session.id;
}

// 50 and 30 emoji: 100 and 60 UTF-16 units, at the limit in characters.
const NAME_AT_LIMIT = "👟🎾🌟🔥💖".repeat(10);
const CTA_AT_LIMIT = "🛒💸".repeat(15);

test("an emoji-heavy name and call to action exactly at their limits are accepted and stored verbatim", async () => {
  expect([
    NAME_AT_LIMIT.length,
    [...NAME_AT_LIMIT].length,
    CTA_AT_LIMIT.length,
    [...CTA_AT_LIMIT].length,
  ]).toEqual([100, 50, 60, 30]);
  const id = await adAtClipReview();
  const res = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: NAME_AT_LIMIT,
    callToAction: CTA_AT_LIMIT,
  });
  expect(res.status).toBe(202);
  expect((await json(res)).session).toMatchObject({
    status: "composing",
    productName: NAME_AT_LIMIT,
    callToAction: CTA_AT_LIMIT,
  });
  // The composition engine takes the same text (it counts the same way).
  expect(() =>
    parseCompositionSpec({
      clips: [{ path: "clip.mp4" }],
      title: { text: NAME_AT_LIMIT },
      endCard: { text: CTA_AT_LIMIT },
    }),
  ).not.toThrow();
});

test("one emoji over either limit is refused with the limit in characters", async () => {
  const id = await adAtClipReview();
  const res = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: `${NAME_AT_LIMIT}🎉`,
    callToAction: `${CTA_AT_LIMIT}🎉`,
  });
  expect(res.status).toBe(400);
  expect((await json(res)).error.issues).toEqual([
    { path: "productName", message: "The product name can be at most 50 characters." },
    { path: "callToAction", message: "The call to action can be at most 30 characters." },
  ]);
  expect((await json(h.api.get(`/api/sessions/${id}`))).session.status).toBe("reviewing_videos");
});

test("the product description and the scene prompts count the same way: 200 and 300 emoji pass, one more is refused", async () => {
  const description = "👟".repeat(200); // 400 UTF-16 units
  const created = await h.api.post("/api/sessions", { productPrompt: description });
  expect(created.status).toBe(201);
  const { session } = await json(created);
  expect(session.productPrompt).toBe(description);
  const tooLong = await h.api.post("/api/sessions", { productPrompt: `${description}🎉` });
  expect(tooLong.status).toBe(400);
  expect((await json(tooLong)).error.issues).toEqual([
    { path: "productPrompt", message: "Keep the product description to 200 characters or fewer." },
  ]);

  // At image review with two approved images: the clip request is judged on its text.
  const images = await db()
    .insert(assets)
    .values(
      [0, 1].map((i) => ({
        sessionId: session.id,
        type: "image" as const,
        source: "local-image" as const,
        status: "approved" as const,
        url: "",
        storagePath: `${session.id}/image-${i}.png`,
      })),
    )
    .returning();
  await db()
    .update(sessions)
    .set({
      status: "reviewing_images",
      currentStage: "image_gen",
      approvedImageIds: images.map((a) => a.id),
    })
    .where(eq(sessions.id, session.id));
  const scene = "🎬".repeat(300);
  const over = await h.api.post(`/api/sessions/${session.id}/generate-clips`, {
    videoPrompt: `${scene}🎉`,
    clips: [{ imageId: images[0].id, scenePrompt: `${scene}🎉` }],
  });
  expect(over.status).toBe(400);
  expect((await json(over)).error.issues).toEqual([
    { path: "videoPrompt", message: "Keep the scene description to 300 characters or fewer." },
    { path: "clips.0.scenePrompt", message: "Keep each scene prompt to 300 characters or fewer." },
  ]);
  const ok = await h.api.post(`/api/sessions/${session.id}/generate-clips`, {
    videoPrompt: scene,
    clips: [{ imageId: images[0].id, scenePrompt: scene }],
  });
  expect(ok.status).toBe(202);
  expect((await json(ok)).session).toMatchObject({
    status: "generating_videos",
    videoPrompt: scene,
  });
});
