import { eq, sql } from "drizzle-orm";
import { db } from "../db/client";
import { failGeneratingAssets, softDeleteSessionAssets } from "../db/queries/assets";
import { sessions } from "../db/schema";
import { moveSession } from "../pipeline/status";
import { lockSession, type SessionRef } from "./load";
import { isRunning } from "./stage-state";

/**
 * Soft-deletes the session and its assets (files are kept; rows become invisible). Running
 * work is cancelled first: jobs watch for cancelled or deleted sessions and stop.
 */
export async function deleteSession(ref: SessionRef): Promise<void> {
  await db().transaction(async (tx) => {
    const s = await lockSession(tx, ref);
    if (isRunning(s)) await moveSession({ id: s.id, to: "cancelled" }, tx);
    await failGeneratingAssets(tx, s.id, "Cancelled: the ad was deleted.");
    await softDeleteSessionAssets(tx, s.id);
    await tx.update(sessions).set({ deletedAt: sql`now()` }).where(eq(sessions.id, s.id));
  });
}
