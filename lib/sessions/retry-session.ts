import { z } from "zod";
import { invalidState } from "../errors";
import { retryCompose } from "./compose";
import { requireOwnSession, type SessionRef } from "./load";
import { sessionJson } from "./serialize";
import { runStage } from "./stage-runs";
import { isRunning, isStopped, statusText, stoppedStage } from "./stage-state";

export const retryBody = z.strictObject({
  confirmEstimate: z
    .number({ error: "confirmEstimate is an amount in USD." })
    .min(0)
    .max(100_000)
    .optional(),
});

/**
 * Re-runs the stage a session failed in, keeping everything it finished. A cancelled
 * session resumes the stage it was cancelled in the same way. A repeat while the stage
 * runs again returns the session and starts nothing.
 */
export async function retrySession({
  confirmEstimate,
  ...ref
}: SessionRef & z.infer<typeof retryBody>) {
  const s = await requireOwnSession(ref);
  if (isRunning(s)) return sessionJson(s);
  if (!isStopped(s)) throw invalidState(`Nothing to retry: this ad is ${statusText(s)}.`);
  if (stoppedStage(s) === "compose") return sessionJson(await retryCompose(s, confirmEstimate));
  return sessionJson(await runStage(s, confirmEstimate));
}
