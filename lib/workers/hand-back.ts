// Hands the jobs of dead workers back to pg-boss. pg-boss 10 has no heartbeat (its issue
// #436): a job whose process died stays "active" until it expires (JOB_EXPIRE_SECONDS, 15
// minutes by default). Here a worker silent for WORKER_DEAD_AFTER_SECONDS is dead: the jobs
// recorded against it are failed through pg-boss's own `fail`, which retries them under the
// usual policy (a retry is used up, so a job that kills its worker every time still ends;
// the retry starts after JOB_RETRY_DELAY_SECONDS). Their assets need no reset: an asset stays
// `generating` with its prediction id, and the rerun re-attaches to that prediction instead
// of paying again (lib/pipeline/prediction-ids.ts).
import {
  forgetWorkerJob,
  listOwnOldWorkerJobs,
  removeSilentWorkers,
  type TakenJob,
  takeJobsOfSilentWorkers,
  takeUnrecordedActiveJobs,
} from "../db/queries/workers";
import { env } from "../env";
import { errorFields, logger } from "../logger";
import { QUEUES, queue } from "../pipeline/queue";

export type HandBackResult = { handedBack: number; workersRemoved: number };

/**
 * One sweep, by the live worker `me`: the jobs of silent workers go back to the queue, their
 * rows go; with `unrecorded`, so do jobs running for a while that no worker recorded.
 */
export async function handBackJobsOfDeadWorkers(
  me: string,
  opts: { unrecorded?: boolean; runningHere?: ReadonlySet<string> } = {},
): Promise<HandBackResult> {
  const deadAfterSeconds = env.WORKER_DEAD_AFTER_SECONDS;
  // What an earlier sweep of this worker took but could not hand back (or forget).
  const leftOver = opts.runningHere
    ? (await listOwnOldWorkerJobs({ workerId: me, olderThanSeconds: deadAfterSeconds })).filter(
        (j) => !opts.runningHere?.has(j.jobId),
      )
    : [];
  for (const j of leftOver) if (!j.active) await forgetWorkerJob({ jobId: j.jobId, workerId: me });
  const taken = [
    ...leftOver.filter((j) => j.active),
    ...(await takeJobsOfSilentWorkers({ deadAfterSeconds, workerId: me })),
  ];
  const removed = await removeSilentWorkers({ deadAfterSeconds });
  const unrecorded = opts.unrecorded
    ? await takeUnrecordedActiveJobs({
        queues: Object.values(QUEUES),
        olderThanSeconds: deadAfterSeconds,
        workerId: me,
      })
    : [];
  // (Another sweeper may have taken a worker's jobs and this one its row, or the other way round.)
  for (const w of removed)
    logger.warn("worker silent, taken for dead", { workerId: w.id, host: w.host, pid: w.pid });
  let handedBack = 0;
  const silence = `its worker sent no heartbeat for ${deadAfterSeconds} s`;
  // Each job is held by this sweeper until it is back in the queue, then forgotten.
  const jobs = [
    ...taken.map((job) => ({ job, why: silence })),
    ...unrecorded.map((job) => ({
      job,
      why: `it ran ${deadAfterSeconds} s with no worker recorded`,
    })),
  ];
  for (const { job, why } of jobs) {
    if (!(await failBack(job, why))) continue; // kept: a later sweep of this worker retries
    handedBack++;
    await forgetWorkerJob({ jobId: job.jobId, workerId: me });
  }
  if (handedBack)
    logger.warn("jobs of dead workers handed back to the queue", {
      handedBack,
      ofDeadWorkers: taken.length,
      unrecorded: unrecorded.length,
    });
  return { handedBack, workersRemoved: removed.length };
}

async function failBack(job: TakenJob, why: string): Promise<boolean> {
  try {
    const boss = await queue();
    await boss.fail(job.queue, job.jobId, {
      message: `handed back to the queue: ${why}`,
    });
    return true;
  } catch (err) {
    // This worker keeps its record of the job: a later sweep finds it among its left-overs.
    logger.warn("job of a dead worker not handed back; a later sweep does", {
      queue: job.queue,
      jobId: job.jobId,
      ...errorFields(err),
    });
    return false;
  }
}
