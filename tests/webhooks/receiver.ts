// A webhook receiver for tests: records every request and answers from a script of statuses
// ("hold" keeps the request open, as a receiver that never answers).
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON body, read field by field in assertions
export type Received = { headers: IncomingMessage["headers"]; body: string; json: any };

export async function startReceiver(answers: (number | "hold")[] = []) {
  const received: Received[] = [];
  const waiting: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body, json: JSON.parse(body) });
      for (const w of waiting.splice(0)) w();
      const answer = answers.shift() ?? 200;
      if (answer === "hold") return; // never answers
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Resolves when `n` requests have arrived. */
    async count(n: number, ms = 30_000) {
      const deadline = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > deadline)
          throw new Error(`receiver got ${received.length} requests, expected ${n}`);
        await new Promise<void>((r) => {
          waiting.push(r);
          setTimeout(r, 200);
        });
      }
      return received;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Standard Webhooks verification, written from the spec (not the product's code). */
export function validSignature(r: Received, secret: string): boolean {
  const id = String(r.headers["webhook-id"]);
  const ts = String(r.headers["webhook-timestamp"]);
  const key = Buffer.from(secret.split("_")[1], "base64");
  const expected = createHmac("sha256", key).update(`${id}.${ts}.${r.body}`).digest("base64");
  return String(r.headers["webhook-signature"])
    .split(" ")
    .some((s) => s === `v1,${expected}`);
}
