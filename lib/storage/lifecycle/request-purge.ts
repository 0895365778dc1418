// Queues the removal of a deleted ad's files, once its soft delete (which recorded their
// keys) has committed: a job now, and a second look at the ad's folder a little later for a
// file a job was still writing at the moment of the delete. Both are idempotent pg-boss jobs.
import { errorFields, logger } from "../../logger";
import { purgeSessionFilesJob } from "../../pipeline/job-defs";
import { enqueue } from "../../pipeline/queue";

/** Long enough for a job in flight to notice the delete, short enough to stay within a minute. */
export const SECOND_LOOK_SECONDS = 40;

export async function requestSessionPurge(sessionId: string): Promise<void> {
  try {
    await enqueue(purgeSessionFilesJob, { sessionId }, 0);
    await enqueue(purgeSessionFilesJob, { sessionId, folderOnly: true }, 0, {
      startAfter: SECOND_LOOK_SECONDS,
    });
  } catch (err) {
    // The keys are recorded, so nothing is lost: the hourly retention job removes them.
    logger.error("removing the deleted ad's files could not be queued; the hourly job will", {
      sessionId,
      ...errorFields(err),
    });
  }
}
