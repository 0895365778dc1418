import { transaction } from "../db/queries/tx";
import { invalidState } from "../errors";
import { errorFields, logger } from "../logger";
import { publishProgress } from "../pipeline/progress";
import { startEditPreparation } from "../pipeline/start-stage";
import { approvalBody, checkApprovable, writeSelection } from "./approval";
import { lockSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { clipsReady } from "./stage-rules";
import { statusText } from "./stage-state";

export const approveClipsBody = approvalBody(1, "clip");

/**
 * The clip board's choice: at least 1 finished clip of this ad, in the order of the final
 * video. Allowed in clip review (the session stays there, ready to compose), after
 * completion (to re-compose with another edit) and after a failed or cancelled composition.
 */
export async function approveClips({ assetIds, ...ref }: SessionRef & { assetIds: string[] }) {
  const s = await transaction(async (tx) => {
    const locked = await lockSession(tx, ref);
    if (!clipsReady(locked)) {
      throw invalidState(
        `Clips can be chosen once they are made and while nothing else is being made; this ad is ${statusText(locked)}.`,
      );
    }
    await checkApprovable(tx, locked, assetIds, "video_clip", "clip");
    return writeSelection(tx, locked, assetIds, "video_clip");
  });
  await publishProgress(
    s.id,
    `${assetIds.length} clip${assetIds.length === 1 ? "" : "s"} approved.`,
  );
  // The edit's text-free work starts now, in the background (a compose does it itself if need be).
  await startEditPreparation(s).catch((err) =>
    logger.warn("edit preparation not enqueued", errorFields(err)),
  );
  return sessionView(s);
}
