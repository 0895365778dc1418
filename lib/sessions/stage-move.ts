// Starting a stage from a request: under the session's row lock the session must still be as
// the request read it — otherwise a concurrent request got there first and this one changes
// nothing — and then it moves to the stage's running status with the request's settings in
// one conditional update.
import type { SessionChanges } from "../db/queries/sessions";
import { transaction } from "../db/queries/tx";
import type { Session } from "../db/schema";
import { moveSession, type Stage, type Status } from "../pipeline/status";
import { takeStageQuotas } from "../quotas/enforce";
import { lockSession } from "./load";

export async function moveIntoStage(
  s: Session,
  move: {
    to: Status;
    stage: Stage;
    progress: number;
    /** The request's columns, from the locked row (its metadata is the current one). */
    set: (locked: Session) => SessionChanges;
    /** Renders this move counts against the hourly limit (default: 1 into composing). */
    renders?: number;
    /** Anything else the request was decided on, still true under the lock. */
    unchanged?: (locked: Session) => boolean;
  },
): Promise<Session | undefined> {
  return transaction(async (tx) => {
    const locked = await lockSession(tx, { userId: s.userId, id: s.id });
    if (locked.status !== s.status || (move.unchanged && !move.unchanged(locked))) return undefined;
    await takeStageQuotas({
      tx,
      userId: s.userId,
      render: move.renders ?? (move.to === "composing" ? 1 : 0),
    });
    return moveSession({
      tx,
      id: s.id,
      to: move.to,
      from: [locked.status],
      stage: move.stage,
      progress: move.progress,
      errorMessage: null,
      set: move.set(locked),
    });
  });
}

/** A resumed cancel needs fresh job keys as much as a retried failure does (retry_count is in them). */
export const freshJobKeysIfCancelled = (locked: Session): SessionChanges =>
  locked.status === "cancelled" ? { retryCount: (locked.retryCount ?? 0) + 1 } : {};
