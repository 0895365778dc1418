import { transaction } from "../db/queries/tx";
import { invalidState } from "../errors";
import { publishProgress } from "../pipeline/progress";
import { approvalBody, checkApprovable, writeSelection } from "./approval";
import { lockSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { imagesReady } from "./stage-rules";
import { statusText } from "./stage-state";

export const approveImagesBody = approvalBody(2, "image");

/**
 * The mood board's choice: at least 2 finished images of this ad, in order. Allowed once the
 * image stage is over — in image review, and also later (clip review, completed, or a clip
 * or compose stage that failed or was cancelled) to change the selection before generating
 * clips again. Never while a stage is generating. The session's status does not change.
 */
export async function approveImages({ assetIds, ...ref }: SessionRef & { assetIds: string[] }) {
  const s = await transaction(async (tx) => {
    const locked = await lockSession(tx, ref);
    if (!imagesReady(locked)) {
      throw invalidState(
        `Images can be chosen once they are made and while nothing else is being made; this ad is ${statusText(locked)}.`,
      );
    }
    await checkApprovable(tx, locked, assetIds, "image", "image");
    return writeSelection(tx, locked, assetIds, "image");
  });
  await publishProgress(s.id, `${assetIds.length} images approved.`);
  return sessionView(s);
}
