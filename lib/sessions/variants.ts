// A/B variants of a finished ad (POST /api/sessions/:id/variants, api.md "Additions:
// automation"): 2–6 versions that differ in what the marketer picks — hook and lines, call to
// action, music genre, clip order, caption style — each rendered by the compose pipeline as
// one more final video in the ad's main format, labelled A, B, C…. Every choice a variant
// leaves out is the last compose's. `{count, vary}` builds the list: variant A is the last
// compose, the others take the offline script writer's other hooks, other calls to action,
// genres, caption styles and clip orders, in a fixed order (the same request, the same
// variants). Priced, budgeted and counted (one render each) like a compose.
import { createHash } from "node:crypto";
import { z } from "zod";
import { DEFAULT_CALL_TO_ACTION, scriptSchema } from "../creative/script";
import {
  VARIANTS_MAX,
  VARIANTS_MIN,
  VARY_KEYS,
  type VariantSettings,
  type VaryKey,
  variantLetter,
} from "../creative/variant-settings";
import { linesForClips, scriptRequest } from "../creative/write-script";
import { hookChoices } from "../creative/write-script-local";
import { listSessionAssets } from "../db/queries/assets";
import { getBrandKit } from "../db/queries/brand";
import type { Session } from "../db/schema";
import { invalidInput, invalidState } from "../errors";
import { CAPTION_STYLES } from "../media/captions/ass";
import { publishProgress } from "../pipeline/progress";
import { readMeta, withMeta } from "../pipeline/session-meta";
import { startComposing } from "../pipeline/start-stage";
import { stageProgress } from "../pipeline/status";
import { lastComposeSettings, variantSession } from "../pipeline/variant-session";
import { fingerprintOf, voiceRequestOf } from "../pipeline/voice-over";
import { MUSIC_GENRES } from "../providers/types";
import { estimateCompose, text } from "./compose";
import {
  assertConfirmedEstimate,
  assertWithinBudget,
  type Estimate,
  type EstimateLine,
} from "./estimate";
import { confirmEstimateField } from "./fields";
import { requireOwnSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { freshJobKeysIfCancelled, moveIntoStage } from "./stage-move";
import { stoppedStage } from "./stage-rules";
import { statusText } from "./stage-state";

const countMessage = `Make ${VARIANTS_MIN}–${VARIANTS_MAX} variants.`;
const unique = (a: unknown[]) => new Set(a).size === a.length;

export const variantItem = z.strictObject({
  /** Your own name for it (the video is still labelled A, B, C…). */
  label: z
    .string({ error: "label must be text." })
    .trim()
    .min(1, "label cannot be empty.")
    .max(30, "label can be at most 30 characters.")
    .optional(),
  hook: scriptSchema.shape.hook.optional(),
  lines: scriptSchema.shape.lines.optional(),
  callToAction: text("The call to action", 30).optional(),
  musicGenre: z
    .enum(MUSIC_GENRES, { error: `The music genre is one of: ${MUSIC_GENRES.join(", ")}.` })
    .optional(),
  /** Approved clips of this ad, in the order to play them. */
  clipOrder: z
    .array(z.uuid({ error: "clipOrder holds the ids of this ad's approved clips." }), {
      error: "clipOrder is a list of clip ids.",
    })
    .min(1, "clipOrder needs at least one clip.")
    .max(30)
    .refine(unique, "clipOrder names each clip once.")
    .optional(),
  captionStyle: z
    .enum(CAPTION_STYLES, { error: `The caption style is one of: ${CAPTION_STYLES.join(", ")}.` })
    .optional(),
});
export type VariantItem = z.infer<typeof variantItem>;

export const variantsBody = z
  .strictObject({
    /** The variants, each choice left out as the last compose (2–6). */
    variants: z
      .array(variantItem, { error: "variants is a list of variants." })
      .min(VARIANTS_MIN, countMessage)
      .max(VARIANTS_MAX, countMessage)
      .optional()
      .meta({
        description:
          "each {label?, hook?, lines?, callToAction?, musicGenre?, clipOrder?: [approved clip id…], captionStyle?}; a choice left out is the last compose's",
      }),
    /** Or: how many to make (2–6) … */
    count: z
      .number({ error: countMessage })
      .int(countMessage)
      .min(VARIANTS_MIN, countMessage)
      .max(VARIANTS_MAX, countMessage)
      .optional(),
    /** … and what differs between them (variant A is the last compose). */
    vary: z
      .array(z.enum(VARY_KEYS, { error: `Each vary item is one of: ${VARY_KEYS.join(", ")}.` }), {
        error: "vary is a list of what differs.",
      })
      .min(1, `vary names at least one of: ${VARY_KEYS.join(", ")}.`)
      .refine(unique, "vary names each choice once.")
      .optional()
      .meta({ description: "with count: what differs (variant A is the last compose)" }),
    confirmEstimate: confirmEstimateField,
  })
  .superRefine((b, ctx) => {
    if (b.variants && (b.count !== undefined || b.vary))
      ctx.addIssue({
        code: "custom",
        path: ["variants"],
        message: "Send either variants, or count and vary — not both.",
      });
    else if (!b.variants && b.count === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["count"],
        message: `Send variants (a list of ${VARIANTS_MIN}–${VARIANTS_MAX}), or count and vary.`,
      });
    else if (!b.variants && !b.vary)
      ctx.addIssue({
        code: "custom",
        path: ["vary"],
        message: `vary names what differs: ${VARY_KEYS.join(", ")}.`,
      });
  });
