// Starting and resuming the image and clip stages. Finished assets are never touched and
// failed ones are re-run in place (same row, retry_count kept), so a retry re-runs only what
// is missing and never duplicates an asset. Every job key carries the session's retry_count,
// which a failure or a resumed cancel raises, so a re-run always gets fresh jobs.

import { countByStatus, resetFailedStageAssets } from "../db/queries/assets";
import { transaction } from "../db/queries/tx";
import type { Session } from "../db/schema";
import { invalidState } from "../errors";
import { publishProgress } from "../pipeline/progress";
import { readMeta } from "../pipeline/session-meta";
import { resumeStage } from "../pipeline/start-stage";
import { moveSession, stageProgress } from "../pipeline/status";
import { takeStageQuotas } from "../quotas/enforce";
import {
  assertConfirmedEstimate,
  assertWithinBudget,
  type Estimate,
  estimateStage,
} from "./estimate";
import { lockSession, requireOwnSession } from "./load";
import { stoppedStage } from "./stage-rules";
import { statusText } from "./stage-state";

/** What a (re)start runs: parse the prompt, the missing images, plan scenes, or the missing clips. */
type Plan =
  | { kind: "parse"; estimate: Estimate }
  | { kind: "images"; estimate: Estimate; ids: string[]; done: number; total: number }
  | { kind: "plan"; estimate: Estimate }
  | { kind: "clips"; estimate: Estimate; ids: string[]; done: number; total: number };

/** A stage's assets: those to run again (failed, or stuck generating) and those already done. */
async function rerunOf(ids: string[]) {
  const c = await countByStatus({ ids });
  const missing = c.failed + c.generating;
  const done = c.completed + c.approved + c.rejected;
  return { ids, done, total: done + missing, missing };
}

async function planFor(s: Session): Promise<Plan> {
  const stage = stoppedStage(s);
  if (s.status === "created" || (stage === "images" && !(s.generatedImageIds ?? []).length)) {
    return { kind: "parse", estimate: estimateStage(s, "images") };
  }
  if (stage === "images") {
    const { missing, ...run } = await rerunOf(s.generatedImageIds ?? []);
    return {
      kind: "images",
      ...run,
      estimate: estimateStage(s, "images", { images: missing, parse: false }),
    };
  }
  if (stage === "clips") {
    const ids = readMeta(s).clipRunIds ?? [];
    if (!ids.length) return { kind: "plan", estimate: estimateStage(s, "clips") };
    const { missing, ...run } = await rerunOf(ids);
    return {
      kind: "clips",
      ...run,
      estimate: estimateStage(s, "clips", { clips: missing, plan: false }),
    };
  }
  // retry-session hands composition to retryCompose (lib/sessions/compose.ts).
  throw invalidState(
    "The final video stopped while composing. Compose again from the clip review: your clips are kept.",
  );
}

/**
 * Starts the image stage of a new session, or resumes the stage a failed or cancelled
 * session stopped in. Budget-checked; returns the session as it is afterwards (unchanged
 * when a concurrent request already started it).
 */
export async function runStage(s: Session, confirmEstimate?: number): Promise<Session> {
  const plan = await planFor(s);
  assertConfirmedEstimate(plan.estimate, confirmEstimate);
  assertWithinBudget(s, plan.estimate);
  const moved = await transaction(async (tx) => {
    const locked = await lockSession(tx, { userId: s.userId, id: s.id });
    if (locked.status !== s.status) return undefined; // a concurrent request got here first
    await takeStageQuotas({ tx, userId: s.userId, render: false });
    const set = {
      estimatedCost: plan.estimate.amount.toFixed(4),
      // A resumed cancel needs fresh job keys as much as a retried failure does.
      ...(locked.status === "cancelled" ? { retryCount: (locked.retryCount ?? 0) + 1 } : {}),
    };
    const from = [locked.status];
    const move = async (m: Omit<Parameters<typeof moveSession>[0], "id" | "from">) => {
      const row = await moveSession({ tx, id: s.id, from, errorMessage: null, ...m, set });
      // Checked under the lock above, so a refusal is a bug: roll the asset resets back.
      if (!row)
        throw invalidState(
          `This ad is ${statusText(locked)} and cannot be started from here. Reload the page and try again.`,
        );
      return row;
    };
    switch (plan.kind) {
      case "parse":
        return move({ to: "prompting", stage: "prompt_parsing", progress: 0 });
      case "images":
        await resetFailedStageAssets({ tx, ids: plan.ids });
        return move({
          to: "generating_images",
          stage: "image_gen",
          progress: stageProgress("image_gen", plan.done / Math.max(1, plan.total)),
        });
      case "plan":
        return move({
          to: "generating_videos",
          stage: "video_gen",
          progress: stageProgress("video_gen", 0),
        });
      case "clips":
        await resetFailedStageAssets({ tx, ids: plan.ids });
        return move({
          to: "generating_videos",
          stage: "video_gen",
          progress: stageProgress("video_gen", 0.1 + (0.9 * plan.done) / Math.max(1, plan.total)),
        });
    }
  });
  if (!moved) return requireOwnSession({ userId: s.userId, id: s.id });
  await startPlanned(plan, moved);
  return requireOwnSession({ userId: s.userId, id: s.id });
}

/** The stage's work, and the message of a stage that starts from nothing. */
async function startPlanned(plan: Plan, s: Session): Promise<void> {
  // A resumed stage with nothing missing (a cancel after its last asset) settles at once.
  await resumeStage(s);
  if (plan.kind === "parse") await publishProgress(s.id, "Reading your product description…");
  if (plan.kind === "plan") await publishProgress(s.id, "Planning the scenes…");
}
