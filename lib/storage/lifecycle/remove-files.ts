// Removes the files recorded in storage_deletions: each file first, then its row, a batch
// at a time. Deleting a file that is already gone is not an error, so a run cut short (a
// crash, a storage outage) is finished by the next one, which starts with what is left.
import {
  listStorageDeletions,
  noteStorageDeletionFailed,
  removeStorageDeletions,
} from "../../db/queries/storage-deletions";
import { errorFields, logger } from "../../logger";
import { isValidKey } from "../keys";
import type { Storage } from "../types";

const BATCH = 100;
const AT_ONCE = 8;

/**
 * Removes the recorded files of one deleted ad (`sessionId`) or all of them. Throws after
 * the first failure (its row keeps the error; the files removed before it stay removed),
 * so the job calling it is retried.
 */
export async function removeRecordedFiles(opts: {
  store: Storage;
  sessionId?: string;
}): Promise<{ removed: number }> {
  let removed = 0;
  for (;;) {
    const rows = await listStorageDeletions({ sessionId: opts.sessionId, limit: BATCH });
    if (rows.length === 0) return { removed };
    const done: string[] = [];
    let failure: unknown;
    let next = 0;
    const lane = async () => {
      while (failure === undefined && next < rows.length) {
        const { key } = rows[next++];
        try {
          if (isValidKey(key)) await opts.store.delete(key);
          else logger.warn("storage deletion dropped: not a storage key", { key });
          done.push(key);
        } catch (err) {
          failure ??= err;
          logger.warn("storage deletion failed; it is retried", { key, ...errorFields(err) });
          await noteStorageDeletionFailed({ key, error: String((err as Error)?.message ?? err) });
        }
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, lane));
    await removeStorageDeletions({ keys: done });
    removed += done.length;
    if (failure !== undefined) throw failure;
  }
}
