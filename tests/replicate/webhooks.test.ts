// POST /api/webhooks/replicate through the real route handler: signature, freshness window,
// replay and ordering. A valid "completed" finishes the asset exactly once through the same
// code the poller uses (file in storage, asset completed, one cost row).
// First: it sets the Replicate environment before anything reads lib/env.
import "../support/fake-replicate/env";

import "../support/fake-replicate/env"; // first: Replicate settings before lib/env is read
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts, webhookEvents } from "@/lib/db/schema";
import { storage } from "@/lib/storage";
import { signWebhook, verifyWebhook } from "@/lib/webhooks/verify";
import type { FakeReplicate } from "../support/fake-replicate";
import { FAKE_SECRET } from "../support/fake-replicate/env";
import { bootFakeReplicate } from "../support/replicate-fake";
import { deliverWebhook, waitingAsset as waitingAssetAt } from "../support/replicate-webhook";
import { startTestServer, type TestServer } from "../support/test-server";

let fake: FakeReplicate;
let server: TestServer;

beforeAll(async () => {
  fake = await bootFakeReplicate();
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await fake.close();
});

const now = () => Math.floor(Date.now() / 1000);

const post = (body: string, h: { id: string; ts: number | string; sig?: string }) =>
  deliverWebhook(server.url, body, h);
const waitingAsset = () => waitingAssetAt(fake);

describe("signature checks", () => {
  const body = JSON.stringify({ id: "p1", status: "succeeded" });
  test("a valid signature passes; tampered, stale, future, unsigned or wrong-secret ones do not", () => {
    const ts = now();
    const sig = signWebhook(FAKE_SECRET, "msg_1", ts, body);
    expect(
      verifyWebhook(
        FAKE_SECRET,
        { id: "msg_1", timestamp: String(ts), signature: `v1,bogus ${sig}` },
        body,
      ),
    ).toEqual({ ok: true });
    expect(
      verifyWebhook(
        FAKE_SECRET,
        { id: "msg_1", timestamp: String(ts), signature: sig },
        body.replace("p1", "p2"),
      ).ok,
    ).toBe(false);
    expect(
      verifyWebhook(FAKE_SECRET, { id: "msg_2", timestamp: String(ts), signature: sig }, body).ok,
    ).toBe(false);
    const stale = ts - 301;
    expect(
      verifyWebhook(
        FAKE_SECRET,
        {
          id: "msg_1",
          timestamp: String(stale),
          signature: signWebhook(FAKE_SECRET, "msg_1", stale, body),
        },
        body,
      ),
    ).toEqual({ ok: false, reason: "timestamp too old" });
    const future = ts + 301;
    expect(
      verifyWebhook(
        FAKE_SECRET,
        {
          id: "msg_1",
          timestamp: String(future),
          signature: signWebhook(FAKE_SECRET, "msg_1", future, body),
        },
        body,
      ),
    ).toEqual({ ok: false, reason: "timestamp in the future" });
    expect(
      verifyWebhook(
        FAKE_SECRET,
        { id: "msg_1", timestamp: "0", signature: signWebhook(FAKE_SECRET, "msg_1", 0, body) },
        body,
      ).ok,
    ).toBe(false);
    expect(
      verifyWebhook(
        `whsec_${Buffer.from("another secret").toString("base64")}`,
        { id: "msg_1", timestamp: String(ts), signature: sig },
        body,
      ).ok,
    ).toBe(false);
    expect(
      verifyWebhook(FAKE_SECRET, { id: "msg_1", timestamp: String(ts), signature: null }, body).ok,
    ).toBe(false);
    expect(
      verifyWebhook(undefined, { id: "msg_1", timestamp: String(ts), signature: sig }, body).ok,
    ).toBe(false);
  });
});

describe("the webhook route", () => {
  test("tampered, stale and future deliveries get 401 and change nothing", async () => {
    const { asset, prediction } = await waitingAsset();
    const body = JSON.stringify(prediction);
    const ts = now();
    const good = signWebhook(FAKE_SECRET, "msg_t", ts, body);
    expect(
      (await post(body.replace("succeeded", "failed"), { id: "msg_t", ts, sig: good })).status,
    ).toBe(401);
    expect((await post(body, { id: "msg_s", ts: ts - 600 })).status).toBe(401);
    expect((await post(body, { id: "msg_f", ts: ts + 600 })).status).toBe(401);
    expect((await post(body, { id: "msg_n", ts, sig: "" })).status).toBe(401);
    const [row] = await db().select().from(assets).where(eq(assets.id, asset.id));
    expect(row.status).toBe("generating");
    expect(
      await db().select().from(webhookEvents).where(eq(webhookEvents.predictionId, prediction.id)),
    ).toEqual([]);
  });

  test("completed before start, and a replay: applied exactly once", async () => {
    const { asset, prediction } = await waitingAsset();
    const completed = JSON.stringify(prediction);
    const start = JSON.stringify({
      ...prediction,
      status: "processing",
      output: null,
      completed_at: null,
    });
    const ts = now();
    const first = await post(completed, { id: "msg_done", ts });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: "completed" });
    expect((await post(start, { id: "msg_start", ts })).status).toBe(200);
    const replay = await post(completed, { id: "msg_done", ts });
    expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    // The same news under a new webhook-id (a redelivery Replicate sent again) changes nothing either.
    expect(await (await post(completed, { id: "msg_done_again", ts })).json()).toMatchObject({
      outcome: "already-done",
    });

    const [row] = await db().select().from(assets).where(eq(assets.id, asset.id));
    expect(row).toMatchObject({
      status: "completed",
      predictionId: prediction.id,
      mimeType: "image/png",
    });
    expect(row.modelVersion).toMatch(/^black-forest-labs\/flux-kontext-pro/);
    expect((await storage().head(row.storagePath!))?.size).toBeGreaterThan(0);
    const costs = await db()
      .select()
      .from(generationCosts)
      .where(eq(generationCosts.assetId, asset.id));
    expect(costs).toHaveLength(1);
    expect(costs[0]).toMatchObject({
      apiCallId: prediction.id,
      success: true,
      amount: "0.0400",
      provider: "replicate",
    });
    const events = await db()
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.predictionId, prediction.id));
    expect(events.map((e) => e.webhookId).sort()).toEqual([
      "msg_done",
      "msg_done_again",
      "msg_start",
    ]);
  });

  test("a prediction we do not track gets 200 and is only logged", async () => {
    const body = JSON.stringify({
      id: "unknownprediction",
      status: "succeeded",
      output: "https://replicate.delivery/x/y.png",
    });
    const res = await post(body, { id: "msg_unknown", ts: now() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "unknown-prediction" });
  });
});
