// A worker-only process (`npm run worker`): runs pipeline jobs and serves nothing. Start as
// many as the machine allows, next to any number of web processes, on one database
// (DATABASE_URL, or the embedded PostgreSQL a running `npm start` owns in this folder).
// Progress reaches browsers through the Socket.IO Postgres emitter, whichever web process
// they are connected to.
import os from "node:os";
import { bootstrap } from "./lib/bootstrap";
import { guardDriverCrashes } from "./lib/db/driver-guard";
import { env } from "./lib/env";
import { errorFields, logger } from "./lib/logger";
import { scheduleStorageJobs } from "./lib/pipeline/jobs/storage-jobs";
import { JOBS, startWorker, stopWorker } from "./lib/pipeline/worker";
import { closeEmitter } from "./lib/realtime/events";
import { workerId } from "./lib/workers/registry";

guardDriverCrashes(); // survive PostgreSQL restarts (lib/db/driver-guard.ts)
// Batch work yields the CPU to web processes on the same host (ffmpeg children inherit it):
// measured with `npm run bench:load`, see README.
try {
  os.setPriority(env.WORKER_NICENESS);
} catch {
  // not permitted here: run at normal priority
}
const runtime = await bootstrap({ role: "worker" }).catch((err) => {
  logger.error("worker could not start", {
    error: err instanceof Error ? err.message : String(err),
  });
  process.exit(1);
});
await startWorker();
await scheduleStorageJobs(); // the storage lifecycle's periodic jobs (not in tests' workers)
logger.info("adsmith worker running: pipeline jobs only, no web server", {
  pid: process.pid,
  workerId: workerId(),
  database: runtime.database,
  jobs: JOBS.map((j) => `${j.job.name}×${j.concurrency()}`).join(" "),
  expireSeconds: env.JOB_EXPIRE_SECONDS,
  // A SIGKILL of this process hands its jobs to the others after this much silence.
  deadAfterSeconds: env.WORKER_DEAD_AFTER_SECONDS,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("worker stopping: running jobs finish or go back to the queue, then it deregisters", {
    signal,
  });
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  try {
    await stopWorker();
    await closeEmitter();
    await runtime.shutdown();
  } catch (err) {
    logger.error("worker did not stop cleanly", errorFields(err));
    process.exit(1);
  }
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
