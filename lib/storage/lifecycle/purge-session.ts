// Removing a deleted ad's files. The keys its rows named were recorded with the soft delete
// (lib/sessions/delete-session.ts); they go first. Then whatever is still under the ad's
// folder goes too: a file a job was writing when the ad was deleted (its row was never
// completed) or one a crashed worker left behind. Nothing under a deleted ad's folder can
// ever be live again.
import { getSessionState } from "../../db/queries/storage-deletions";
import { logger } from "../../logger";
import type { Storage } from "../types";
import { removeRecordedFiles } from "./remove-files";

export async function purgeSessionFiles(opts: {
  store: Storage;
  sessionId: string;
  /** Only look under the ad's folder (the second pass, for files written after the first). */
  folderOnly?: boolean;
}): Promise<{ removed: number; unrecorded: number }> {
  const sessionId = opts.sessionId.toLowerCase();
  if ((await getSessionState({ id: sessionId })) === "live") {
    logger.error("files of a live ad were not removed: it is not deleted", { sessionId });
    return { removed: 0, unrecorded: 0 };
  }
  const { removed } = opts.folderOnly
    ? { removed: 0 }
    : await removeRecordedFiles({ store: opts.store, sessionId });
  let unrecorded = 0;
  for await (const o of opts.store.list(`sessions/${sessionId}/`)) {
    await opts.store.delete(o.key);
    unrecorded++;
  }
  if (unrecorded > 0)
    logger.info("files no row recorded were removed with the deleted ad", {
      sessionId,
      files: unrecorded,
    });
  return { removed, unrecorded };
}
