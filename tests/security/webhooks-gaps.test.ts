// Webhooks (issue 7.4): tests/replicate/webhooks.test.ts covers unsigned, tampered, stale and
// future deliveries, a replay of one webhook-id and "completed" before "start". The gaps
// filled here: the same delivery arriving many times at once (and the same news under
// several ids at once) is applied exactly once; missing headers; a "failed" delivery is
// left to the poller (which owns the failure's cost row); a delivery for a deleted ad
// changes nothing; a result a job in another process is waiting for is handed to that job.
import "../support/fake-replicate/env"; // first: Replicate settings before lib/env is read
import "../support/quiet-logs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db, sqlClient } from "@/lib/db/client";
import { assets, generationCosts, sessions, webhookEvents } from "@/lib/db/schema";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import type { FakeReplicate } from "../support/fake-replicate";
import { bootFakeReplicate } from "../support/replicate-fake";
import { deliverWebhook, waitingAsset } from "../support/replicate-webhook";
import { startTestServer, type TestServer } from "../support/test-server";
import { dbSnapshot } from "./support/db-snapshot";

let fake: FakeReplicate;
let server: TestServer;
beforeAll(async () => {
  fake = await bootFakeReplicate();
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
  await stopQueue();
});

const deliver = (body: string, id: string, headers: Record<string, string> = {}) =>
  deliverWebhook(server.url, body, { id, headers });
const waiting = (opts: { fail?: boolean } = {}) => waitingAsset(fake, opts);

test("the same delivery ×6 and the same news under 4 ids, all at once: applied exactly once", async () => {
  const { asset, body, predictionId } = await waiting();
  const answers = await Promise.all([
    ...Array.from({ length: 6 }, () => deliver(body, "msg_same")),
    ...Array.from({ length: 4 }, (_, i) => deliver(body, `msg_other_${i}`)),
  ]);
  expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
  const outcomes = await Promise.all(
    answers.map(async (r) => ((await r.json()) as { outcome: string }).outcome),
  );
  expect(outcomes.filter((o) => o === "completed")).toHaveLength(1);
  const [row] = await db().select().from(assets).where(eq(assets.id, asset.id));
  expect(row.status).toBe("completed");
  const costs = await db()
    .select()
    .from(generationCosts)
    .where(eq(generationCosts.assetId, asset.id));
  expect(costs).toHaveLength(1);
  expect(costs[0]).toMatchObject({ apiCallId: predictionId, success: true });
  const events = await db()
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.predictionId, predictionId));
  expect(events.map((e) => e.webhookId).sort()).toEqual([
    "msg_other_0",
    "msg_other_1",
    "msg_other_2",
    "msg_other_3",
    "msg_same",
  ]);
});

test("missing webhook headers → 401, nothing stored", async () => {
  const { body } = await waiting();
  const before = await dbSnapshot();
  for (const drop of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    const res = await deliver(body, "msg_missing", { [drop]: "" });
    expect(res.status, drop).toBe(401);
  }
  const bare = await fetch(`${server.url}/api/webhooks/replicate`, { method: "POST", body });
  expect(bare.status).toBe(401);
  expect(await dbSnapshot()).toEqual(before);
});

test("a failed prediction's delivery is left to the poller: no cost row, the asset still waits", async () => {
  const { asset, body } = await waiting({ fail: true });
  expect(JSON.parse(body).status).toBe("failed");
  const res = await deliver(body, "msg_failed");
  expect(await res.json()).toMatchObject({ outcome: "left-to-poller" });
  const [row] = await db().select().from(assets).where(eq(assets.id, asset.id));
  expect(row.status).toBe("generating");
  expect(
    await db().select().from(generationCosts).where(eq(generationCosts.assetId, asset.id)),
  ).toEqual([]);
});

test("a delivery for a deleted ad changes nothing of it", async () => {
  const { asset, session, body } = await waiting();
  await db().update(sessions).set({ deletedAt: sql`now()` }).where(eq(sessions.id, session.id));
  const res = await deliver(body, "msg_deleted");
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ outcome: "session-gone" });
  const [row] = await db().select().from(assets).where(eq(assets.id, asset.id));
  expect(row.status).toBe("generating");
  expect(
    await db().select().from(generationCosts).where(eq(generationCosts.assetId, asset.id)),
  ).toEqual([]);
});

test("a job running the prediction in another process is woken to finish it; the web process does not do it twice", async () => {
  const { asset, body, predictionId } = await waiting();
  // As if a worker elsewhere were running this asset's job right now.
  const boss = await queue();
  const jobId = await boss.send("generate-image", { assetId: asset.id });
  await db().execute(
    sql`update pgboss.job set state = 'active', started_on = now() where id = ${jobId}::uuid`,
  );
  const heard: string[] = [];
  const listener = await sqlClient().listen("adsmith_predictions", (id) => void heard.push(id));
  try {
    const res = await deliver(body, "msg_handoff");
    expect(await res.json()).toMatchObject({ outcome: "handed to the poller" });
    for (let i = 0; i < 50 && !heard.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual([predictionId]);
    const [row] = await db().select().from(assets).where(eq(assets.id, asset.id));
    expect(row.status).toBe("generating"); // left to the job (it re-attaches and finishes it once)
    expect(
      await db().select().from(generationCosts).where(eq(generationCosts.assetId, asset.id)),
    ).toEqual([]);
  } finally {
    await listener.unlisten();
    await db().execute(sql`delete from pgboss.job where id = ${jobId}::uuid`);
  }
});
