// A background job is defined once: its queue, the payload schema (checked when it is
// enqueued and again before the handler runs) and how its key — which makes an enqueue
// idempotent — is built. The definition carries no handler, so the API can enqueue without
// loading worker code; the worker pairs each definition with its handler (`jobWorker`).
import type { z } from "zod";
import type { QueueName } from "./queue";
import type { JobAttempt } from "./run-call";

/**
 * Which run of the work a key is for: the session's retry_count (a failure or a resumed
 * cancel raises it, so a deliberate re-run gets a fresh job), or a single-asset regeneration.
 */
export type Attempt = number | "regenerate";

export type JobDef<S extends z.ZodType = z.ZodType> = {
  name: QueueName;
  schema: S;
  key: (data: z.infer<S>, attempt: Attempt) => string;
};

export function defineJob<S extends z.ZodType>(def: JobDef<S>): JobDef<S> {
  return def;
}

/** A job's handler in the worker, with its concurrency per process (the provider kind's bound). */
export type JobWorker<S extends z.ZodType = z.ZodType> = {
  job: JobDef<S>;
  concurrency: () => number;
  handle: (data: z.infer<S>, job: JobAttempt & { id: string }) => Promise<void>;
};

export function jobWorker<S extends z.ZodType>(w: JobWorker<S>): JobWorker<S> {
  return w;
}
