// Sets the Replicate environment before anything imports lib/env (import this first in a
// replicate-mode test file): a token, a signing secret, and the fake's address on a port
// reserved now; startFakeReplicate({ port: fakePort() }) then listens there.
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const port = await freePort();
export const FAKE_TOKEN = `r8_test_${randomBytes(16).toString("hex")}`;
export const FAKE_SECRET = `whsec_${randomBytes(24).toString("base64")}`;
export const fakePort = () => port;

process.env.REPLICATE_API_TOKEN = FAKE_TOKEN;
process.env.REPLICATE_WEBHOOK_SECRET = FAKE_SECRET;
process.env.REPLICATE_BASE_URL = `http://127.0.0.1:${port}/v1`;
process.env.REPLICATE_DELIVERY_URL = `http://127.0.0.1:${port}/delivery`;
process.env.REPLICATE_POLL_MAX_SECONDS ??= "0.25";
// A silent prediction is given up on after 5 s in tests (the fake answers in ~150 ms).
process.env.REPLICATE_DEADLINE_SECONDS ??= "5";
