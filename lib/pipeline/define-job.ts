// A background job: a queue name, a payload schema checked before the handler runs, and a
// concurrency limit per process (the provider kind's bound).
import type { z } from "zod";
import type { QueueName } from "./queue";
import type { JobAttempt } from "./run-call";

export type JobDef<S extends z.ZodType = z.ZodType> = {
  name: QueueName;
  schema: S;
  concurrency: () => number;
  handle: (data: z.infer<S>, job: JobAttempt & { id: string }) => Promise<void>;
};

export function defineJob<S extends z.ZodType>(def: JobDef<S>): JobDef<S> {
  return def;
}
