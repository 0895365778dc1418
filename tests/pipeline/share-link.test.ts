// Reading the active share link (GET /api/sessions/:id/share), so the Done step shows it
// after a reload: 200 {url} while a link is active, 404 when there is none or it was revoked,
// and 404 for another user's ad.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, sessions } from "@/lib/db/schema";
import { apiClient, createTestUser, type Harness, json, startHarness } from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false }); // nothing here runs a job
});
afterAll(() => h?.stop());

/** A finished ad: its final video row is enough to share it (the file is not read here). */
async function finishedAd(): Promise<string> {
  const { session } = await json(
    h.api.post("/api/sessions", { productPrompt: "a walnut desk lamp" }),
  );
  const [video] = await db()
    .insert(assets)
    .values({
      sessionId: session.id,
      type: "final_video",
      source: "ffmpeg",
      status: "completed",
      url: "",
      storagePath: `${session.id}/final.mp4`,
    })
    .returning();
  await db()
    .update(sessions)
    .set({ status: "completed", currentStage: "composition", finalVideoId: video.id })
    .where(eq(sessions.id, session.id));
  return session.id;
}

test("no link → 404; created → the same url; revoked → 404 again; a new link replaces it", async () => {
  const id = await finishedAd();
  const none = await h.api.get(`/api/sessions/${id}/share`);
  expect(none.status).toBe(404);
  expect((await json(none)).error).toMatchObject({
    code: "not_found",
    message: expect.stringMatching(/no share link/),
  });

  const created = await json(h.api.post(`/api/sessions/${id}/share`));
  const read = await h.api.get(`/api/sessions/${id}/share`);
  expect(read.status).toBe(200);
  expect(await json(read)).toEqual({ url: created.url });
  expect(created.url).toMatch(new RegExp(`^${h.server.url}/share/[A-Za-z0-9_-]{43}$`));

  expect((await h.api.delete(`/api/sessions/${id}/share`)).status).toBe(204);
  expect((await h.api.get(`/api/sessions/${id}/share`)).status).toBe(404);
  const fresh = await json(h.api.post(`/api/sessions/${id}/share`));
  expect(fresh.url).not.toBe(created.url);
  expect(await json(h.api.get(`/api/sessions/${id}/share`))).toEqual({ url: fresh.url });
});

test("another user's ad, a made-up or malformed id → 404; signed out → 401", async () => {
  const id = await finishedAd();
  await h.api.post(`/api/sessions/${id}/share`);
  const stranger = apiClient(h.server.url, await createTestUser("stranger"));
  expect((await stranger.get(`/api/sessions/${id}/share`)).status).toBe(404);
  expect((await h.api.get(`/api/sessions/${crypto.randomUUID()}/share`)).status).toBe(404);
  expect((await h.api.get("/api/sessions/nope/share")).status).toBe(404);
  expect((await apiClient(h.server.url).get(`/api/sessions/${id}/share`)).status).toBe(401);
});
