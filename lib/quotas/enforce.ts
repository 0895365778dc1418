// Where the session services ask the quotas (one call each): inside the transaction that
// makes the change, so a refusal rolls everything back and changes nothing, and under the
// user's quota lock, so two concurrent requests cannot both pass a limit of 1.
import type { Tx } from "../db/queries/tx";
import {
  countSessionsInStatus,
  countTakes,
  getStoredBytes,
  insertUsageEvent,
  listRecentUsageEvents,
  lockUserQuotas,
} from "../db/queries/usage";
import { WORKING_STATUSES } from "../sessions/stage-rules";
import { HOUR_SECONDS, limits } from "./limits";
import { storageFull, tooManyAdsAtOnce, tooManyPerHour, tooManyRegenerations } from "./refusals";

/**
 * An ad moves into a working status (generate images, clips, compose, retry): one more ad
 * at once, storage not full, and for a compose (`render`) one more render this hour — or
 * `render` more, for A/B variants (each is a render).
 */
export async function takeStageQuotas({
  tx,
  userId,
  render,
}: {
  tx: Tx;
  userId: number;
  render: boolean | number;
}): Promise<void> {
  const max = limits();
  await lockUserQuotas({ tx, userId });
  const working = await countSessionsInStatus({ tx, userId, statuses: WORKING_STATUSES });
  if (working >= max.adsAtOnce) throw tooManyAdsAtOnce(working, max.adsAtOnce);
  const renders = Number(render);
  if (renders > 0) await takeHourlySlot(tx, userId, "render", max.rendersPerHour, renders);
  await assertStorageLeft({ tx, userId });
}

/** One more take of an image or clip of this ad (the caller holds the session's row lock). */
export async function takeRegenerationQuota({
  tx,
  userId,
  sessionId,
}: {
  tx: Tx;
  userId: number;
  sessionId: string;
}): Promise<void> {
  const allowed = limits().regenerationsPerAd;
  const takes = await countTakes({ tx, sessionId });
  if (takes >= allowed) throw tooManyRegenerations(takes, allowed);
  await assertStorageLeft({ tx, userId });
}

/** One more product photo this hour, and room for its `bytes`. */
export async function takeUploadQuota({
  tx,
  userId,
  bytes,
}: {
  tx: Tx;
  userId: number;
  bytes: number;
}): Promise<void> {
  const max = limits();
  await lockUserQuotas({ tx, userId });
  await assertStorageLeft({ tx, userId, adding: bytes });
  await takeHourlySlot(tx, userId, "upload", max.uploadsPerHour);
}

/**
 * One more upload this hour for a file that is not an ad's (a brand logo), in the transaction
 * that keeps it (assertUploadSlotLeft refused it before reading at the limit). Logos are not
 * counted in storage: one per account, the replaced one deleted at once.
 */
export async function takeUploadSlot({ tx, userId }: { tx: Tx; userId: number }): Promise<void> {
  await lockUserQuotas({ tx, userId });
  await takeHourlySlot(tx, userId, "upload", limits().uploadsPerHour);
}

/**
 * Refuses (402) when the user's live files reach the storage limit, or would with `adding`.
 * Work whose files are not made yet is allowed while below it, so the limit can be passed
 * by what that work makes; the next request then meets it.
 */
export async function assertStorageLeft({
  tx,
  userId,
  adding = 0,
}: {
  tx?: Tx;
  userId: number;
  adding?: number;
}): Promise<void> {
  const allowed = limits().storageBytes;
  const used = await getStoredBytes({ tx, userId });
  if (adding > 0 ? used + adding > allowed : used >= allowed)
    throw storageFull(used, allowed, adding);
}

/**
 * Refuses (429) an upload while the hour's are all used, before its file is read or decoded
 * (a request at the limit costs no work). The slot itself is taken, under the lock, by
 * takeUploadQuota once the file is stored.
 */
export async function assertUploadSlotLeft({ userId }: { userId: number }): Promise<void> {
  await assertHourlySlotLeft(undefined, userId, "upload", limits().uploadsPerHour);
}

async function assertHourlySlotLeft(
  tx: Tx | undefined,
  userId: number,
  kind: "render" | "upload",
  allowed: number,
  count = 1,
): Promise<void> {
  const recent = await listRecentUsageEvents({ tx, userId, kind, windowSeconds: HOUR_SECONDS });
  if (recent.length + count > allowed) {
    // The request that frees enough slots: with the limit lowered since, more than the oldest.
    // (More at once than the limit: no wait is enough; the hour is said.)
    const next = recent[recent.length + count - allowed - 1] ?? {
      leavesAt: new Date(Date.now() + HOUR_SECONDS * 1000),
      secondsLeft: HOUR_SECONDS,
    };
    throw tooManyPerHour(kind === "render" ? "renders" : "uploads", recent.length, allowed, next);
  }
}

async function takeHourlySlot(
  tx: Tx,
  userId: number,
  kind: "render" | "upload",
  allowed: number,
  count = 1,
): Promise<void> {
  await assertHourlySlotLeft(tx, userId, kind, allowed, count);
  for (let i = 0; i < count; i++) await insertUsageEvent({ tx, userId, kind });
}
