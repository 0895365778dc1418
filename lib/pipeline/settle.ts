// After each image or clip finishes (or fails for good), decide whether its stage is done.
// Racing jobs may both get here; the conditional status move lets exactly one win.
import { countByStatus } from "../db/queries/assets";
import { getLiveSession } from "../db/queries/sessions";
import { logger } from "../logger";
import { publishProgress } from "./progress";
import { readMeta } from "./session-meta";
import { moveSession, setProgress, stageProgress } from "./status";

export const MIN_IMAGES = 4;

export async function settleImageStage(sessionId: string): Promise<void> {
  const s = await getLiveSession({ id: sessionId });
  if (s?.status !== "generating_images") return;
  // generated_image_ids also lists single-image regenerations; countByStatus leaves them out,
  // so a lone regeneration never counts toward (or settles) the stage.
  const c = await countByStatus({ ids: s.generatedImageIds ?? [] });
  const done = c.completed + c.approved + c.rejected;
  const total = done + c.failed + c.generating;
  if (total === 0) return;
  if (c.generating > 0) {
    await setProgress(
      sessionId,
      "generating_images",
      stageProgress("image_gen", (done + c.failed) / total),
    );
    await publishProgress(
      sessionId,
      `Generating image ${Math.min(done + c.failed + 1, total)} of ${total}…`,
    );
    return;
  }
  const need = Math.min(MIN_IMAGES, total);
  if (done >= need) {
    const moved = await moveSession({
      id: sessionId,
      to: "reviewing_images",
      from: ["generating_images"],
      progress: 50,
      errorMessage: null,
    });
    if (moved)
      await publishProgress(
        sessionId,
        `${done} of ${total} images ${done === 1 ? "is" : "are"} ready. Pick your favourites.`,
      );
  } else {
    const message =
      done === 0
        ? "No images could be made. Retry to try again."
        : `Only ${done} of ${total} images could be made, and an ad needs at least ${need}. Retry to make the missing ones; the ${done === 1 ? "finished image is" : `${done} finished images are`} kept.`;
    const moved = await moveSession({
      id: sessionId,
      to: "failed",
      from: ["generating_images"],
      errorMessage: message,
    });
    if (moved) {
      logger.warn("image stage failed", { sessionId, done, total });
      await publishProgress(sessionId, message);
    }
  }
}

export async function settleClipStage(sessionId: string): Promise<void> {
  const s = await getLiveSession({ id: sessionId });
  if (s?.status !== "generating_videos") return;
  const meta = readMeta(s);
  const run = meta.clipRun ?? 0;
  const ids = (meta.clipRunIds ?? []).filter(Boolean);
  if (ids.length === 0) return; // still planning
  const c = await countByStatus({ ids });
  const done = c.completed + c.approved + c.rejected;
  const total = done + c.failed + c.generating;
  if (c.generating > 0) {
    await setProgress(
      sessionId,
      "generating_videos",
      stageProgress("video_gen", 0.1 + (0.9 * (done + c.failed)) / total),
    );
    await publishProgress(
      sessionId,
      `Animating clip ${Math.min(done + c.failed + 1, total)} of ${total}…`,
    );
    return;
  }
  if (done >= 1) {
    const moved = await moveSession({
      id: sessionId,
      to: "reviewing_videos",
      from: ["generating_videos"],
      progress: 90,
      errorMessage: null,
    });
    if (moved)
      await publishProgress(
        sessionId,
        `${done} of ${total} clips ${done === 1 ? "is" : "are"} ready. Choose and order them.`,
      );
  } else {
    const message = `${total === 1 ? "The clip could not be made" : `None of the ${total} clips could be made`}. Retry to try again; your approved images are kept.`;
    const moved = await moveSession({
      id: sessionId,
      to: "failed",
      from: ["generating_videos"],
      errorMessage: message,
    });
    if (moved) {
      logger.warn("clip stage failed", { sessionId, run });
      await publishProgress(sessionId, message);
    }
  }
}
