import { errorFields, logger } from "../logger";
import { publishProgress } from "../pipeline/progress";
import { startEditPreparation } from "../pipeline/start-stage";
import { approvalBody, approveSelection } from "./approval";
import type { SessionRef } from "./load";
import { fitScriptToClips } from "./script";
import { sessionView } from "./session-view";
import { clipsReady } from "./stage-rules";

export const approveClipsBody = approvalBody(1, "clip");

/**
 * The clip board's choice: at least 1 finished clip of this ad, in the order of the final
 * video. Allowed in clip review (the session stays there, ready to compose), after
 * completion (to re-compose with another edit) and after a failed or cancelled composition.
 */
export async function approveClips({ assetIds, ...ref }: SessionRef & { assetIds: string[] }) {
  const s = await approveSelection(ref, assetIds, {
    type: "video_clip",
    noun: "clip",
    ready: clipsReady,
    label: "Clips",
    also: fitScriptToClips,
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
