// Prepares the final video while the user writes the product name: once clips are approved
// (approveClips enqueues this), everything of the edit that does not depend on the text,
// colour, font or music is made for every format — the clips normalised, the crossfades and
// the card's dissolve rendered, the text-free middle joined (lib/media/prepare-edit.ts) —
// into the session's clip cache, where the compose job finds it and then encodes only its
// title and call to action. Best effort and low priority: a compose that starts before it
// ends, or after it failed, makes what is missing itself (slower, same video).
import { getLiveSession } from "../../db/queries/sessions";
import { env } from "../../env";
import { errorFields, logger } from "../../logger";
import { sessionCacheDir } from "../../media/clip-cache";
import { ASPECT_RATIOS } from "../../media/formats";
import { type PreparedRatio, prepareEdit } from "../../media/prepare-edit";
import { jobWorker } from "../define-job";
import { prepareEditJob } from "../job-defs";
import { watchCancellation, withWorkDir } from "../run-call";
import { cacheRoot, editSpec, localClips } from "./compose";

const sameOrder = (a: string[] | null, b: string[]) =>
  !!a && a.length === b.length && a.every((id, i) => id === b[i]);

export const prepareEditWorker = jobWorker({
  job: prepareEditJob,
  concurrency: () => env.PREPARE_EDIT_CONCURRENCY,
  async handle({ sessionId, clipIds }) {
    const s = await getLiveSession({ id: sessionId });
    // Gone, or approved again since (that approval enqueued its own preparation).
    if (!s || s.status === "cancelled" || !sameOrder(s.approvedClipIds, clipIds)) return;
    const watch = watchCancellation(s.id);
    const started = Date.now();
    const done: PreparedRatio[] = [];
    try {
      await withWorkDir(async (workDir) => {
        const cacheDir = await sessionCacheDir(cacheRoot(), s.id);
        const clips = await localClips(s, cacheDir);
        // The session's own format first: the one most likely composed, soonest ready.
        const own = s.aspectRatio;
        for (const ratio of [own, ...ASPECT_RATIOS.filter((r) => r !== own)]) {
          const now = await getLiveSession({ id: s.id });
          if (!now || !sameOrder(now.approvedClipIds, clipIds)) return; // re-ordered meanwhile: stop here
          done.push(
            ...(await prepareEdit(editSpec(s, clips, { anyText: true }), {
              cacheDir,
              workDir,
              ratios: [ratio],
              signal: watch.signal,
            })),
          );
        }
      });
      logger.info("edit prepared", {
        ms: Date.now() - started,
        ratios: done
          .map(
            (r) =>
              `${r.ratio}: ${r.renderedPieces} rendered, ${r.reusedPieces} reused, ${r.normalizedClips} normalised`,
          )
          .join("; "),
      });
    } catch (err) {
      if (watch.signal.aborted) return; // cancelled or deleted
      // Not retried: the compose does this work itself when it is missing.
      logger.warn("edit preparation failed; the compose will make what it needs", {
        ...errorFields(err),
        prepared: done.map((r) => r.ratio).join(" "),
      });
    } finally {
      watch.stop();
    }
  },
});