export type VariantsInput = z.infer<typeof variantsBody>;

/** Other calls to action to try (≤ 30 characters), in this order. */
export const CTA_CHOICES = [
  DEFAULT_CALL_TO_ACTION,
  "Get yours today",
  "Order now",
  "Try it today",
  "Buy now",
  "Learn more",
];

/** Starts the variants (202). Idempotent like a compose: the same request running or done starts nothing. */
export async function makeVariants({ input, ...ref }: SessionRef & { input: VariantsInput }) {
  const s = await requireOwnSession(ref);
  const meta = readMeta(s);
  const last = meta.compose;
  if (!last || !s.finalVideoId)
    throw invalidState(
      "Variants are made from a finished ad: compose the video first, then make variants of it.",
    );
  const items = input.variants
    ? resolveGiven(s, input.variants)
    : buildVariants(s, input.count ?? VARIANTS_MIN, input.vary ?? []);
  assertWordsShown(s, items, input.variants ? "variants" : "vary");
  const ratio = last.ratios[0] ?? s.aspectRatio;
  const kit = await getBrandKit({ userId: s.userId });
  const hash = createHash("sha256")
    .update(
      JSON.stringify({
        items,
        ratio,
        brand: kit?.updatedAt?.toISOString(),
        compose: last.requestHash,
        logo: last.logo,
        voiceOver: meta.voiceOver,
      }),
    )
    .digest("hex")
    .slice(0, 32);
  const current = meta.variants;
  const same = current?.requestHash === hash && current.composeRun === last.run;
  if (s.status === "composing") {
    if (same) return sessionView(s);
    throw invalidState(
      "A video is being composed for this ad. Wait for it to finish, then make variants.",
    );
  }
  if (s.status === "completed" && same) return sessionView(s);
  const canStart =
    s.status === "completed" ||
    ((s.status === "failed" || s.status === "cancelled") && stoppedStage(s) === "compose");
  if (!canStart)
    throw invalidState(`Variants are made from a finished ad; this ad is ${statusText(s)}.`);
  await assertClipsStored(s, items);

  const estimate = await estimateVariants(s, items, ratio);
  assertConfirmedEstimate(estimate, input.confirmEstimate);
  assertWithinBudget(s, estimate);
  const moved = await moveIntoStage(s, {
    to: "composing",
    stage: "composition",
    progress: stageProgress("composition", 0),
    renders: items.length,
    set: (locked) => {
      const run = (readMeta(locked).compose?.run ?? 0) + 1;
      const compose = readMeta(locked).compose ?? last;
      return {
        estimatedCost: estimate.amount.toFixed(4),
        ...freshJobKeysIfCancelled(locked),
        metadata: withMeta(locked, {
          compose: { ...compose, run },
          variants: { composeRun: run, requestHash: hash, items },
        }),
      };
    },
  });
  if (!moved) return sessionView(await requireOwnSession(ref));
  await startComposing(moved);
  await publishProgress(moved.id, `Making ${items.length} variants…`);
  return sessionView(moved);
}

/** The estimate of `{count, vary}` on this ad (GET …/estimate?stage=compose&count=&vary=). */
export async function estimateVariantsRequest(
  s: Session,
  count: number,
  vary: VaryKey[],
): Promise<Estimate> {
  const last = readMeta(s).compose;
  if (!last || !s.finalVideoId)
    throw invalidState(
      "Variants are made from a finished ad: compose the video first, then make variants of it.",
    );
  const items = buildVariants(s, count, vary);
  return estimateVariants(s, items, last.ratios[0] ?? s.aspectRatio);
}

