// One process: Next.js (pages + JSON API) and Socket.IO on one port, plus, unless
// RUN_WORKER=false, the pipeline worker. `npm start` runs it in production mode.
import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { CLIENT_IP_HEADER } from "./lib/auth/client-ip";
import { bootstrap } from "./lib/bootstrap";
import { guardDriverCrashes } from "./lib/db/driver-guard";
import { DEMO_USER } from "./lib/db/seed";
import { env } from "./lib/env";
import { LOCAL_ORIGIN_HEADER, socketOrigin } from "./lib/http/app-origin";
import { clientAddress } from "./lib/http/client-address";
import { answerClientError, answeredBeforeNext } from "./lib/http/raw-answers";
import { errorFields, logger } from "./lib/logger";
import { scheduleStorageJobs } from "./lib/pipeline/jobs/storage-jobs";
import { queue } from "./lib/pipeline/queue";
import { startWorker, stopWorker } from "./lib/pipeline/worker";
import { closeEmitter } from "./lib/realtime/events";
import { attachRealtime } from "./lib/realtime/server";

guardDriverCrashes(); // survive PostgreSQL restarts (lib/db/driver-guard.ts)
const dev = env.NODE_ENV !== "production";
const runtime = await bootstrap({ role: "web" });
const app = next({ dev, hostname: "localhost", port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();

const http = createServer((req, res) => {
  if (answeredBeforeNext(req, res)) return;
  handle(req, res).catch((err) => {
    logger.error("request failed", { url: req.url, ...errorFields(err) });
    res.statusCode = 500;
    res.end();
  });
});
http.on("clientError", answerClientError); // JSON and security headers, not Node's bare 400
const realtime = attachRealtime(http);
// Stamped before anything else sees the request (Socket.IO's handlers included): the
// client's address and the address it reached, replacing whatever a client sent in these.
const stampClientIp = (req: IncomingMessage) => {
  req.headers[CLIENT_IP_HEADER] = clientAddress(req);
  req.headers[LOCAL_ORIGIN_HEADER] = socketOrigin(req.socket);
};
http.prependListener("request", stampClientIp);
http.prependListener("upgrade", stampClientIp);

// Jobs left "active" on a database this process just started belong to a process that died.
if (env.RUN_WORKER) {
  await startWorker({ reclaimActiveJobs: runtime.startedDatabase });
  await scheduleStorageJobs(); // the storage lifecycle's periodic jobs (not in tests' workers)
}
// A web-only process still enqueues jobs: connect the queue now (about a second, once),
// not inside the first marketer's request.
else await queue();

http.listen(env.PORT, env.HOST, () => {
  const url = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  logger.info(
    `adsmith running: web + Socket.IO${env.RUN_WORKER ? " + pipeline worker" : " (no worker: RUN_WORKER=false)"}`,
    {
      url,
      pid: process.pid,
      database: runtime.database,
      mode: dev ? "development" : "production",
    },
  );
  console.log(
    `\n  Adsmith is running at ${url}\n  Sign in as ${DEMO_USER.email} / ${DEMO_USER.password}\n`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down: running jobs finish or go back to the queue", { signal });
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  try {
    // The worker first, while sockets still carry its last progress events.
    await stopWorker();
    const closed = realtime.close(); // sockets, adapter, and the listening HTTP server
    http.closeIdleConnections();
    await closed;
    await app.close?.();
    await closeEmitter();
    await runtime.shutdown();
  } catch (err) {
    logger.error("shutdown was not clean", errorFields(err));
    process.exit(1);
  }
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
