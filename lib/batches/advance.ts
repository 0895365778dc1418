// The batch's driver, run by the advance-batch job whenever one of its ads moves: it looks
// at every ad of the batch and does what a marketer would do next, through the same
// services as the API (so stages, quotas, budgets and idempotency are the single ad's):
// - an ad not started yet: start its images, while the account has a slot for another ad
//   at once (QUOTA_ADS_AT_ONCE; a full account leaves it queued and checks again later);
// - at the image review (stopAt "done"): approve the first images made, make their clips;
// - at the clip review: approve the clips in order, compose with the row's name and CTA;
// - before each paid step: the batch's budget, counting what its ads were charged and what
//   their running stages are estimated at; a step that would pass it is not started and its
//   ad fails saying so.
// The batch is finished when every ad is completed, failed or cancelled (or waits at the
// image review, for stopAt "review").

import { DEFAULT_CALL_TO_ACTION } from "../creative/script";
import { listSessionAssets } from "../db/queries/assets";
import {
  batchSpending,
  finishBatch,
  getBatch,
  listBatchSessions,
  touchBatch,
} from "../db/queries/batches";
import type { Batch, Session } from "../db/schema";
import { AppError } from "../errors";
import { errorFields, logger } from "../logger";
import { readMeta } from "../pipeline/session-meta";
import { moveSession } from "../pipeline/status";
import { RECHECK_SECONDS } from "../quotas/limits";
import { approveClips } from "../sessions/approve-clips";
import { approveImages } from "../sessions/approve-images";
import { composeBody, composeSession, estimateCompose } from "../sessions/compose";
import { type Estimate, estimateStage, formatUsd } from "../sessions/estimate";
import { generateClips, generateClipsBody } from "../sessions/generate-clips";
import { generateImages } from "../sessions/generate-images";
import { requireOwnSession } from "../sessions/load";
import { enqueueAdvance } from "./enqueue";

const SETTLED: Session["status"][] = ["completed", "failed", "cancelled"];

export function isSettled(batch: Pick<Batch, "stopAt">, s: Session): boolean {
  return (
    SETTLED.includes(s.status) || (batch.stopAt === "review" && s.status === "reviewing_images")
  );
}

/** A refusal that frees up with time (ads at once, renders an hour): try again later. */
const waitsForSlot = (err: unknown) => err instanceof AppError && err.code === "rate_limited";

export async function advanceBatch(batchId: string): Promise<void> {
  const batch = await getBatch({ id: batchId });
  if (batch?.status !== "running") return;
  await touchBatch({ id: batch.id });
  let recheck = false;
  const rows = await listBatchSessions({ batchId });
  for (const s of rows) {
    try {
      if (s.status === "reviewing_images" && batch.stopAt === "done") await toClips(batch, s);
      else if (s.status === "reviewing_videos") await toCompose(batch, s);
    } catch (err) {
      if (waitsForSlot(err)) recheck = true;
      else await failRow(s, err);
    }
  }
  for (const s of rows.filter((r) => r.status === "created")) {
    try {
      if (!(await withinBudget(batch, s, estimateStage(s, "images")))) continue;
      await generateImages({ userId: s.userId, id: s.id });
    } catch (err) {
      if (waitsForSlot(err)) {
        recheck = true;
        break; // the rows after it wait their turn
      }
      await failRow(s, err);
    }
  }
  const after = await listBatchSessions({ batchId });
  if (after.every((s) => isSettled(batch, s))) {
    if (await finishBatch({ id: batch.id }))
      logger.info("batch finished", { batchId, ads: after.length });
  } else if (recheck) {
    await enqueueAdvance(batch.id, `recheck:${Math.floor(Date.now() / 1000)}`, {
      afterSeconds: RECHECK_SECONDS,
    });
  }
}

/** The first images made (in the order they were asked for) become clips. */
async function toClips(batch: Batch, s: Session): Promise<void> {
  const finished = new Set(
    (await listSessionAssets({ sessionId: s.id }))
      .filter((a) => a.type === "image" && (a.status === "completed" || a.status === "approved"))
      .map((a) => a.id),
  );
  const chosen = (s.generatedImageIds ?? [])
    .filter((id) => finished.has(id))
    .slice(0, batch.settings.approveImages);
  const planned = { ...s, approvedImageIds: chosen };
  const input = generateClipsBody.parse({
    videoPrompt: `${(s.userProductPrompt ?? "The product").slice(0, 240)}, in smooth slow motion`,
    clipDurationSeconds: batch.settings.clipDurationSeconds,
  });
  const estimate = estimateStage(planned, "clips", {
    clipDurationSeconds: input.clipDurationSeconds,
  });
  if (!(await withinBudget(batch, s, estimate))) return;
  await approveImages({ userId: s.userId, id: s.id, assetIds: chosen });
  await generateClips({ userId: s.userId, id: s.id, input });
}

/** Every finished clip of the last run, in order, composed with the row's words. */
async function toCompose(batch: Batch, s: Session): Promise<void> {
  const finished = new Set(
    (await listSessionAssets({ sessionId: s.id }))
      .filter(
        (a) => a.type === "video_clip" && (a.status === "completed" || a.status === "approved"),
      )
      .map((a) => a.id),
  );
  const clips = (readMeta(s).clipRunIds ?? []).filter((id) => finished.has(id));
  const approved = await approveClipsOnce(s, clips);
  const input = composeBody.parse({
    productName: s.productName ?? "Our product",
    callToAction: s.callToAction ?? DEFAULT_CALL_TO_ACTION,
    backgroundMusic: { enabled: false },
    voiceOver: { enabled: false },
  });
  const estimate = await estimateCompose(approved, {
    music: false,
    aspectRatios: [s.aspectRatio],
    voiceOver: { enabled: false, speed: 1 },
  });
  if (!(await withinBudget(batch, s, estimate))) return;
  await composeSession({ userId: s.userId, id: s.id, input });
}

async function approveClipsOnce(s: Session, clips: string[]): Promise<Session> {
  if ((s.approvedClipIds ?? []).join() !== clips.join())
    await approveClips({ userId: s.userId, id: s.id, assetIds: clips });
  return requireOwnSession({ userId: s.userId, id: s.id });
}

/**
 * Whether the batch can pay for `estimate` on top of what it was charged and what its
 * running stages are estimated at; if not, the ad fails saying so (and nothing starts).
 */
async function withinBudget(batch: Batch, s: Session, estimate: Pick<Estimate, "amount">) {
  const { charged, running } = await batchSpending({ batchId: batch.id });
  const budget = Number(batch.budgetUsd);
  if (charged + running + estimate.amount <= budget + 1e-9) return true;
  await moveSession({
    id: s.id,
    to: "failed",
    from: [s.status],
    errorMessage: `The batch's budget of ${formatUsd(budget)} is used up (${formatUsd(charged)} spent, ${formatUsd(running)} running; the next step is estimated at ${formatUsd(estimate.amount)}), so this ad was not continued.`,
  });
  return false;
}

async function failRow(s: Session, err: unknown): Promise<void> {
  if (!(err instanceof AppError)) {
    logger.warn("batch step failed", { sessionId: s.id, ...errorFields(err) });
    throw err; // pg-boss retries the job
  }
  // A concurrent move (the user continued the ad by hand): nothing to do for it.
  if (err.code === "invalid_state" || err.code === "conflict") return;
  await moveSession({
    id: s.id,
    to: "failed",
    from: [s.status],
    errorMessage: err.message,
  });
}
