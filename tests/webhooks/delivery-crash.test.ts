// A worker SIGKILLed in the middle of sending a webhook loses nothing: the delivery row it
// held stays `sending` until its lock runs out, then another worker sends it again — with
// the same webhook-id, so the receiver can tell the repeat — and records it delivered once.
import "./env";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDeliveries } from "@/lib/db/queries/outgoing-webhooks";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { moveSession } from "@/lib/pipeline/status";
import { closeEmitter } from "@/lib/realtime/events";
import { createWebhook, webhookDeliveries } from "@/lib/webhooks/outgoing/manage";
import { createSession, waitFor } from "../support/pipeline-session";
import { createTestUser } from "../support/users";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";
import { startReceiver } from "./receiver";

const WORKER_ENV = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
  WEBHOOK_TIMEOUT_SECONDS: "2",
  WEBHOOK_RETRY_DELAYS_SECONDS: "0.3,0.3,0.3",
};
const running: WorkerProcess[] = [];

beforeAll(async () => {
  await queue(); // pg-boss's schema, before the worker processes start
});
afterAll(async () => {
  await Promise.all(running.map((w) => w.kill()));
  await stopQueue();
  await closeEmitter();
});

test("SIGKILL mid-delivery: another worker sends it again, same webhook-id, recorded once", async () => {
  // The first attempt is held open (the worker is killed while it waits); the next is answered.
  const receiver = await startReceiver(["hold", 200]);
  try {
    const user = await createTestUser("webhook-crash");
    const { webhook } = await createWebhook({
      userId: user.id,
      input: { url: receiver.url, events: ["session.failed"] },
    });
    const first = await startWorkerProcess(WORKER_ENV);
    running.push(first);

    const session = await createSession(user.id);
    await moveSession({ id: session.id, to: "failed", errorMessage: "test" });
    await receiver.count(1);
    await first.kill(); // mid-send: the request is open, no answer recorded

    const [held] = await waitFor("the delivery row", async () => {
      const { deliveries } = await webhookDeliveries({ userId: user.id, id: webhook.id });
      return deliveries.length ? deliveries : undefined;
    });
    expect(held).toMatchObject({ status: "sending", attempts: 0 });

    const second = await startWorkerProcess(WORKER_ENV);
    running.push(second);
    const got = await receiver.count(2, 60_000);
    expect(got[1].headers["webhook-id"]).toBe(got[0].headers["webhook-id"]);
    expect(got[1].json).toEqual(got[0].json);

    const [done] = await waitFor("delivered", async () => {
      const rows = await getDeliveries({ ids: [held.id] });
      return rows[0]?.status === "delivered" ? rows : undefined;
    });
    expect(done).toMatchObject({ attempts: 1, responseStatus: 200 });
    await new Promise((r) => setTimeout(r, 2000));
    expect(receiver.received).toHaveLength(2);
  } finally {
    await receiver.close();
  }
}, 120_000);
