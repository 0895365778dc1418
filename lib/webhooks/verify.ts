// Replicate signs webhooks the Standard Webhooks way: HMAC-SHA256 over
// `${webhook-id}.${webhook-timestamp}.${body}` with the base64 key after "whsec_", sent as
// space-separated "v1,<base64>" entries. The client's validateWebhook compares with === and
// accepts any timestamp, so this is our own check: constant-time, 5-minute window both ways.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TOLERANCE_SECONDS = 5 * 60;

export type WebhookHeaders = {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
};

export type Verdict = { ok: true } | { ok: false; reason: string };

export function signWebhook(
  secret: string,
  id: string,
  timestamp: number | string,
  body: string,
): string {
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export function verifyWebhook(
  secret: string | undefined,
  h: WebhookHeaders,
  body: string,
  nowSeconds = Date.now() / 1000,
): Verdict {
  if (!secret)
    return { ok: false, reason: "no signing secret configured (REPLICATE_WEBHOOK_SECRET)" };
  if (!h.id || !h.timestamp || !h.signature)
    return { ok: false, reason: "missing webhook headers" };
  if (!/^\d{1,12}$/.test(h.timestamp)) return { ok: false, reason: "malformed timestamp" };
  const age = nowSeconds - Number(h.timestamp);
  if (Math.abs(age) > TOLERANCE_SECONDS)
    return { ok: false, reason: age > 0 ? "timestamp too old" : "timestamp in the future" };
  const expected = Buffer.from(signWebhook(secret, h.id, h.timestamp, body).slice(3), "base64");
  for (const entry of h.signature.split(" ")) {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "signature does not match" };
}
