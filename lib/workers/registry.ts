// This process in the worker registry: registered when it starts running jobs, a heartbeat
// every WORKER_BEAT_SECONDS, each job it runs recorded against it, and after each beat a
// sweep that hands back the jobs of workers silent for WORKER_DEAD_AFTER_SECONDS
// (./hand-back.ts). A graceful stop deregisters.
//
// A worker only judges others while its own beats go through: after it lost the database
// (PostgreSQL restarting) it waits WORKER_DEAD_AFTER_SECONDS of good beats, so that the
// others, cut off the same way, have beaten again before anyone is taken for dead.
import { randomUUID } from "node:crypto";
import os from "node:os";
import {
  beatWorker,
  deregisterWorker,
  forgetWorkerJob,
  recordWorkerJob,
  registerWorker,
} from "../db/queries/workers";
import { env } from "../env";
import { errorFields, logger } from "../logger";
import { handBackJobsOfDeadWorkers } from "./hand-back";

type State = {
  id: string;
  timer: NodeJS.Timeout;
  /** When a beat last failed (or was too slow to count), ms. */
  lastBadBeat: number;
  /** When jobs no worker recorded were last looked for, ms (a scan of pg-boss's jobs). */
  lastUnrecordedScan: number;
  beating?: Promise<void>;
  /** The jobs this process runs now (its other records are a sweep's left-overs). */
  running: Set<string>;
};
// One registration per process, even if this module is loaded twice (server.ts and Next's bundle).
const holder = globalThis as { __adsmithWorkerRegistry?: State };
const current = () => holder.__adsmithWorkerRegistry;

/** This worker's id in the registry, while registered. */
export function workerId(): string | undefined {
  return current()?.id;
}

/** Registers this process, hands back dead workers' jobs at once, then beats until `stop`. */
export async function startRegistry(): Promise<string> {
  const running = current();
  if (running) return running.id;
  const id = randomUUID();
  if (env.WORKER_DEAD_AFTER_SECONDS < 3 * env.WORKER_BEAT_SECONDS)
    logger.warn("WORKER_DEAD_AFTER_SECONDS is under 3 beats: live workers may be taken for dead", {
      beatSeconds: env.WORKER_BEAT_SECONDS,
      deadAfterSeconds: env.WORKER_DEAD_AFTER_SECONDS,
    });
  await registerWorker({ id, host: os.hostname(), pid: process.pid });
  const timer = setInterval(() => void tick(), env.WORKER_BEAT_SECONDS * 1000);
  timer.unref();
  const s: State = { id, timer, lastBadBeat: 0, lastUnrecordedScan: 0, running: new Set() };
  holder.__adsmithWorkerRegistry = s;
  // A replacement for a crashed worker takes its jobs as soon as it is up.
  await sweep(s).catch((err) =>
    logger.warn("sweep for dead workers failed; the next beat retries", errorFields(err)),
  );
  return id;
}

/** Stops beating and leaves the registry (call after the running jobs ended or went back). */
export async function stopRegistry(): Promise<void> {
  const s = current();
  if (!s) return;
  holder.__adsmithWorkerRegistry = undefined;
  clearInterval(s.timer);
  await s.beating;
  await deregisterWorker({ id: s.id }).catch((err) =>
    logger.warn("worker not deregistered; it will be taken for dead", errorFields(err)),
  );
}

/**
 * Runs a job recorded against this worker: a sweeper elsewhere hands it back if this process
 * dies. A job that cannot be recorded does not run (it fails, and pg-boss retries it).
 */
export async function runRecorded(
  job: { id: string; queue: string },
  run: () => Promise<void>,
): Promise<void> {
  const s = current();
  if (!s) throw new Error("this worker is not registered: the job goes back to the queue");
  const id = s.id;
  s.running.add(job.id);
  try {
    await recordWorkerJob({ jobId: job.id, queue: job.queue, workerId: id });
    await run();
  } finally {
    s.running.delete(job.id);
    await forgetWorkerJob({ jobId: job.id, workerId: id }).catch((err) =>
      logger.debug("job record not removed; a later sweep of this worker does", errorFields(err)),
    );
  }
}

async function tick(): Promise<void> {
  const s = current();
  if (!s || s.beating) return;
  s.beating = (async () => {
    const t = Date.now();
    try {
      if (!(await beatWorker({ id: s.id }))) {
        await registerWorker({ id: s.id, host: os.hostname(), pid: process.pid });
        logger.warn("this worker had been taken for dead; registered again", { workerId: s.id });
      }
    } catch (err) {
      s.lastBadBeat = Date.now();
      logger.warn("heartbeat failed; the next one retries", errorFields(err));
      return;
    }
    // A beat slower than a beat interval may have let this worker's own row go stale.
    if (Date.now() - t > env.WORKER_BEAT_SECONDS * 1000) s.lastBadBeat = Date.now();
    if (Date.now() - s.lastBadBeat < env.WORKER_DEAD_AFTER_SECONDS * 1000) return;
    await sweep(s).catch((err) =>
      logger.warn("sweep for dead workers failed; the next beat retries", errorFields(err)),
    );
  })().finally(() => {
    s.beating = undefined;
  });
  await s.beating;
}

async function sweep(s: State): Promise<void> {
  // The scan for jobs nobody recorded reads pg-boss's whole job table: once per dead-after period.
  const unrecorded = Date.now() - s.lastUnrecordedScan >= env.WORKER_DEAD_AFTER_SECONDS * 1000;
  if (unrecorded) s.lastUnrecordedScan = Date.now();
  await handBackJobsOfDeadWorkers(s.id, { unrecorded, runningHere: s.running });
}
