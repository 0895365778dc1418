// Runs one queue's jobs in this process, at most `concurrency` at a time.
//
// Why not pg-boss 10's `work()`: it takes a batch and waits for the whole batch before
// fetching again, so a concurrency of N meant N separate workers, each polling on its own
// (N fetch queries every polling interval, per queue, per process: 200 workers polling every
// 0.5 s were 400 queries a second on an idle server). Here one loop per queue fetches only
// as many jobs as it has free slots, then sleeps until a slot frees, a job is enqueued
// (./queue.ts wakes it: in this process directly, in others through a NOTIFY), or the
// polling interval passes (the backstop for retries becoming due and missed notifications).
// Completion, failure (pg-boss's retry policy) and expiry behave as with `work()`.
import type PgBoss from "pg-boss";
import { errorFields, logger } from "../logger";

export type Job = PgBoss.JobWithMetadata<unknown>;

export class JobRunner {
  private readonly running = new Set<string>();
  private woken = false;
  private stopping = false;
  private wakeUp?: () => void;
  private loopDone?: Promise<void>;
  private drained?: () => void;

  constructor(
    private readonly boss: PgBoss,
    readonly name: string,
    private readonly concurrency: number,
    private readonly pollMs: number,
    private readonly run: (job: Job) => Promise<void>,
  ) {}

  start(): void {
    this.loopDone ??= this.loop();
  }

  /** Something changed (a job was enqueued, a slot freed): fetch now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      const free = this.concurrency - this.running.size;
      if (free > 0) {
        try {
          const jobs = await this.boss.fetch(this.name, { batchSize: free, includeMetadata: true });
          for (const job of jobs) this.begin(job);
        } catch (err) {
          logger.warn("jobs could not be fetched; trying again at the next poll", {
            queue: this.name,
            ...errorFields(err),
          });
        }
      }
      if (this.woken || this.stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakeUp = done;
      });
      this.wakeUp = undefined;
    }
  }

  private begin(job: Job): void {
    this.running.add(job.id);
    // Like work(): a job running past its expiry is failed (and retried by pg-boss's policy);
    // its slot is freed, and a late finish of the old attempt changes nothing in the queue.
    let expiry: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      expiry = setTimeout(
        () => reject(new Error(`the job ran longer than ${job.expireInSeconds} s`)),
        job.expireInSeconds * 1000,
      );
    });
    void Promise.race([this.run(job), expired])
      .then(
        () => this.boss.complete(this.name, job.id),
        (err) => this.boss.fail(this.name, job.id, err),
      )
      .catch((err) =>
        logger.warn("job outcome not recorded; it will expire and run again", {
          queue: this.name,
          jobId: job.id,
          ...errorFields(err),
        }),
      )
      .finally(() => {
        clearTimeout(expiry);
        this.running.delete(job.id);
        if (this.running.size === 0) this.drained?.();
        this.wake();
      });
  }

  /**
   * Stops fetching, gives running jobs `graceMs` to finish, then fails the rest back to the
   * queue (a retry is used up; another worker, or this one after a restart, runs them again).
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loopDone;
    if (this.running.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    for (const id of this.running) {
      await this.boss
        .fail(this.name, id, { message: "the worker stopped while this job was running" })
        .catch((err) =>
          logger.warn("job of a stopping worker not handed back; it will expire", {
            queue: this.name,
            jobId: id,
            ...errorFields(err),
          }),
        );
    }
  }
}
