// The sweep that hands back the jobs of dead workers, run by several live workers at once:
// each job goes back to the queue exactly once (a second `fail` would use up another retry
// and push the rerun further out), and nothing of a live worker is touched.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { listWorkers, recordWorkerJob, registerWorker } from "@/lib/db/queries/workers";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { handBackJobsOfDeadWorkers } from "@/lib/workers/hand-back";

beforeAll(async () => {
  await queue();
});
afterAll(async () => {
  await stopQueue();
});

/** A plan-scenes job some process is running now (pg-boss state `active`). */
async function activeJob(): Promise<string> {
  const boss = await queue();
  const id = await boss.send("plan-scenes", { sessionId: randomUUID(), run: 0 });
  const fetched = await boss.fetch("plan-scenes", { batchSize: 10 });
  expect(fetched.map((j) => j.id)).toContain(id);
  return id!;
}

async function jobState(id: string) {
  return (await (await queue()).getJobById("plan-scenes", id))?.state;
}

async function worker(silentSeconds: number): Promise<string> {
  const id = randomUUID();
  await registerWorker({ id, host: "test", pid: 1 });
  await db().execute(
    sql`update workers set beat_at = now() - make_interval(secs => ${silentSeconds}) where id = ${id}`,
  );
  return id;
}

/** Four live workers sweeping at the same moment. */
async function sweepTogether(opts: { unrecorded?: boolean } = {}) {
  const sweepers = await Promise.all([0, 0, 0, 0].map(() => worker(0)));
  const results = await Promise.all(sweepers.map((me) => handBackJobsOfDeadWorkers(me, opts)));
  return results.reduce((t, r) => t + r.handedBack, 0);
}

test("the jobs of a worker silent past the limit go back once; a live worker keeps its own", async () => {
  const dead = await worker(31);
  const alive = await worker(3);
  const deadJob = await activeJob();
  const liveJob = await activeJob();
  await recordWorkerJob({ jobId: deadJob, queue: "plan-scenes", workerId: dead });
  await recordWorkerJob({ jobId: liveJob, queue: "plan-scenes", workerId: alive });

  expect(await sweepTogether()).toBe(1);
  expect(await jobState(deadJob)).toBe("retry");
  expect(await jobState(liveJob)).toBe("active");
  const registry = await listWorkers();
  expect(registry.map((w) => w.id)).not.toContain(dead);
  expect(registry.find((w) => w.id === alive)?.jobs.map((j) => j.jobId)).toEqual([liveJob]);
  // Handed back means runnable again soon: the retry waits JOB_RETRY_DELAY_SECONDS, not the expiry.
  const [row] = await db().execute<{ wait: number }>(
    sql`select extract(epoch from start_after - now())::float as wait from pgboss.job where id = ${deadJob}`,
  );
  expect(row.wait).toBeLessThan(10);
});

test("a job running a while that no worker recorded goes back once; a fresh one stays", async () => {
  const orphan = await activeJob();
  const fresh = await activeJob();
  await db().execute(
    sql`update pgboss.job set started_on = now() - interval '40 seconds' where id = ${orphan}`,
  );

  expect(await sweepTogether({ unrecorded: true })).toBe(1);
  expect(await jobState(orphan)).toBe("retry");
  expect(await jobState(fresh)).toBe("active");
  // The sweeper's own record of the job it handed back is gone again.
  expect((await listWorkers()).flatMap((w) => w.jobs).map((j) => j.jobId)).not.toContain(orphan);
});

test("a job a sweeper took but could not hand back (database gone mid-way) goes back at its next sweep", async () => {
  const sweeper = await worker(0);
  const leftOver = await activeJob();
  const runningHere = await activeJob();
  await recordWorkerJob({ jobId: leftOver, queue: "plan-scenes", workerId: sweeper });
  await recordWorkerJob({ jobId: runningHere, queue: "plan-scenes", workerId: sweeper });
  await db().execute(
    sql`update worker_jobs set started_at = now() - interval '40 seconds' where worker_id = ${sweeper}`,
  );

  const r = await handBackJobsOfDeadWorkers(sweeper, { runningHere: new Set([runningHere]) });
  expect(r.handedBack).toBe(1);
  expect(await jobState(leftOver)).toBe("retry");
  expect(await jobState(runningHere)).toBe("active");
  const mine = (await listWorkers()).find((w) => w.id === sweeper)?.jobs.map((j) => j.jobId);
  expect(mine).toEqual([runningHere]);
});
