// Prepares the final video before anyone composes it: once clips are approved (approveClips
// starts this for the ad's own format), and for each other format the moment it is picked
// on the Finish step (POST /api/sessions/:id/prepare), everything of the edit that does not
// depend on the text, colour, font or music is made — the clips normalised, the crossfades
// and the card's dissolve rendered, the text-free middle joined (lib/media/prepare-edit.ts) —
// into the session's clip cache, where the compose job finds it and then encodes only its
// title and call to action. Formats nobody picked are not prepared: most ads are exported in
// one. Best effort and low priority: a compose that starts before it ends, or after it
// failed, makes what is missing itself (slower, same video).
import { getLiveSession } from "../../db/queries/sessions";
import { env } from "../../env";
import { errorFields, logger } from "../../logger";
import { sessionCacheDir } from "../../media/clip-cache";
import { prepareEdit } from "../../media/prepare-edit";
import { jobWorker } from "../define-job";
import { prepareEditJob } from "../job-defs";
import { watchCancellation, withWorkDir } from "../run-call";
import { cacheRoot, editSpec, localClips } from "./compose";

const sameOrder = (a: string[] | null, b: string[]) =>
  !!a && a.length === b.length && a.every((id, i) => id === b[i]);

export const prepareEditWorker = jobWorker({
  job: prepareEditJob,
  concurrency: () => env.PREPARE_EDIT_CONCURRENCY,
  async handle({ sessionId, clipIds, ratio }) {
    const s = await getLiveSession({ id: sessionId });
    // Gone, or approved again since (that approval enqueued its own preparation).
    if (!s || s.status === "cancelled" || !sameOrder(s.approvedClipIds, clipIds)) return;
    const watch = watchCancellation(s.id);
    const format = ratio ?? s.aspectRatio;
    try {
      const [done] = await withWorkDir(async (workDir) => {
        const cacheDir = await sessionCacheDir(cacheRoot(), s.id);
        const clips = await localClips(s, cacheDir);
        return prepareEdit(editSpec(s, clips, { anyText: true }), {
          cacheDir,
          workDir,
          ratios: [format],
          signal: watch.signal,
        });
      });
      logger.info("edit prepared", {
        ratio: format,
        ms: done.ms,
        pieces: `${done.renderedPieces} rendered, ${done.reusedPieces} reused`,
        normalizedClips: done.normalizedClips,
      });
    } catch (err) {
      if (watch.signal.aborted) return; // cancelled or deleted
      // Not retried: the compose does this work itself when it is missing.
      logger.warn("edit preparation failed; the compose will make what it needs", {
        ...errorFields(err),
        ratio: format,
      });
    } finally {
      watch.stop();
    }
  },
});
