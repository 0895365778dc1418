// Starting each stage's work: one function per stage, used by the API when a user starts or
// retries a stage, by the jobs that hand over to the next stage, and by the worker when it
// resumes work a crash interrupted. Every enqueue is idempotent (./job-defs.ts keys), so
// starting a stage again adds nothing; the session's retry_count in the keys gives a
// deliberate re-run fresh jobs.

import type { z } from "zod";
import { getAsset } from "../db/queries/assets";
import type { Asset, Session } from "../db/schema";
import type { AspectRatio } from "../media/formats";
import {
  composeJob,
  generateClipJob,
  generateImageJob,
  parsePromptJob,
  planScenesJob,
  prepareEditJob,
} from "./job-defs";
import { imagesToStart } from "./jobs/hero-image";
import { enqueue } from "./queue";
import { readMeta } from "./session-meta";
import { settleClipStage, settleImageStage } from "./settle";

const attemptOf = (s: Session) => s.retryCount ?? 0;
type PrepareEditPayload = z.infer<typeof prepareEditJob.schema>;

/** Stage 1: read the product description. */
export async function startPromptParsing(s: Session): Promise<void> {
  await enqueue(parsePromptJob, { sessionId: s.id }, attemptOf(s));
}

/**
 * Stage 2: every image of the session still generating — the hero alone first when the
 * others are made from it (./jobs/hero-image.ts; its end calls this again).
 */
export async function startImages(s: Session): Promise<void> {
  for (const id of await imagesToStart(s))
    await enqueue(generateImageJob, { assetId: id }, attemptOf(s));
}

/** Stage 4a: plan the scenes of the current clip run. */
export async function startScenePlanning(s: Session): Promise<void> {
  const run = readMeta(s).clipRun ?? 0;
  await enqueue(planScenesJob, { sessionId: s.id, run }, attemptOf(s));
}

/** Stage 4b: every clip of the current run still generating. */
export async function startClips(s: Session): Promise<void> {
  for (const id of readMeta(s).clipRunIds ?? []) {
    const a = await getAsset({ id });
    if (a?.status === "generating") await enqueue(generateClipJob, { assetId: id }, attemptOf(s));
  }
}

/** Stage 6: compose the latest composition request. */
export async function startComposing(s: Session): Promise<void> {
  const run = readMeta(s).compose?.run ?? 0;
  await enqueue(composeJob, { sessionId: s.id, run }, attemptOf(s));
}

/**
 * The edit's work ahead of the compose for the approved clips, in the background (once per
 * order, and per voice and captions choice the Finish step names).
 */
export async function startEditPreparation(
  s: Session,
  ratios: AspectRatio[] = [s.aspectRatio],
  words: Omit<PrepareEditPayload, "sessionId" | "clipIds" | "ratio"> = {},
): Promise<void> {
  const clipIds = s.approvedClipIds ?? [];
  if (clipIds.length === 0) return;
  for (const ratio of new Set(ratios))
    await enqueue(prepareEditJob, { sessionId: s.id, clipIds, ratio, ...words }, attemptOf(s));
}

/** A new take of one image or clip (POST /api/assets/:id/regenerate). */
export async function startTake(asset: Asset): Promise<void> {
  const job = asset.type === "image" ? generateImageJob : generateClipJob;
  await enqueue(job, { assetId: asset.id }, "regenerate");
}

/**
 * Runs what the session's status says should be running: whatever is missing is enqueued,
 * and a stage whose work all finished (a crash between an asset's last write and the
 * stage's settle, or a resumed cancel with nothing missing) is settled.
 */
export async function resumeStage(s: Session): Promise<void> {
  switch (s.status) {
    case "prompting":
      return startPromptParsing(s);
    case "generating_images":
      await startImages(s);
      await settleImageStage(s.id);
      return;
    case "generating_videos":
      if (!readMeta(s).clipRunIds?.length) return startScenePlanning(s);
      await startClips(s);
      await settleClipStage(s.id);
      return;
    case "composing":
      return startComposing(s);
  }
}
