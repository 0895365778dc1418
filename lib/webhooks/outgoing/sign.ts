// Standard Webhooks (standardwebhooks.com) signing: the secret is `whsec_` + base64 of the
// key; the signature is `v1,` + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>")).
// Receivers verify with any Standard Webhooks library (or these four lines).
import { createHmac, randomBytes } from "node:crypto";

export const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

export function signature(o: { secret: string; id: string; timestamp: number; body: string }) {
  const key = Buffer.from(o.secret.replace(/^whsec_/, ""), "base64");
  const mac = createHmac("sha256", key).update(`${o.id}.${o.timestamp}.${o.body}`).digest("base64");
  return `v1,${mac}`;
}

/** The headers of one attempt (the id is the same on every attempt of a delivery). */
export function signedHeaders(o: { secret: string; id: string; body: string; now?: number }) {
  const timestamp = Math.floor((o.now ?? Date.now()) / 1000);
  return {
    "webhook-id": o.id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signature({ ...o, timestamp }),
  };
}
