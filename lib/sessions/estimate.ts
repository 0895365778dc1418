// Estimates before every paid step, from the one price table, and the per-session budget
// that the server enforces. Local models cost $0, so offline estimates are $0 with the
// same breakdown a Replicate run would show.
import type { Session } from "../db/schema";
import { AppError } from "../errors";
import {
  type Capability,
  estimateCall,
  MODELS,
  type ModelPrice,
  qualityOf,
} from "../providers/prices";
import { modelsFor } from "../providers/tier";

export const ESTIMATE_STAGES = ["images", "clips", "compose", "script"] as const;
export type EstimateStage = (typeof ESTIMATE_STAGES)[number];

export type EstimateLine = {
  /** What the money is for, e.g. "Product images". */
  label: string;
  category: "llm" | "image_generation" | "video_generation" | "audio_generation" | "composition";
  provider: string;
  model: string;
  /** The model's name as people know it, and its licence (shown with the estimate). */
  modelLabel?: string;
  licence?: string;
  /** The tier's alternative, tried when the model fails (a fallback is not in the amount). */
  alternative?: string;
  /** How many calls. */
  quantity: number;
  /** Seconds of output per call, for models priced per second. */
  seconds?: number;
  unitCost: number;
  amount: number;
};

export type Estimate = {
  stage: EstimateStage;
  amount: number;
  breakdown: EstimateLine[];
  /** compose: the ad's length in seconds, with the voice's timing when it has a voice. */
  durationSeconds?: number;
  /** compose: where that timing came from — the made voice-over, an estimate, or no voice. */
  durationFrom?: "made" | "estimated" | "none";
};

export type EstimateOptions = {
  /** images: how many images (default: the session's request; a retry passes the missing ones). */
  images?: number;
  /** images: include prompt parsing (default true; false when the prompt is already parsed). */
  parse?: boolean;
  /** clips: how many clips (default: one per approved image). */
  clips?: number;
  /** clips: include scene planning (default true). */
  plan?: boolean;
  clipDurationSeconds?: number;
  /** compose: generate background music (default: the session's setting). */
  music?: boolean;
  /** compose: length of the final video in seconds (default: approved clips × clip duration). */
  durationSeconds?: number;
  /** compose: output formats rendered (default: the session's aspect ratio). */
  aspectRatios?: string[];
};

/** The price-table entry of a model. Every estimate reads prices through here. */
export function priceOf(modelId: string): ModelPrice {
  const price = MODELS[modelId];
  if (!price) throw new Error(`No price for model "${modelId}": add it to lib/providers/prices.ts`);
  return price;
}

const round = (usd: number) => Math.round(usd * 10_000) / 10_000;
/** $5.00, $0.25, $0.0040: cents unless the amount needs more. */
export const formatUsd = (n: number) =>
  `$${Number(n.toFixed(2)) === round(n) ? n.toFixed(2) : n.toFixed(4)}`;

function line(
  session: Pick<Session, "quality">,
  label: string,
  category: EstimateLine["category"],
  capability: Capability,
  quantity: number,
  seconds?: number,
): EstimateLine {
  // The session's tier decides the model (its primary; a fallback is not planned for).
  const choice = modelsFor(qualityOf(session.quality))[capability];
  const price = priceOf(choice.primary);
  const unitCost = estimateCall(price, seconds ?? 0);
  return {
    label,
    category,
    provider: price.provider,
    model: price.id,
    ...(price.label ? { modelLabel: price.label } : {}),
    ...(price.licence ? { licence: price.licence } : {}),
    ...(choice.alternative !== choice.primary
      ? { alternative: priceOf(choice.alternative).label ?? choice.alternative }
      : {}),
    quantity,
    ...(seconds !== undefined ? { seconds } : {}),
    unitCost: round(unitCost),
    amount: round(unitCost * quantity),
  };
}

