// One process: Next.js (pages + JSON API) and Socket.IO on one port, plus, unless
// RUN_WORKER=false, the pipeline worker. `npm start` runs it in production mode.
import { createServer } from "node:http";
import next from "next";
import { env } from "./lib/env";
import { bootstrap } from "./lib/bootstrap";
import { CLIENT_IP_HEADER } from "./lib/auth/client-ip";
import { DEMO_USER } from "./lib/db/seed";
import { logger, errorFields } from "./lib/logger";
import { attachRealtime } from "./lib/realtime/server";

const dev = env.NODE_ENV !== "production";
const runtime = await bootstrap();
const app = next({ dev, hostname: "localhost", port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();

const http = createServer((req, res) => {
  const forwarded = env.TRUST_PROXY ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0].trim() : "";
  req.headers[CLIENT_IP_HEADER] = forwarded || req.socket.remoteAddress || "unknown";
  handle(req, res).catch((err) => {
    logger.error("request failed", { url: req.url, ...errorFields(err) });
    res.statusCode = 500;
    res.end();
  });
});
const io = attachRealtime(http);

http.listen(env.PORT, env.HOST, () => {
  const url = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  console.log(`\n  Adsmith is running at ${url}\n  Sign in as ${DEMO_USER.email} / ${DEMO_USER.password}\n`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  io.close();
  http.close();
  await app.close?.();
  await runtime.shutdown();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
