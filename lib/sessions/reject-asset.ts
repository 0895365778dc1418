// Setting an image or clip aside (POST /api/assets/:id/reject) and bringing it back
// (DELETE). A rejected asset stays in storage and in the costs — it was paid for — but
// cannot be approved until it is restored. Rejecting an approved asset takes it out of the
// approved list and renumbers the rest, so approved_*_ids, user_selected and
// selection_order never disagree. Both are idempotent. "Keep this take" in the studio is a
// reject of the other take.

import { getAsset, getOwnAsset, updateAsset } from "../db/queries/assets";
import { transaction } from "../db/queries/tx";
import type { Asset } from "../db/schema";
import { invalidState, notFound } from "../errors";
import { publishProgress } from "../pipeline/progress";
import { writeSelection } from "./approval";
import { lockSession } from "./load";
import { assetView, sessionView } from "./session-view";
import { isWorking } from "./stage-rules";
import { statusText } from "./stage-state";

type AssetRef = { userId: number; assetId: string };
type Reviewable = Asset & { type: "image" | "video_clip" };
const isReviewable = (a: Asset): a is Reviewable => a.type === "image" || a.type === "video_clip";

const noun = (a: Asset) => (a.type === "image" ? "image" : "clip");

export async function rejectAsset(ref: AssetRef) {
  return change(ref, "reject");
}

export async function restoreAsset(ref: AssetRef) {
  return change(ref, "restore");
}

async function change({ userId, assetId }: AssetRef, action: "reject" | "restore") {
  const found = await getOwnAsset({ id: assetId, userId });
  if (!found) throw notFound("That image or clip");
  if (found.type !== "image" && found.type !== "video_clip") {
    throw invalidState(
      "Only images and clips can be set aside; to stop sharing a video, revoke its share link.",
    );
  }
  const { asset, session, changed } = await transaction(async (tx) => {
    const s = await lockSession(tx, { userId, id: found.sessionId });
    // Re-read under the session lock: an approval or another tab may have changed it.
    const a = await getAsset({ tx, id: assetId });
    if (!a || !isReviewable(a)) throw notFound("That image or clip");
    const target = action === "reject" ? "rejected" : "completed";
    if (a.status === target || (action === "restore" && a.status === "approved"))
      return { asset: a, session: s, changed: false };
    if (isWorking(s.status)) {
      throw invalidState(
        `Images and clips can be set aside or restored while nothing is being made; this ad is ${statusText(s)}. Wait for it to finish.`,
      );
    }
    if (action === "reject" && a.status !== "completed" && a.status !== "approved") {
      throw invalidState(
        a.status === "generating"
          ? `This ${noun(a)} is still being made; wait for it to finish.`
          : `This ${noun(a)} could not be made, so there is nothing to set aside; regenerate it instead.`,
      );
    }
    if (action === "restore" && a.status !== "rejected")
      throw invalidState(`This ${noun(a)} is not set aside.`);

    let session = s;
    const approvedIds = (a.type === "image" ? s.approvedImageIds : s.approvedClipIds) ?? [];
    if (
      action === "reject" &&
      (a.status === "approved" || a.userSelected || approvedIds.includes(a.id))
    ) {
      // The rest keep their order, renumbered 1..n.
      session = await writeSelection(
        tx,
        s,
        approvedIds.filter((id) => id !== a.id),
        a.type,
      );
    }
    const row = await updateAsset({
      tx,
      id: a.id,
      set:
        action === "reject"
          ? { status: "rejected", userSelected: false, selectionOrder: null }
          : { status: "completed" },
    });
    return { asset: row ?? a, session, changed: true };
  });
  if (changed) {
    await publishProgress(
      asset.sessionId,
      action === "reject" ? `One ${noun(asset)} set aside.` : `One ${noun(asset)} restored.`,
      asset,
    );
  }
  return { asset: assetView(asset), session: sessionView(session) };
}