/** What a stage will cost, from the price table and the models currently configured. */
export function estimateStage(
  session: Session,
  stage: EstimateStage,
  opts: EstimateOptions = {},
): Estimate {
  const clipSeconds = opts.clipDurationSeconds ?? Number(session.clipDurationSeconds ?? 3);
  const lines: EstimateLine[] = [];
  if (stage === "images") {
    if (opts.parse ?? true) lines.push(line(session, "Prompt parsing", "llm", "llm", 1));
    lines.push(
      line(
        session,
        "Product images",
        "image_generation",
        "image",
        opts.images ?? session.numImagesRequested ?? 6,
      ),
    );
  } else if (stage === "clips") {
    if (opts.plan ?? true) lines.push(line(session, "Scene planning", "llm", "llm", 1));
    const clips = opts.clips ?? (session.approvedImageIds ?? []).length;
    lines.push(line(session, "Video clips", "video_generation", "video", clips, clipSeconds));
  } else if (stage === "script") {
    // "Write it again" on the Finish step: one LLM call.
    lines.push(line(session, "Script", "llm", "llm", 1));
  } else {
    const duration = opts.durationSeconds ?? (session.approvedClipIds ?? []).length * clipSeconds;
    if (opts.music ?? session.backgroundMusicEnabled ?? false) {
      lines.push(
        line(
          session,
          "Background music",
          "audio_generation",
          "music",
          1,
          Math.max(1, Math.ceil(duration)),
        ),
      );
    }
    const ratios = opts.aspectRatios?.length ?? 1;
    lines.push({
      label: "Video composition (ffmpeg)",
      category: "composition",
      provider: "local",
      model: "ffmpeg",
      quantity: ratios,
      unitCost: 0,
      amount: 0,
    });
  }
  return { stage, amount: round(lines.reduce((sum, l) => sum + l.amount, 0)), breakdown: lines };
}

/** What regenerating one image or clip costs. */
export function estimateRegeneration(session: Session, type: "image" | "video_clip"): Estimate {
  const l =
    type === "image"
      ? line(session, "Regenerated image", "image_generation", "image", 1)
      : line(
          session,
          "Regenerated clip",
          "video_generation",
          "video",
          1,
          Number(session.clipDurationSeconds ?? 3),
        );
  return { stage: type === "image" ? "images" : "clips", amount: l.amount, breakdown: [l] };
}

/** Budget left: the session's budget minus what it has spent so far. */
export function budgetLeft(session: Session): number {
  return round(Number(session.budgetUsd) - Number(session.totalCost ?? 0));
}

/**
 * Refuses (402 over_budget) work whose estimate exceeds the budget left. A session that has
 * already spent more than its budget starts nothing more, not even $0 work.
 */
export function assertWithinBudget(session: Session, estimate: Pick<Estimate, "amount">): void {
  const left = budgetLeft(session);
  if (estimate.amount <= left + 1e-9) return;
  throw new AppError(
    "over_budget",
    left <= 0
      ? `This ad has used its whole budget of ${formatUsd(Number(session.budgetUsd))} (spent ${formatUsd(Number(session.totalCost ?? 0))}). Raise its budget to continue.`
      : `This step is estimated at ${formatUsd(estimate.amount)}, but only ${formatUsd(left)} of this ad's ${formatUsd(Number(session.budgetUsd))} budget is left. Raise the budget or make fewer items.`,
    { estimate: estimate.amount, budget: left },
  );
}

/**
 * Refuses to start when the user confirmed a lower estimate than the current one (prices or
 * settings changed since they looked): they confirm again.
 */
export function assertConfirmedEstimate(estimate: Estimate, confirmed: number | undefined): void {
  if (confirmed === undefined || estimate.amount <= confirmed + 1e-9) return;
  throw new AppError(
    "conflict",
    `The estimate is now ${formatUsd(estimate.amount)}, higher than the ${formatUsd(confirmed)} you confirmed. Review the new estimate and confirm again.`,
    { estimate: estimate.amount, confirmedEstimate: confirmed },
  );
}
