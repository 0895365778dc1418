import { failGeneratingAssets } from "../db/queries/assets";
import { transaction } from "../db/queries/tx";
import { invalidState } from "../errors";
import { publishProgress } from "../pipeline/progress";
import { moveSession } from "../pipeline/status";
import { lockSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { statusText } from "./stage-state";

/**
 * Cancels the session: queued jobs find it cancelled and skip their work; running provider
 * calls are aborted by the jobs' cancellation watch (their assets leave `generating` here).
 * Finished assets are kept, and retry resumes the stage later. Repeating it is harmless.
 */
export async function cancelSession(ref: SessionRef) {
  const { session, changed } = await transaction(async (tx) => {
    const s = await lockSession(tx, ref);
    if (s.status === "cancelled") return { session: s, changed: false };
    const moved = await moveSession({ tx, id: s.id, to: "cancelled" });
    if (!moved) throw invalidState(`This ad is ${statusText(s)}; there is nothing to cancel.`);
    await failGeneratingAssets({ tx, sessionId: s.id, message: "Cancelled." });
    return { session: moved, changed: true };
  });
  if (changed)
    await publishProgress(
      session.id,
      "Cancelled. Finished images and clips are kept; retry to continue.",
    );
  return sessionView(session);
}
