// The one runner of the pipeline's LLM steps (parse the prompt, plan the scenes): the model is
// asked once (a re-run re-attaches to its pending prediction instead of paying again), then
// under the session's row lock — if the session still wants the answer — the call's cost row
// and the step's rows are written in one transaction, and the next stage starts. A failure is
// recorded and retried while it may; then the session fails with the step's message. A
// session cancelled, deleted or re-run meanwhile gets nothing written.
import type { z } from "zod";
import { getLiveSession, lockSessionById } from "../../db/queries/sessions";
import { type Tx, transaction } from "../../db/queries/tx";
import type { Session } from "../../db/schema";
import { type Providers, providers } from "../../providers/registry";
import type { CallContext, CallRecord } from "../../providers/types";
import { attemptHooks } from "../attempt-hooks";
import { type JobDef, type JobWorker, jobWorker } from "../define-job";
import { recordCall } from "../ledger";
import { sessionPredictionHooks } from "../prediction-ids";
import { withWorkDir } from "../run-call";
import { handleSessionCallFailure } from "./call-failure";

export function llmStepWorker<D extends { sessionId: string }, Input, Output>(def: {
  job: JobDef<z.ZodType<D>>;
  concurrency: () => number;
  /** The status the step runs in (and fails the session from). */
  status: Session["status"];
  /** Where its pending prediction waits in the session's metadata ("parse", "plan-<run>"). */
  predictionKey: (data: D) => string;
  /** What to ask; undefined when there is nothing to do (a stale job, or work a crash interrupted later on). */
  prepare: (s: Session, data: D) => Promise<Input | undefined>;
  ask: (
    p: Providers,
    input: Input,
    ctx: CallContext,
  ) => Promise<{ output: Output; call: CallRecord }>;
  /** Whether the locked session still wants this answer (beyond being in `status`). */
  stillWanted?: (locked: Session, data: D) => boolean;
  /** Writes the answer in the transaction; returns the session as it is then. */
  write: (w: {
    tx: Tx;
    locked: Session;
    input: Input;
    output: Output;
    p: Providers;
  }) => Promise<Session | undefined>;
  /** After the commit: tell open tabs, start the next stage. */
  after: (s: Session, output: Output, input: Input) => Promise<void>;
  /** The session's error message when the step gives up. */
  failure: (reason: string) => string;
}): JobWorker<z.ZodType<D>> {
  return jobWorker({
    job: def.job,
    concurrency: def.concurrency,
    async handle(data, job) {
      const { sessionId } = data;
      const s = await getLiveSession({ id: sessionId });
      const input = s ? await def.prepare(s, data) : undefined;
      if (!s || input === undefined) return;
      const p = providers();
      const started = Date.now();
      let predictionId: string | undefined;
      await withWorkDir(async (workDir) => {
        try {
          const { output, call } = await def.ask(p, input, {
            workDir,
            sessionId,
            attempt: job.retryCount,
            // The tier picks the LLM (and its fallback), lib/providers/prices.ts; a failed
            // attempt that a retry or the alternative replaces gets its own cost row.
            ...attemptHooks({ s, category: "llm", provider: p.kind, model: p.models.llm }).hooks,
            ...sessionPredictionHooks(sessionId, s.metadata, def.predictionKey(data), {
              model: p.models.llm,
              onCreated: (id) => {
                predictionId = id;
              },
            }),
          });
          const moved = await transaction(async (tx) => {
            const locked = await lockSessionById({ tx, id: sessionId });
            if (locked?.status !== def.status) return undefined;
            if (def.stillWanted && !def.stillWanted(locked, data)) return undefined;
            await recordCall({ tx, sessionId, category: "llm", call, success: true });
            return def.write({ tx, locked, input, output, p });
          });
          if (moved) await def.after(moved, output, input);
        } catch (err) {
          await handleSessionCallFailure(err, {
            job,
            sessionId,
            category: "llm",
            provider: p.kind,
            model: p.models.llm,
            started,
            predictionId,
            from: [def.status],
            message: def.failure,
          });
        }
      });
    },
  });
}
