// One POST of a webhook body, over node:http(s) so the connection's address passes through
// guardedLookup (targets.ts). Redirects are not followed (a 3xx is an answer, not a 2xx).
import http from "node:http";
import https from "node:https";
import { guardedLookup } from "./targets";

export type SendResult = { status: number } | { error: string };

export function postWebhook(o: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<SendResult> {
  const url = new URL(o.url);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: {
          ...o.headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(o.body),
          "user-agent": "Adsmith-Webhooks/1",
        },
        lookup: guardedLookup as never,
        timeout: o.timeoutMs,
      },
      (res) => {
        res.resume(); // the answer's body is not read, only drained
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${o.timeoutMs / 1000} s`)));
    req.on("error", (err) => resolve({ error: err.message.slice(0, 300) }));
    req.end(o.body);
  });
}
