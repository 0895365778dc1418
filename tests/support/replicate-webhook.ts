// Replicate webhook deliveries to the app's route, and what they apply to: a prediction
// finished (or failed) at the fake Replicate with an image asset of a new ad waiting for it.
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { assets, sessions } from "@/lib/db/schema";
import { signWebhook } from "@/lib/webhooks/verify";
import type { FakeReplicate } from "./fake-replicate";
import { FAKE_SECRET, FAKE_TOKEN } from "./fake-replicate/env";
import { createTestUser } from "./users";

const MODEL = "black-forest-labs/flux-kontext-pro";

/** A prediction finished at the fake (failed with `fail`), and an image asset waiting for it. */
export async function waitingAsset(fake: FakeReplicate, opts: { fail?: boolean } = {}) {
  fake.behave(MODEL, { failRate: opts.fail ? 1 : 0 });
  const res = await fetch(`${fake.url}/models/${MODEL}/predictions`, {
    method: "POST",
    headers: { authorization: `Bearer ${FAKE_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      input: { prompt: `shoes ${Math.random()}`, aspect_ratio: "9:16", seed: 1 },
    }),
  });
  const { id } = (await res.json()) as { id: string };
  for (
    let i = 0;
    i < 100 && !["succeeded", "failed"].includes(fake.predictions.get(id)!.status);
    i++
  )
    await new Promise((r) => setTimeout(r, 50));
  const user = await createTestUser();
  const [s] = await db()
    .insert(sessions)
    .values({ userId: user.id, status: "generating_images", currentStage: "image_gen" })
    .returning();
  const [a] = await db()
    .insert(assets)
    .values({
      sessionId: s.id,
      type: "image",
      source: "flux-pro",
      status: "generating",
      url: "",
      predictionId: id,
      viewType: "front",
    })
    .returning();
  await db()
    .update(sessions)
    .set({ generatedImageIds: [a.id] })
    .where(eq(sessions.id, s.id));
  const { timers: _t, ...prediction } = fake.predictions.get(id)!;
  return { asset: a, session: s, prediction, predictionId: id, body: JSON.stringify(prediction) };
}

/**
 * POSTs a delivery to /api/webhooks/replicate, signed with the fake's secret (or `sig`) and
 * timestamped now (or `ts`); `headers` are added last (an empty value drops one).
 */
export function deliverWebhook(
  serverUrl: string,
  body: string,
  h: { id: string; ts?: number | string; sig?: string; headers?: Record<string, string> },
) {
  const ts = h.ts ?? Math.floor(Date.now() / 1000);
  return fetch(`${serverUrl}/api/webhooks/replicate`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": h.id,
      "webhook-timestamp": String(ts),
      "webhook-signature": h.sig ?? signWebhook(FAKE_SECRET, h.id, ts, body),
      ...h.headers,
    },
    body,
  });
}
