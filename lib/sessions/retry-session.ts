import { z } from "zod";
import { invalidState } from "../errors";
import { retryCompose } from "./compose";
import { confirmEstimateField } from "./fields";
import { requireOwnSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { isStopped, isWorking, stoppedStage } from "./stage-rules";
import { runStage } from "./stage-runs";
import { statusText } from "./stage-state";
import { isVariantsRun, retryVariants } from "./variants";

export const retryBody = z.strictObject({
  confirmEstimate: confirmEstimateField,
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
  if (isWorking(s.status)) return sessionView(s);
  if (!isStopped(s.status)) throw invalidState(`Nothing to retry: this ad is ${statusText(s)}.`);
  if (stoppedStage(s) === "compose")
    return sessionView(await (isVariantsRun(s) ? retryVariants : retryCompose)(s, confirmEstimate));
  return sessionView(await runStage(s, confirmEstimate));
}
