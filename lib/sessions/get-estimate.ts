import { z } from "zod";
import { CAPTION_STYLES, NO_CAPTIONS } from "../creative/settings";
import { VARIANTS_MAX, VARIANTS_MIN, VARY_KEYS } from "../creative/variant-settings";
import { updateSession } from "../db/queries/sessions";
import { ASPECT_RATIOS } from "../media/formats";
import { MUSIC_GENRES } from "../providers/types";
import { estimateCompose } from "./compose";
import { budgetLeft, ESTIMATE_STAGES, estimateStage } from "./estimate";
import { requireOwnSession, type SessionRef } from "./load";
import { estimateVariantsRequest } from "./variants";

/** `?stage=` and, to price settings the user has not submitted yet, what the stage request would carry. */
export const estimateQuery = z.strictObject({
  stage: z.enum(ESTIMATE_STAGES, { error: `stage must be one of: ${ESTIMATE_STAGES.join(", ")}.` }),
  /** clips: the clip length the user picked (default: the session's). */
  clipDurationSeconds: z.coerce
    .number()
    .int()
    .min(2)
    .max(4, "Clip duration is 2, 3 or 4 seconds.")
    .optional(),
  /** compose: music on or off (default: the session's setting). */
  music: z
    .enum(["true", "false"], { error: "music is true or false." })
    .transform((v) => v === "true")
    .optional(),
  /** compose: the genre (music already made in that genre is reused at no cost). */
  musicGenre: z
    .enum(MUSIC_GENRES, { error: `musicGenre is one of: ${MUSIC_GENRES.join(", ")}.` })
    .optional(),
  aspectRatios: z
    .string()
    .transform((v) => v.split(",").map((r) => r.trim()))
    .pipe(
      z
        .array(z.enum(ASPECT_RATIOS, { error: `Aspect ratios are ${ASPECT_RATIOS.join(", ")}.` }))
        .min(1)
        .max(3),
    )
    .optional(),
  /** compose: burned-in captions, a style or "none" (default: the last compose's). */
  captions: z
    .enum(["none", ...CAPTION_STYLES], {
      error: `captions is none or one of: ${CAPTION_STYLES.join(", ")}.`,
    })
    .optional(),
  /** compose: the voice-over's voice id, or "none" (default: the session's last choice). */
  voice: z.string().min(1).max(100).optional(),
  voiceSpeed: z.coerce.number().min(0.5).max(2).optional(),
  /** compose: A/B variants of a finished ad, as `POST …/variants {count, vary}` would make them. */
  count: z.coerce
    .number()
    .int()
    .min(VARIANTS_MIN, `count is ${VARIANTS_MIN}–${VARIANTS_MAX} variants.`)
    .max(VARIANTS_MAX, `count is ${VARIANTS_MIN}–${VARIANTS_MAX} variants.`)
    .optional(),
  vary: z
    .string()
    .transform((v) => v.split(",").map((k) => k.trim()))
    .pipe(
      z
        .array(z.enum(VARY_KEYS, { error: `vary lists some of: ${VARY_KEYS.join(", ")}.` }))
        .min(1)
        .max(VARY_KEYS.length),
    )
    .optional(),
});

/**
 * The estimate of a stage, shown before the user confirms it; kept in sessions.estimated_cost.
 * Priced exactly as the stage's start request will price the same choices, so confirming
 * the amount shown starts the stage.
 */
export async function getEstimate({ stage, ...rest }: SessionRef & z.infer<typeof estimateQuery>) {
  const { userId, id, musicGenre, voice, voiceSpeed, count, vary, captions, ...opts } = rest;
  const s = await requireOwnSession({ userId, id });
  if (stage === "compose" && (count !== undefined || vary)) {
    // Shown before the marketer makes variants; the ad's own estimate stays as it is.
    const estimate = await estimateVariantsRequest(s, count ?? VARIANTS_MIN, vary ?? []);
    const left = budgetLeft(s);
    return { ...estimate, budgetLeft: left, withinBudget: estimate.amount <= left + 1e-9 };
  }
  const estimate =
    stage === "compose"
      ? await estimateCompose(s, {
          music: opts.music,
          genre: musicGenre,
          aspectRatios: opts.aspectRatios,
          voiceOver:
            voice === undefined
              ? undefined
              : { enabled: voice !== "none", voice, speed: voiceSpeed ?? 1 },
          captions:
            captions === undefined
              ? undefined
              : captions === "none"
                ? NO_CAPTIONS
                : { enabled: true, style: captions },
        })
      : estimateStage(s, stage, { clipDurationSeconds: opts.clipDurationSeconds });
  // The stage's estimate is the session's; a script rewrite's small one is shown, not kept.
  if (stage !== "script")
    await updateSession({ id: s.id, set: { estimatedCost: estimate.amount.toFixed(4) } });
  const left = budgetLeft(s);
  return { ...estimate, budgetLeft: left, withinBudget: estimate.amount <= left + 1e-9 };
}
