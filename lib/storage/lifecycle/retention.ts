// Superseded files are removed once they have been superseded for STORAGE_RETENTION_DAYS.
// What "superseded" means, from the code as it stands:
//
// - A replaced upload. A new product photo soft-deletes the previous photo's asset
//   (lib/sessions/upload-product-photo.ts; only allowed before images are made from it).
//   More generally any asset the app hid with deleted_at while its ad lives. Counted from
//   deleted_at.
// - A take not kept. Regenerating an image or clip adds a take beside the old one
//   (metadata.replaces, lib/sessions/regenerate-asset.ts); "Keep this take" sets the other
//   aside (status rejected, lib/sessions/reject-asset.ts). A rejected image or clip is
//   superseded when the other take of its pair is finished and not set aside, it is not
//   approved, and no live clip was made from it (the clip board shows a clip's source image
//   as its poster). Counted from the reject (updated_at). A rejected asset outside a take
//   pair is the marketer's own "set aside" pile, which they can restore: kept.
// - An older final video. A re-compose adds final videos and keeps the earlier ones
//   (lib/sessions/compose.ts); the studio shows the newest finished video of each format
//   (components/done-step.tsx, latestVideos) and share links serve sessions.final_video_id.
//   A final video is superseded once a newer finished one of the same format exists and it
//   is not the ad's main one. Counted from the newer one's creation. A/B variants
//   (lib/sessions/variants.ts) are their own line: variant B is superseded only by a newer
//   variant B, and neither supersedes the ad's regular videos nor is superseded by them.
//
// Not superseded: clips of earlier clip runs (the clip board still offers them), music (a
// later compose reuses it by genre), anything approved. Superseded takes and videos leave
// the ad (deleted_at) in the same transaction that records their files, so the API never
// lists a file that is about to go.
import { recordSupersededFiles, type SupersededCounts } from "../../db/queries/storage-deletions";
import { transaction } from "../../db/queries/tx";
import { env } from "../../env";
import { logger } from "../../logger";
import type { Storage } from "../types";
import { removeRecordedFiles } from "./remove-files";

const DAY_MS = 86_400_000;

export async function applyRetention(opts: {
  store: Storage;
  /** "Now" (tests move it forward instead of waiting a month). */
  now?: Date;
  days?: number;
}): Promise<SupersededCounts & { removed: number }> {
  const days = opts.days ?? env.STORAGE_RETENTION_DAYS;
  const cutoff = new Date((opts.now ?? new Date()).getTime() - days * DAY_MS);
  const counts = await transaction((tx) => recordSupersededFiles({ tx, cutoff }));
  // Also finishes any removal still waiting: an ad whose deletion job was lost or gave up.
  const { removed } = await removeRecordedFiles({ store: opts.store });
  const result = { ...counts, removed };
  if (removed > 0 || counts.uploads + counts.takes + counts.finalVideos > 0)
    logger.info("superseded files removed", { retentionDays: days, ...result });
  return result;
}
