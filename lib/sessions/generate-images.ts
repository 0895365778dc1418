import { z } from "zod";
import { confirmEstimateField } from "./fields";
import { requireOwnSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { isStopped, stoppedStage } from "./stage-rules";
import { runStage } from "./stage-runs";

export const generateImagesBody = z.strictObject({
  /** The estimate (USD) the user saw and accepted; a higher current estimate is refused. */
  confirmEstimate: confirmEstimateField,
});

/**
 * Starts prompt parsing and image generation (202). Idempotent: while the stage runs, or
 * once it is done, a repeat returns the session as it is and starts nothing. A session that
 * failed or was cancelled during this stage resumes it, re-running only the missing images.
 */
export async function generateImages({
  confirmEstimate,
  ...ref
}: SessionRef & z.infer<typeof generateImagesBody>) {
  const s = await requireOwnSession(ref);
  const startable = s.status === "created" || (isStopped(s.status) && stoppedStage(s) === "images");
  return sessionView(startable ? await runStage(s, confirmEstimate) : s);
}
