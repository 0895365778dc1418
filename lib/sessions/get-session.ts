import { listSessionAssets } from "../db/queries/assets";
import type { Session } from "../db/schema";
import { readMeta } from "../pipeline/session-meta";
import { type Estimate, estimateStage } from "./estimate";
import { requireOwnSession, type SessionRef } from "./load";
import { assetView, sessionView } from "./session-view";

/**
 * A session with its live assets, ordered like the seed's "session with all assets" query
 * (created_at; one stage's images by their index), and the estimate of its next paid step.
 * `images` includes the uploaded product photo (source `user-upload`), also given as `productPhoto`.
 */
export async function getSession(ref: SessionRef) {
  // Both reads at once (one wait for the database, not two); the assets, read by the ad's id,
  // are shown only once the ad is found to be the user's own.
  const [s, rows] = await Promise.all([
    requireOwnSession(ref),
    listSessionAssets({ sessionId: ref.id }),
  ]);
  const all = rows.map(assetView);
  const photoId = readMeta(s).productPhotoAssetId;
  const estimate = nextEstimate(s);
  return {
    session: sessionView(s),
    images: all.filter((a) => a.type === "image"),
    videoClips: all.filter((a) => a.type === "video_clip"),
    finalVideos: all.filter((a) => a.type === "final_video"),
    audio: all.filter((a) => a.type === "audio"),
    productPhoto: all.find((a) => a.id === photoId) ?? null,
    ...(estimate ? { estimate } : {}),
  };
}

/** The estimate the user is about to confirm: of the stage the session's status leads to. */
function nextEstimate(s: Session): Estimate | undefined {
  if (s.status === "created") return estimateStage(s, "images");
  if (s.status === "reviewing_images") return estimateStage(s, "clips");
  if (s.status === "reviewing_videos") return estimateStage(s, "compose");
  return undefined;
}
