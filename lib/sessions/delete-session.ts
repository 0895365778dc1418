import { failGeneratingAssets, softDeleteSessionAssets } from "../db/queries/assets";
import { softDeleteSession } from "../db/queries/sessions";
import { recordSessionFiles } from "../db/queries/storage-deletions";
import { transaction } from "../db/queries/tx";
import { moveSession } from "../pipeline/status";
import { requestSessionPurge } from "../storage/lifecycle/request-purge";
import { lockSession, type SessionRef } from "./load";
import { isWorking } from "./stage-rules";

/**
 * Soft-deletes the session and its assets (rows become invisible) and records their files
 * for removal in the same transaction; a job then removes them (lib/storage/lifecycle/).
 * Running work is cancelled first: jobs watch for cancelled or deleted sessions and stop.
 */
export async function deleteSession(ref: SessionRef): Promise<void> {
  const id = await transaction(async (tx) => {
    const s = await lockSession(tx, ref);
    if (isWorking(s.status)) await moveSession({ tx, id: s.id, to: "cancelled" });
    await failGeneratingAssets({ tx, sessionId: s.id, message: "Cancelled: the ad was deleted." });
    await softDeleteSessionAssets({ tx, sessionId: s.id });
    await softDeleteSession({ tx, id: s.id });
    await recordSessionFiles({ tx, sessionId: s.id });
    return s.id;
  });
  await requestSessionPurge(id);
}