/** Whether the session's latest compose run is a variants run (a retry re-runs the variants). */
export function isVariantsRun(s: Session): boolean {
  const meta = readMeta(s);
  return !!meta.variants && meta.variants.composeRun === meta.compose?.run;
}

/**
 * Re-runs a failed or cancelled variants run (POST /retry) with its variants, priced and
 * counted as they were when asked for; a new job key (retry_count) gives a fresh job.
 */
export async function retryVariants(s: Session, confirmEstimate?: number): Promise<Session> {
  const meta = readMeta(s);
  const variants = meta.variants;
  if (!variants || !(s.status === "failed" || s.status === "cancelled"))
    throw invalidState(`Nothing to retry: this ad is ${statusText(s)}.`);
  await assertClipsStored(s, variants.items);
  const estimate = await estimateVariants(
    s,
    variants.items,
    meta.compose?.ratios[0] ?? s.aspectRatio,
  );
  assertConfirmedEstimate(estimate, confirmEstimate);
  assertWithinBudget(s, estimate);
  const moved = await moveIntoStage(s, {
    to: "composing",
    stage: "composition",
    progress: stageProgress("composition", 0),
    renders: variants.items.length,
    set: (locked) => ({
      estimatedCost: estimate.amount.toFixed(4),
      ...freshJobKeysIfCancelled(locked),
    }),
  });
  if (!moved) return requireOwnSession({ userId: s.userId, id: s.id });
  await startComposing(moved);
  await publishProgress(moved.id, `Making ${variants.items.length} variants…`);
  return moved;
}

/** The given variants with every left-out choice the last compose's; clips must be this ad's. */
function resolveGiven(s: Session, given: VariantItem[]): VariantSettings[] {
  const base = lastComposeSettings(s);
  const approved = new Set(s.approvedClipIds ?? []);
  const hasScript = !!readMeta(s).script;
  return given.map((v, i) => {
    v.clipOrder?.forEach((id, j) => {
      if (!approved.has(id))
        throw invalidInput([
          {
            path: `variants.${i}.clipOrder.${j}`,
            message: "This is not one of the ad's approved clips.",
          },
        ]);
    });
    if ((v.hook || v.lines) && !hasScript)
      throw invalidState("This ad has no script yet: write its script, then vary its words.");
    // One line per clip after the first (1–4), as for the ad's own script.
    const clipCount = (v.clipOrder ?? base.clipOrder).length;
    const maxLines = linesForClips(clipCount);
    if (v.lines && v.lines.length > maxLines)
      throw invalidInput([
        {
          path: `variants.${i}.lines`,
          message: `With ${clipCount} ${clipCount === 1 ? "clip" : "clips"} the script has at most ${maxLines} ${maxLines === 1 ? "line" : "lines"} after the hook.`,
        },
      ]);
    return {
      ...(v.label ? { label: v.label } : {}),
      hook: v.hook ?? base.hook,
      lines: v.lines ?? base.lines.slice(0, maxLines),
      callToAction: v.callToAction ?? base.callToAction,
      musicGenre: v.musicGenre ?? base.musicGenre,
      clipOrder: v.clipOrder ?? base.clipOrder,
      captionStyle: v.captionStyle ?? base.captionStyle,
    };
  });
}

/**
 * New words must reach the viewer: they are spoken by the voice-over or shown as captions. A
 * variant with another hook or lines and neither would look and sound like the others.
 */
function assertWordsShown(s: Session, items: VariantSettings[], field: "variants" | "vary") {
  const base = lastComposeSettings(s);
  const voice = !!readMeta(s).voiceOver?.enabled;
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  items.forEach((v, i) => {
    const newWords = v.hook !== base.hook || !same(v.lines, base.lines);
    if (!newWords || voice || v.captionStyle) return;
    throw invalidInput([
      {
        path:
          field === "variants"
            ? `variants.${i}.${v.hook !== base.hook ? "hook" : "lines"}`
            : "vary",
        message:
          "The words are only seen or heard with captions or a voice-over, and this ad was composed with neither: add a captionStyle (or vary it too), or compose with captions or a voice first.",
      },
    ]);
  });
}

