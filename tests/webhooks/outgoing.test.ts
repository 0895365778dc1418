// Outgoing webhooks through the API with the worker in this process: a finished ad's
// session.completed reaches a receiver, signed per Standard Webhooks; a receiver that fails
// three times gets the event on the fourth attempt, recorded; bad input and other users'
// endpoints are refused; a deleted endpoint hears nothing more.
import "./env";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { env } from "@/lib/env";
import { moveSession } from "@/lib/pipeline/status";
import { seedSessionAtClipReview } from "../compose/seed";
import {
  type Harness,
  json,
  startHarness,
  waitFor,
  waitForStatus,
} from "../pipeline/support/harness";
import { apiClient, createTestUser } from "../support/users";
import { startReceiver, validSignature } from "./receiver";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.stop());

async function addWebhook(api: Harness["api"], url: string, events: string[]) {
  const res = await api.post("/api/webhooks", { url, events });
  expect(res.status).toBe(201);
  return (await res.json()) as { webhook: { id: string }; secret: string };
}

const deliveries = async (api: Harness["api"], id: string) =>
  (await json(api.get(`/api/webhooks/${id}/deliveries`))).deliveries;

test("a finished ad's session.completed reaches the receiver, signed, with its final video", async () => {
  const receiver = await startReceiver();
  try {
    const { webhook, secret } = await addWebhook(h.api, receiver.url, ["session.completed"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const listed = await json(h.api.get("/api/webhooks"));
    expect(listed.webhooks).toEqual([
      expect.objectContaining({ id: webhook.id, url: receiver.url, events: ["session.completed"] }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const seeded = await seedSessionAtClipReview(h.user.id, { clips: 2, seconds: 2 });
    expect(
      (await h.api.put(`/api/sessions/${seeded.id}/approved-clips`, { assetIds: seeded.clips }))
        .status,
    ).toBe(200);
    const composed = await h.api.post(`/api/sessions/${seeded.id}/compose`, {
      productName: "Trail Runner",
      callToAction: "Shop now",
    });
    expect(composed.status).toBe(202);
    await waitForStatus(h.api, seeded.id, ["completed"], 120_000);

    const [got] = await receiver.count(1);
    expect(got.json.type).toBe("session.completed");
    expect(got.json.data.session.id).toBe(seeded.id);
    expect(got.json.data.session.status).toBe("completed");
    expect(got.json.data.finalVideos.length).toBeGreaterThan(0);
    expect(got.json.data.finalVideos[0].url).toMatch(/^\/api\/media\//);
    expect(validSignature(got, secret)).toBe(true);
    const wrongKey = `whsec_${Buffer.from("wrong key").toString("base64")}`;
    expect(validSignature(got, wrongKey)).toBe(false);
    const age = Date.now() / 1000 - Number(got.headers["webhook-timestamp"]);
    expect(age).toBeLessThan(60);

    const [d] = await waitFor("the delivery recorded", async () => {
      const list = await deliveries(h.api, webhook.id);
      return list[0]?.status === "delivered" ? list : undefined;
    });
    expect(d).toMatchObject({
      id: got.headers["webhook-id"],
      event: "session.completed",
      attempts: 1,
      responseStatus: 200,
    });
    expect(receiver.received).toHaveLength(1); // stage.completed was not subscribed
  } finally {
    await receiver.close();
  }
}, 180_000);

test("a receiver that answers 500 three times gets the event on the fourth attempt, recorded", async () => {
  const receiver = await startReceiver([500, 500, 500, 200]);
  try {
    const { webhook, secret } = await addWebhook(h.api, receiver.url, ["session.failed"]);
    const seeded = await seedSessionAtClipReview(h.user.id, { clips: 1, seconds: 2 });
    // the subject is delivery, not how an ad fails: the status machine's own move
    expect(await moveSession({ id: seeded.id, to: "failed", errorMessage: "test" })).toBeDefined();

    const got = await receiver.count(4);
    expect(new Set(got.map((r) => r.headers["webhook-id"])).size).toBe(1); // one event, four attempts
    expect(got.every((r) => validSignature(r, secret))).toBe(true);
    expect(got[3].json).toMatchObject({
      type: "session.failed",
      data: { session: { id: seeded.id } },
    });
    const [d] = await waitFor("the fourth attempt recorded", async () => {
      const list = await deliveries(h.api, webhook.id);
      return list[0]?.status === "delivered" ? list : undefined;
    });
    expect(d).toMatchObject({ attempts: 4, responseStatus: 200, event: "session.failed" });
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received).toHaveLength(4); // nothing after the 2xx
  } finally {
    await receiver.close();
  }
}, 60_000);

test("after the last delay a delivery fails for good, with the last answer recorded", async () => {
  const receiver = await startReceiver([503, 503, 503, 503, 503, 503]);
  try {
    const { webhook } = await addWebhook(h.api, receiver.url, ["session.failed"]);
    const seeded = await seedSessionAtClipReview(h.user.id, { clips: 1, seconds: 2 });
    await moveSession({ id: seeded.id, to: "failed", errorMessage: "test" });
    const [d] = await waitFor("the delivery given up", async () => {
      const list = await deliveries(h.api, webhook.id);
      return list[0]?.status === "failed" ? list : undefined;
    });
    // four delays = five attempts
    expect(d).toMatchObject({ attempts: 5, responseStatus: 503, lastError: "answered 503" });
    expect(receiver.received).toHaveLength(5);
  } finally {
    await receiver.close();
  }
}, 60_000);

describe("bad input and other users", () => {
  test("a URL that is not http(s), a private target, an unknown event → 400 naming the field; nothing created", async () => {
    const user = await createTestUser("webhook-bad");
    const api = apiClient(h.server.url, user);
    const refuse = async (body: unknown, path: string) => {
      const res = await api.post("/api/webhooks", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("invalid_input");
      expect(error.issues.map((i: { path: string }) => i.path)).toContain(path);
      return error.message as string;
    };
    await refuse({ url: "ftp://example.com/hook", events: ["session.completed"] }, "url");
    await refuse({ url: "javascript:alert(1)", events: ["session.completed"] }, "url");
    await refuse({ url: "not a url", events: ["session.completed"] }, "url");
    await refuse({ url: "https://example.com/h", events: ["session.started"] }, "events.0");
    await refuse({ url: "https://example.com/h", events: [] }, "events");
    const saved = env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
    (env as { WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean }).WEBHOOK_ALLOW_PRIVATE_TARGETS = false;
    try {
      for (const url of [
        "http://127.0.0.1:9/hook",
        "http://10.1.2.3/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost/hook",
      ])
        expect(await refuse({ url, events: ["session.completed"] }, "url")).toMatch(
          /private or loopback|could not be found/,
        );
    } finally {
      (env as { WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean }).WEBHOOK_ALLOW_PRIVATE_TARGETS = saved;
    }
    expect((await json(api.get("/api/webhooks"))).webhooks).toEqual([]);
  });

  test("another user's webhook is a 404; a deleted webhook stops at once", async () => {
    const receiver = await startReceiver();
    try {
      const { webhook } = await addWebhook(h.api, receiver.url, ["session.failed"]);
      const other = apiClient(h.server.url, await createTestUser("webhook-other"));
      expect((await other.get(`/api/webhooks/${webhook.id}/deliveries`)).status).toBe(404);
      expect((await other.delete(`/api/webhooks/${webhook.id}`)).status).toBe(404);
      expect((await json(other.get("/api/webhooks"))).webhooks).toEqual([]);

      expect((await h.api.delete(`/api/webhooks/${webhook.id}`)).status).toBe(204);
      expect((await h.api.delete(`/api/webhooks/${webhook.id}`)).status).toBe(404);
      const seeded = await seedSessionAtClipReview(h.user.id, { clips: 1, seconds: 2 });
      await moveSession({ id: seeded.id, to: "failed", errorMessage: "test" });
      await new Promise((r) => setTimeout(r, 2000));
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});
