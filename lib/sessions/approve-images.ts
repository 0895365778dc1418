import { publishProgress } from "../pipeline/progress";
import { approvalBody, approveSelection } from "./approval";
import type { SessionRef } from "./load";
import { sessionView } from "./session-view";
import { imagesReady } from "./stage-rules";

export const approveImagesBody = approvalBody(2, "image");

/**
 * The mood board's choice: at least 2 finished images of this ad, in order. Allowed once the
 * image stage is over — in image review, and also later (clip review, completed, or a clip
 * or compose stage that failed or was cancelled) to change the selection before generating
 * clips again. Never while a stage is generating. The session's status does not change.
 */
export async function approveImages({ assetIds, ...ref }: SessionRef & { assetIds: string[] }) {
  const s = await approveSelection(ref, assetIds, {
    type: "image",
    noun: "image",
    ready: imagesReady,
    label: "Images",
  });
  await publishProgress(s.id, `${assetIds.length} images approved.`);
  return sessionView(s);
}
