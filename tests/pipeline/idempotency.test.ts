// Double clicks, retried HTTP calls and Idempotency-Key: a stage request never starts a
// second run, and a key replays its first answer.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts, sessions } from "@/lib/db/schema";
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
afterAll(() => h?.stop());

/** Jobs ever created for a session in a queue (pending, done or archived). */
async function jobsFor(queue: string, sessionId: string): Promise<number> {
  const rows = await db().execute(sql`
    select count(*)::int as n from (
      select id from pgboss.job where name = ${queue} and data->>'sessionId' = ${sessionId}
      union all select id from pgboss.archive where name = ${queue} and data->>'sessionId' = ${sessionId}) j`);
  return (rows as unknown as { n: number }[])[0].n;
}
const countSessions = async (userId: number) =>
  (await db().select().from(sessions).where(eq(sessions.userId, userId))).length;

test("a double-clicked generate-images starts one run", async () => {
  const { session } = await json(
    h.api.post("/api/sessions", { productPrompt: "a ceramic coffee mug", numImages: 4 }),
  );
  const clicks = await Promise.all(
    Array.from({ length: 5 }, () => h.api.post(`/api/sessions/${session.id}/generate-images`, {})),
  );
  expect(clicks.map((r) => r.status)).toEqual(Array(5).fill(202));
  const bodies = await Promise.all(clicks.map(json));
  expect(new Set(bodies.map((b) => b.session.id))).toEqual(new Set([session.id]));
  const done = await waitForStatus(h.api, session.id, ["reviewing_images"]);
  // Clicking again when it is done returns the session and starts nothing.
  const again = await h.api.post(`/api/sessions/${session.id}/generate-images`, {});
  expect(again.status).toBe(202);
  expect((await json(again)).session.status).toBe("reviewing_images");
  expect(await jobsFor("parse-prompt", session.id)).toBe(1);
  expect(done.images.length).toBe(4);
  const llmRows = await db()
    .select()
    .from(generationCosts)
    .where(and(eq(generationCosts.sessionId, session.id), eq(generationCosts.category, "llm")));
  expect(llmRows.length).toBe(1);
});

test("Idempotency-Key: the same request replays the first answer, a different one is refused", async () => {
  const key = randomUUID();
  const body = { productPrompt: "a linen summer dress", numImages: 5 };
  const before = await countSessions(h.user.id);
  const [first, second] = await Promise.all([
    h.api.post("/api/sessions", body, { "idempotency-key": key }),
    h.api.post("/api/sessions", body, { "idempotency-key": key }),
  ]);
  const [a, b] = [await json(first), await json(second)];
  expect([first.status, second.status]).toEqual([201, 201]);
  expect(b.session.id).toBe(a.session.id);
  // Key order and spacing do not make a request different.
  const third = await h.api.post(
    "/api/sessions",
    `{ "numImages": 5, "productPrompt": "a linen summer dress" }`,
    { "idempotency-key": key },
  );
  expect(third.status).toBe(201);
  expect(third.headers.get("idempotent-replayed")).toBe("true");
  expect((await json(third)).session.id).toBe(a.session.id);
  expect(await countSessions(h.user.id)).toBe(before + 1);

  const other = await h.api.post(
    "/api/sessions",
    { ...body, numImages: 6 },
    { "idempotency-key": key },
  );
  expect(other.status).toBe(409);
  expect((await json(other)).error.message).toMatch(/already used for a different request/);
  // The same key on another endpoint is another request too.
  expect(
    (
      await h.api.post(
        `/api/sessions/${a.session.id}/generate-images`,
        {},
        { "idempotency-key": key },
      )
    ).status,
  ).toBe(409);
  expect(await countSessions(h.user.id)).toBe(before + 1);

  // Keys are per user: another user's same key is theirs.
  const bob = await createTestUser("bob");
  const bobs = await apiClient(h.server.url, bob).post("/api/sessions", body, {
    "idempotency-key": key,
  });
  expect(bobs.status).toBe(201);
  expect((await json(bobs)).session.id).not.toBe(a.session.id);
});

test("a refused request frees its key; a malformed key is a 400", async () => {
  const key = randomUUID();
  const bad = await h.api.post("/api/sessions", { productPrompt: "" }, { "idempotency-key": key });
  expect(bad.status).toBe(400);
  const fixed = await h.api.post(
    "/api/sessions",
    { productPrompt: "a leather wallet" },
    { "idempotency-key": key },
  );
  expect(fixed.status).toBe(201);
  for (const k of ["has space", "x".repeat(256)]) {
    const res = await h.api.post(
      "/api/sessions",
      { productPrompt: "a leather wallet" },
      { "idempotency-key": k },
    );
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues[0].path).toBe("Idempotency-Key");
  }
});

test("generate-images with an Idempotency-Key retried after a lost answer starts one run", async () => {
  const { session } = await json(
    h.api.post("/api/sessions", { productPrompt: "a bamboo toothbrush", numImages: 4 }),
  );
  const key = randomUUID();
  const first = await json(
    h.api.post(`/api/sessions/${session.id}/generate-images`, {}, { "idempotency-key": key }),
  );
  const replay = await h.api.post(
    `/api/sessions/${session.id}/generate-images`,
    {},
    { "idempotency-key": key },
  );
  expect(replay.status).toBe(202);
  expect(await json(replay)).toEqual(first); // the stored answer, byte for byte
  await waitForStatus(h.api, session.id, ["reviewing_images"]);
  expect(await jobsFor("parse-prompt", session.id)).toBe(1);
});

test("generate-clips: a double click is one run; the same request again starts nothing; a changed one starts a new run", async () => {
  const id = await startAd(h.api, { numImages: 4 });
  const detail = await waitForStatus(h.api, id, ["reviewing_images"]);
  const chosen = detail.images.slice(0, 2).map((a: Json) => a.id);
  expect(
    (await h.api.put(`/api/sessions/${id}/approved-images`, { assetIds: chosen })).status,
  ).toBe(200);
  const body = { videoPrompt: "slow spin", clipDurationSeconds: 2 };
  const clicks = await Promise.all(
    Array.from({ length: 3 }, () => h.api.post(`/api/sessions/${id}/generate-clips`, body)),
  );
  expect(clicks.map((r) => r.status)).toEqual([202, 202, 202]);
  await waitForStatus(h.api, id, ["reviewing_videos"], 180_000);
  const again = await json(h.api.post(`/api/sessions/${id}/generate-clips`, body));
  expect(again.session).toMatchObject({ status: "reviewing_videos", metadata: { clipRun: 1 } });
  const clips = async () =>
    db()
      .select()
      .from(assets)
      .where(and(eq(assets.sessionId, id), eq(assets.type, "video_clip")));
  expect((await clips()).length).toBe(2);
  expect(await jobsFor("plan-scenes", id)).toBe(1);

  const changed = await json(
    h.api.post(`/api/sessions/${id}/generate-clips`, { ...body, videoPrompt: "fast spin" }),
  );
  expect(changed.session).toMatchObject({ status: "generating_videos", metadata: { clipRun: 2 } });
  const done = await waitForStatus(h.api, id, ["reviewing_videos"], 180_000);
  expect((await clips()).length).toBe(4); // the first run's clips are kept
  expect(done.session.metadata.clipRunIds.length).toBe(2);
});
