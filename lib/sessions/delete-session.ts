import { failGeneratingAssets, softDeleteSessionAssets } from "../db/queries/assets";
import { softDeleteSession } from "../db/queries/sessions";
import { transaction } from "../db/queries/tx";
import { moveSession } from "../pipeline/status";
import { lockSession, type SessionRef } from "./load";
import { isWorking } from "./stage-rules";

/**
 * Soft-deletes the session and its assets (files are kept; rows become invisible). Running
 * work is cancelled first: jobs watch for cancelled or deleted sessions and stop.
 */
export async function deleteSession(ref: SessionRef): Promise<void> {
  await transaction(async (tx) => {
    const s = await lockSession(tx, ref);
    if (isWorking(s.status)) await moveSession({ tx, id: s.id, to: "cancelled" });
    await failGeneratingAssets({ tx, sessionId: s.id, message: "Cancelled: the ad was deleted." });
    await softDeleteSessionAssets({ tx, sessionId: s.id });
    await softDeleteSession({ tx, id: s.id });
  });
}