/** `{count, vary}`: A is the last compose; B, C… take the next choice of each varied kind. */
export function buildVariants(s: Session, count: number, vary: VaryKey[]): VariantSettings[] {
  const base = lastComposeSettings(s);
  const script = readMeta(s).script;
  const choices = (key: VaryKey): unknown[] => {
    switch (key) {
      case "hook": {
        if (!script)
          throw invalidState("This ad has no script yet: write its script, then vary its hook.");
        if (script.language !== "en")
          throw invalidInput([
            {
              path: "vary",
              message:
                "Other hooks are written in English only: send variants with your own hooks for this script.",
            },
          ]);
        const others = hookChoices(scriptRequest(s, linesForClips(base.clipOrder.length)));
        return [base.hook, ...others.filter((h) => h !== base.hook)];
      }
      case "callToAction":
        return [base.callToAction, ...CTA_CHOICES.filter((c) => c !== base.callToAction)];
      case "musicGenre":
        return [base.musicGenre, ...MUSIC_GENRES.filter((g) => g !== base.musicGenre)];
      case "captionStyle":
        return [base.captionStyle, ...CAPTION_STYLES.filter((c) => c !== base.captionStyle)];
      case "clipOrder": {
        if (base.clipOrder.length < 2)
          throw invalidInput([
            { path: "vary", message: "The clip order can only vary with 2 or more clips." },
          ]);
        return clipOrders(base.clipOrder);
      }
    }
  };
  const voice = !!readMeta(s).voiceOver?.enabled;
  if (vary.includes("hook") && !voice && !base.captionStyle && !vary.includes("captionStyle"))
    throw invalidInput([
      {
        path: "vary",
        message:
          "The hook is only seen or heard with captions or a voice-over, and this ad was composed with neither: vary captionStyle too, or compose with captions or a voice first.",
      },
    ]);
  const lists = new Map(vary.map((k) => [k, choices(k)]));
  return Array.from({ length: count }, (_, i) => {
    const v: VariantSettings = { ...base };
    for (const [key, list] of lists) Object.assign(v, { [key]: list[i % list.length] });
    // A hook nobody would see or hear (no captions, no voice) stays the last compose's.
    if (!voice && !v.captionStyle) v.hook = base.hook;
    return v;
  });
}

/** The order as it is, reversed, then each rotation and its reverse (no repeats). */
function clipOrders(order: string[]): string[][] {
  const out = new Map<string, string[]>();
  const add = (o: string[]) => out.set(o.join(","), o);
  add(order);
  add([...order].reverse());
  for (let k = 1; k < order.length; k++) {
    const rotated = [...order.slice(k), ...order.slice(0, k)];
    add(rotated);
    add([...rotated].reverse());
  }
  return [...out.values()];
}

/**
 * What the variants cost together: each one's compose estimate in the ad's main format, a
 * music genre or a voice-over that two variants share counted once (the second reuses it).
 */
export async function estimateVariants(
  s: Session,
  items: VariantSettings[],
  ratio: string,
): Promise<Estimate> {
  const music = new Set<string>();
  const voices = new Set<string>();
  let amount = 0;
  const breakdown: EstimateLine[] = [];
  for (const [i, v] of items.entries()) {
    const vs = variantSession(s, v);
    const genre = v.musicGenre;
    const request = voiceRequestOf(vs);
    const voice = request ? fingerprintOf(request) : undefined;
    const e = await estimateCompose(vs, {
      music: genre !== null && !music.has(genre),
      genre,
      aspectRatios: [ratio],
      voiceOver: voice && voices.has(voice) ? { enabled: false, speed: 1 } : readMeta(vs).voiceOver,
      voiceTiming: readMeta(vs).voiceOver,
    });
    if (genre) music.add(genre);
    if (voice) voices.add(voice);
    amount += e.amount;
    breakdown.push(...e.breakdown.map((l) => ({ ...l, label: `${variantLetter(i)}: ${l.label}` })));
  }
  return { stage: "compose", amount: Math.round(amount * 10_000) / 10_000, breakdown };
}

/** Every clip a variant plays still has its file (else a 409, as for a compose). */
async function assertClipsStored(s: Session, items: VariantSettings[]): Promise<void> {
  const assets = new Map((await listSessionAssets({ sessionId: s.id })).map((a) => [a.id, a]));
  const missing = items.some((v) =>
    v.clipOrder.some((id) => {
      const a = assets.get(id);
      return (
        a?.type !== "video_clip" || !["completed", "approved"].includes(a.status) || !a.storagePath
      );
    }),
  );
  if (missing)
    throw invalidState(
      "One of the chosen clips is no longer available. Choose your clips again, compose, then make variants.",
    );
}
