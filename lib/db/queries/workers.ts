// The worker registry (lib/workers/): a row per process that runs jobs, its heartbeat, and the
// pg-boss jobs recorded against it. Every statement that takes work away from a worker is
// conditional, so any number of workers may sweep at once and each job is handed back once.
import { and, eq, sql } from "drizzle-orm";
import { db } from "../client";
import { workerJobs, workers } from "../schema";
import type { DbOrTx } from "./tx";

/** A job taken from a dead worker (or from nobody) by a sweeper, to be handed back to pg-boss. */
export type TakenJob = { jobId: string; queue: string; workerId: string };

/** Adds this worker (or puts it back after others took it for dead). */
export async function registerWorker(w: {
  id: string;
  host: string;
  pid: number;
  tx?: DbOrTx;
}): Promise<void> {
  await (w.tx ?? db())
    .insert(workers)
    .values({ id: w.id, host: w.host, pid: w.pid })
    .onConflictDoUpdate({ target: workers.id, set: { beatAt: sql`now()` } });
}

/** The heartbeat; false when the row is gone (another worker took this one for dead). */
export async function beatWorker({ id, tx }: { id: string; tx?: DbOrTx }): Promise<boolean> {
  const rows = await (tx ?? db())
    .update(workers)
    .set({ beatAt: sql`now()` })
    .where(eq(workers.id, id))
    .returning({ id: workers.id });
  return rows.length > 0;
}

/** A graceful stop: the worker and whatever is still recorded against it go. */
export async function deregisterWorker({ id, tx }: { id: string; tx?: DbOrTx }): Promise<void> {
  const q = tx ?? db();
  await q.delete(workerJobs).where(eq(workerJobs.workerId, id));
  await q.delete(workers).where(eq(workers.id, id));
}

/** Records that this worker runs this job now (the latest taker of a job owns it). */
export async function recordWorkerJob(c: {
  jobId: string;
  queue: string;
  workerId: string;
  tx?: DbOrTx;
}): Promise<void> {
  await (c.tx ?? db())
    .insert(workerJobs)
    .values({ jobId: c.jobId, queue: c.queue, workerId: c.workerId })
    .onConflictDoUpdate({
      target: workerJobs.jobId,
      set: { workerId: c.workerId, queue: c.queue, startedAt: sql`now()` },
    });
}

/** The job ended (or went back to the queue) in this worker. */
export async function forgetWorkerJob(c: {
  jobId: string;
  workerId: string;
  tx?: DbOrTx;
}): Promise<void> {
  await (c.tx ?? db())
    .delete(workerJobs)
    .where(and(eq(workerJobs.jobId, c.jobId), eq(workerJobs.workerId, c.workerId)));
}

/**
 * Moves the records of the running jobs of every worker silent for `deadAfterSeconds` (or
 * gone) to the sweeper `workerId`, which hands them back and then forgets them; records of
 * jobs no longer running go. Concurrent sweepers each get different rows, and while a
 * sweeper holds a job the scan for unrecorded jobs leaves it alone.
 */
export async function takeJobsOfSilentWorkers({
  deadAfterSeconds,
  workerId,
  tx,
}: {
  deadAfterSeconds: number;
  workerId: string;
  tx?: DbOrTx;
}): Promise<TakenJob[]> {
  const q = tx ?? db();
  // The candidates are read once; each change then requires the record to still name the
  // dead worker, a check PostgreSQL repeats on the newest row version when another sweeper
  // changed it meanwhile (a NOT EXISTS over the workers table is not reliably repeated).
  const silent = sql`select wj.job_id, wj.worker_id from worker_jobs wj
    where not exists (
      select 1 from workers w
      where w.id = wj.worker_id and w.beat_at > now() - make_interval(secs => ${deadAfterSeconds}))`;
  const rows = await q.execute<TakenJob>(sql`
    with c as (${silent} and exists (
      select 1 from pgboss.job j where j.name = wj.queue and j.id = wj.job_id and j.state = 'active'))
    update worker_jobs wj set worker_id = ${workerId}, started_at = now()
    from c where wj.job_id = c.job_id and wj.worker_id = c.worker_id
    returning wj.job_id as "jobId", wj.queue, c.worker_id as "workerId"`);
  await q.execute(sql`
    with c as (${silent})
    delete from worker_jobs wj using c where wj.job_id = c.job_id and wj.worker_id = c.worker_id`);
  return [...rows];
}

/** Removes the rows of workers silent for `deadAfterSeconds`; returns them, for the log. */
export async function removeSilentWorkers({
  deadAfterSeconds,
  tx,
}: {
  deadAfterSeconds: number;
  tx?: DbOrTx;
}): Promise<{ id: string; host: string; pid: number }[]> {
  return (tx ?? db())
    .delete(workers)
    .where(sql`${workers.beatAt} < now() - make_interval(secs => ${deadAfterSeconds})`)
    .returning({ id: workers.id, host: workers.host, pid: workers.pid });
}

/**
 * Jobs pg-boss has had running for `olderThanSeconds` that no worker ever recorded (one
 * killed between fetching a job and recording it, or one that could not record it): they
 * are recorded against `workerId` so that exactly one sweeper hands each back.
 */
export async function takeUnrecordedActiveJobs({
  queues,
  olderThanSeconds,
  workerId,
  tx,
}: {
  queues: string[];
  olderThanSeconds: number;
  workerId: string;
  tx?: DbOrTx;
}): Promise<TakenJob[]> {
  if (queues.length === 0) return [];
  const names = sql.join(
    queues.map((q) => sql`${q}`),
    sql`, `,
  );
  const rows = await (tx ?? db()).execute<TakenJob>(sql`
    insert into worker_jobs (job_id, queue, worker_id)
    select j.id, j.name, ${workerId} from pgboss.job j
    where j.name in (${names}) and j.state = 'active'
      and j.started_on < now() - make_interval(secs => ${olderThanSeconds})
      and not exists (select 1 from worker_jobs c where c.job_id = j.id)
    on conflict (job_id) do nothing
    returning job_id as "jobId", queue, worker_id as "workerId"`);
  return [...rows];
}

/** The registry as it stands (tests, diagnostics). */
export async function listWorkers({ tx }: { tx?: DbOrTx } = {}) {
  const q = tx ?? db();
  const rows = await q.select().from(workers);
  const jobs = await q.select().from(workerJobs);
  return rows.map((w) => ({ ...w, jobs: jobs.filter((j) => j.workerId === w.id) }));
}

/**
 * This worker's records older than `olderThanSeconds`, with whether pg-boss still has the job
 * running: the caller drops those of jobs it is running itself, and hands back the rest (left
 * by a hand-back that failed half-way, e.g. while the database restarted).
 */
export async function listOwnOldWorkerJobs({
  workerId,
  olderThanSeconds,
  tx,
}: {
  workerId: string;
  olderThanSeconds: number;
  tx?: DbOrTx;
}): Promise<(TakenJob & { active: boolean })[]> {
  const rows = await (tx ?? db()).execute<TakenJob & { active: boolean }>(sql`
    select wj.job_id as "jobId", wj.queue, wj.worker_id as "workerId",
      exists (select 1 from pgboss.job j where j.name = wj.queue and j.id = wj.job_id and j.state = 'active') as active
    from worker_jobs wj
    where wj.worker_id = ${workerId} and wj.started_at < now() - make_interval(secs => ${olderThanSeconds})`);
  return [...rows];
}
