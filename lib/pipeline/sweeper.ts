// The backstop for work nobody is doing any more. Jobs enforce their own provider deadlines
// while their process lives; this catches what falls between: a worker killed on a job's last
// retry (pg-boss marks the job failed, the handler never ran its failure path), a wedged
// process, a job lost between a database write and its enqueue. Work counts as stuck when
// no job is waiting for it and either no job is running it or the running one has been
// silent past the provider's deadline plus a margin. Stuck assets are failed with a message
// and their stage settled (so the session says what happened and offers retry); stuck
// sessions with no job at all are failed the same way. Every change is conditional, so
// several workers may sweep at once.
import { failAsset, listQuietGeneratingAssets } from "../db/queries/assets";
import { type LiveJob, listLiveJobs } from "../db/queries/jobs";
import { listQuietSessions } from "../db/queries/sessions";
import type { Asset } from "../db/schema";
import { env } from "../env";
import { errorFields, logger } from "../logger";
import { publishProgress } from "./progress";
import { QUEUES, type QueueName } from "./queue";
import { readMeta } from "./session-meta";
import { settleClipStage, settleImageStage } from "./settle";
import { moveSession } from "./status";

/** The providers' own deadlines (lib/providers/replicate/*.ts), unless REPLICATE_DEADLINE_SECONDS. */
const DEADLINE_SECONDS: Record<Asset["type"], number> = {
  image: 300,
  video_clip: 600,
  audio: 600,
  final_video: 600,
};
const WHAT: Record<Asset["type"], string> = {
  image: "image",
  video_clip: "clip",
  audio: "background music",
  final_video: "video",
};

export function deadlineSeconds(type: Asset["type"]): number {
  return (env.REPLICATE_DEADLINE_SECONDS ?? DEADLINE_SECONDS[type]) + env.SWEEP_MARGIN_SECONDS;
}

/** Jobs that are waiting for or running this work (pgboss.job rows not yet finished). */
const liveJobs = (where: { queue: QueueName[]; assetId?: string; sessionId?: string }) =>
  listLiveJobs({ queues: where.queue, assetId: where.assetId, sessionId: where.sessionId });

const QUEUE_OF: Record<Asset["type"], QueueName[]> = {
  image: [QUEUES.generateImage],
  video_clip: [QUEUES.generateClip],
  audio: [QUEUES.compose, QUEUES.generateVoice],
  final_video: [QUEUES.compose],
};

function isSilent(jobs: LiveJob[], limitSeconds: number): boolean {
  if (jobs.some((j) => j.state !== "active")) return false; // queued: someone will run it
  const limit = Date.now() - limitSeconds * 1000;
  return jobs.every((j) => j.started_on !== null && new Date(j.started_on).getTime() < limit);
}

export type SweepResult = { assetsFailed: number; sessionsFailed: number; sessionsSettled: number };

export async function sweepStuckWork(): Promise<SweepResult> {
  const result: SweepResult = { assetsFailed: 0, sessionsFailed: 0, sessionsSettled: 0 };
  const touched = new Set<string>();
  const candidates = await listQuietGeneratingAssets({ quietSeconds: env.SWEEP_MARGIN_SECONDS });
  for (const a of candidates) {
    const jobs = await liveJobs({
      queue: QUEUE_OF[a.type],
      ...(a.type === "audio" || a.type === "final_video"
        ? { sessionId: a.sessionId }
        : { assetId: a.id }),
    });
    const limit = deadlineSeconds(a.type);
    // With no job at all nothing will ever finish it; a running one gets the provider's deadline.
    if (jobs.length > 0 && (a.silent < limit || !isSilent(jobs, limit))) continue;
    const minutes = Math.max(1, Math.round(limit / 60));
    const message = jobs.length
      ? `The ${WHAT[a.type]} service did not answer for over ${minutes} minute${minutes === 1 ? "" : "s"}, so this ${WHAT[a.type]} was stopped. Retry to make it again.`
      : `Making this ${WHAT[a.type]} stopped unexpectedly. Retry to make it again.`;
    const failed = await failAsset({ id: a.id, message });
    if (!failed) continue;
    result.assetsFailed++;
    touched.add(a.sessionId);
    logger.warn("stuck work failed by the sweeper", {
      sessionId: a.sessionId,
      assetId: a.id,
      type: a.type,
      silentSeconds: Math.round(a.silent),
      liveJobs: jobs.length,
    });
    await publishProgress(a.sessionId, message, failed);
  }

  const open = await listQuietSessions({
    statuses: ["prompting", "generating_images", "generating_videos", "composing"],
    quietSeconds: env.SWEEP_MARGIN_SECONDS,
    alsoIds: [...touched],
  });
  for (const s of open) {
    if (s.status === "generating_images") {
      await settleImageStage(s.id);
      result.sessionsSettled++;
      continue;
    }
    if (s.status === "generating_videos" && (readMeta(s).clipRunIds ?? []).length > 0) {
      await settleClipStage(s.id);
      result.sessionsSettled++;
      continue;
    }
    const queue =
      s.status === "prompting"
        ? QUEUES.parsePrompt
        : s.status === "composing"
          ? QUEUES.compose
          : QUEUES.planScenes;
    if ((await liveJobs({ queue: [queue], sessionId: s.id })).length > 0) continue;
    const message =
      s.status === "prompting"
        ? "Reading your product description stopped unexpectedly. Retry to start again."
        : s.status === "composing"
          ? "Composing your video stopped unexpectedly. Retry to compose again; your clips are kept."
          : "Planning the clips stopped unexpectedly. Retry to plan them again; your approved images are kept.";
    const moved = await moveSession({
      id: s.id,
      to: "failed",
      from: [s.status],
      errorMessage: message,
    });
    if (!moved) continue;
    result.sessionsFailed++;
    logger.warn("stuck session failed by the sweeper", { sessionId: s.id, status: s.status });
    await publishProgress(s.id, message);
  }
  return result;
}

/** Sweeps every `SWEEP_INTERVAL_SECONDS` until the returned stop function is called. */
export function startSweeper(): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepStuckWork()
      .then((r) => {
        if (r.assetsFailed || r.sessionsFailed) logger.info("sweep finished", r);
      })
      .catch((err) => logger.warn("sweep failed; next one retries", errorFields(err)))
      .finally(() => {
        running = false;
      });
  }, env.SWEEP_INTERVAL_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
