// Graceful shutdown (issue 7.7) of a real `worker.ts` process: SIGTERM while image jobs run.
// With time to spare the running jobs finish before the process exits 0; with too little
// (SHUTDOWN_GRACE_SECONDS) they go back to the queue, and another worker finishes each image
// exactly once.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts, sessions } from "@/lib/db/schema";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { startWorker, stopWorker } from "@/lib/pipeline/worker";
import { closeEmitter } from "@/lib/realtime/events";
import { createSession, startImageStage, waitFor } from "../support/pipeline-session";
import { createTestUser, type TestUser } from "../support/users";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

// Four images at once, each call held for TEST_LATENCY_MS, so SIGTERM lands mid-call.
const WORKER_ENV = {
  RENDER_SCALE: "0.3",
  IMAGE_CONCURRENCY: "4",
  JOB_RETRY_DELAY_SECONDS: "1",
  SWEEP_INTERVAL_SECONDS: "3600",
};

let user: TestUser;
const running: WorkerProcess[] = [];
beforeAll(async () => {
  await queue();
  user = await createTestUser("shutdown");
});
afterEach(async () => {
  for (const w of running.splice(0)) await w.stop(2000);
  await stopWorker(1000);
});
afterAll(async () => {
  await stopQueue();
  await closeEmitter();
});

type JobRow = { id: string; state: string; asset_id: string; output: unknown };
const imageJobs = async (sessionId: string) => [
  ...(await db().execute<JobRow>(sql`select j.id, j.state, j.data->>'assetId' as asset_id, j.output from pgboss.job j
      join assets a on a.id = (j.data->>'assetId')::uuid where j.name = 'generate-image' and a.session_id = ${sessionId}`)),
];

/** Starts the stage and waits until all four image jobs are running. */
async function fourRunning(w: WorkerProcess, sessionId: string) {
  await startImageStage(sessionId);
  return waitFor(
    "four image jobs running",
    async () => {
      const jobs = await imageJobs(sessionId);
      return jobs.length === 4 && jobs.every((j) => j.state === "active") ? jobs : undefined;
    },
    60_000,
    100,
  ).catch((err) => {
    throw new Error(`${err.message}\n${w.output().slice(-2000)}`);
  });
}

async function expectEachImageOnce(sessionId: string) {
  const rows = await db().select().from(assets).where(eq(assets.sessionId, sessionId));
  expect(rows).toHaveLength(4);
  expect(rows.every((a) => a.status === "completed")).toBe(true);
  const costs = await db()
    .select()
    .from(generationCosts)
    .where(eq(generationCosts.sessionId, sessionId));
  for (const a of rows)
    expect(
      costs.filter((c) => c.assetId === a.id && c.success),
      `success rows of ${a.id}`,
    ).toHaveLength(1);
}

test("SIGTERM with time to spare: the running jobs finish, then the worker exits 0", async () => {
  const w = await startWorkerProcess({
    ...WORKER_ENV,
    TEST_LATENCY_MS: "2500",
    SHUTDOWN_GRACE_SECONDS: "25",
  });
  running.push(w);
  const s = await createSession(user.id, 4);
  await fourRunning(w, s.id);
  const t = Date.now();
  const code = await w.stop(40_000);
  const ms = Date.now() - t;
  expect(code, w.output().slice(-2000)).toBe(0);
  expect(w.output()).toContain("worker stopped");
  // Everything it had started, it finished: the stage is done without any other worker.
  expect((await imageJobs(s.id)).map((j) => j.state)).toEqual([
    "completed",
    "completed",
    "completed",
    "completed",
  ]);
  const [row] = await db().select().from(sessions).where(eq(sessions.id, s.id));
  expect(row.status).toBe("reviewing_images");
  await expectEachImageOnce(s.id);
  console.log(
    `[shutdown] SIGTERM with 4 jobs mid-call (2.5 s each): exited 0 after ${(ms / 1000).toFixed(1)} s, all 4 finished`,
  );
}, 120_000);

test("SIGTERM with too little time: running jobs go back to the queue and another worker finishes each once", async () => {
  const w = await startWorkerProcess({
    ...WORKER_ENV,
    TEST_LATENCY_MS: "8000",
    SHUTDOWN_GRACE_SECONDS: "1",
  });
  running.push(w);
  const s = await createSession(user.id, 4);
  await fourRunning(w, s.id);
  const t = Date.now();
  const code = await w.stop(40_000);
  const ms = Date.now() - t;
  expect(code, w.output().slice(-2000)).toBe(0);
  // Handed back (pg-boss "retry"), not lost and not left "active" until they expire.
  const handedBack = await imageJobs(s.id);
  expect(handedBack.map((j) => j.state)).toEqual(["retry", "retry", "retry", "retry"]);
  expect(JSON.stringify(handedBack[0].output)).toMatch(/stopped while|shut down while/);
  const rows = await db().select().from(assets).where(eq(assets.sessionId, s.id));
  expect(rows.every((a) => a.status === "generating")).toBe(true);

  await startWorker(); // another worker (this process; no extra latency)
  const done = await waitFor(
    "the stage to finish on the other worker",
    async () => {
      const [row] = await db().select().from(sessions).where(eq(sessions.id, s.id));
      return row.status === "reviewing_images" || row.status === "failed" ? row : undefined;
    },
    60_000,
  );
  expect(done.status).toBe("reviewing_images");
  await expectEachImageOnce(s.id);
  console.log(
    `[shutdown] SIGTERM with 1 s grace, 4 jobs mid-call (8 s each): exited 0 after ${(ms / 1000).toFixed(1)} s, 4 jobs handed back and finished elsewhere`,
  );
}, 120_000);

test("`npm run worker` stops gracefully when only npm gets the SIGTERM (as a process manager sends it): nothing is left running", async () => {
  const w = await startWorkerProcess(WORKER_ENV, { npm: true });
  running.push(w);
  process.kill(w.pid, "SIGTERM"); // npm alone, not its process group
  await w.exited;
  // Without `exec` in the script, npm's shell took the signal and the worker ran on, orphaned.
  const groupAlive = () => {
    try {
      process.kill(-w.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  await waitFor("the worker to stop", async () => !groupAlive() || undefined, 15_000).catch(
    () => undefined,
  );
  expect(groupAlive(), w.output().slice(-2000)).toBe(false);
  expect(w.output()).toContain('"msg":"worker stopped"');
}, 60_000);
