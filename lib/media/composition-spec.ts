// The declarative edit composeVideo renders: which clips in which order, transitions, text,
// music and the formats to export. Validated with zod; errors read as one line per problem.
// Parsing also settles the render settings the spec leaves out (scale, preset), so every
// step of a compose or a preparation uses the same ones without deciding them again.
import { z } from "zod";
import { planClipHolds } from "./ad-timing";
import { CAPTION_STYLES } from "./captions/ass";
import { FONT_IDS } from "./fonts";
import { ASPECT_RATIOS, FPS, renderSettings } from "./formats";
import { planTimeline, type TimelineInput } from "./timeline";

const PRESETS = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium"] as const;

/** Any text is allowed (it is drawn as an image, never passed to ffmpeg as text). */
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .refine((s) => s.trim().length > 0, `${what} cannot be empty`)
    .refine((s) => [...s].length <= max, `${what} can be at most ${max} characters`)
    .refine((s) => s.split(/\r\n|\r|\n/).length <= 4, `${what} can have at most 4 lines`);

const seconds = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number of seconds` })
    .min(min, `${what} must be at least ${min} s`)
    .max(max, `${what} must be at most ${max} s`);

export const compositionSpecSchema = z.strictObject({
  /** The clips, in the order they play. Paths to local MP4 files. */
  clips: z
    .array(
      z.strictObject({
        path: z.string({ error: "clip path must be text" }).min(1, "clip path cannot be empty"),
      }),
      {
        error: "clips must be a list",
      },
    )
    .min(1, "at least one clip is needed")
    .max(30, "at most 30 clips"),
  /** Overlap between consecutive clips, a true crossfade. Default 0.5 s; 0 = hard cuts. Clamped to half the shortest clip. */
  crossfadeSeconds: seconds("crossfadeSeconds", 0, 2).default(0.5),
  /**
   * How a clip of another shape fills the frame: 'crop' (fill, cut the overflow), 'pad' (fit,
   * black bars), 'blur' (fit, over a blurred fill of itself) or 'auto' (default: crop when
   * that keeps at least half the picture, as 9:16 → 1:1; otherwise blur, as 9:16 → 16:9).
   */
  fit: z
    .enum(["auto", "crop", "pad", "blur"], { error: "fit must be 'auto', 'crop', 'pad' or 'blur'" })
    .default("auto"),
  /** Product name over the opening of the first clip, fading in and out. */
  title: z
    .strictObject({
      text: text("title text", 80),
      /** Default 2 s (from the first frame). */
      durationSeconds: seconds("title durationSeconds", 0.5, 10).default(2),
      /** Where in the format's safe area: 'top' (default, clear of the product, which sits mid-frame), 'center' or 'bottom'. */
      position: z
        .enum(["top", "center", "bottom"], {
          error: "title position must be 'top', 'center' or 'bottom'",
        })
        .default("top"),
    })
    .optional(),
  /** Call to action on an end card. */
  endCard: z
    .strictObject({
      text: text("end card text", 80),
      /** Default 2 s. */
      durationSeconds: seconds("endCard durationSeconds", 0.5, 10).default(2),
      /**
       * 'append' (default): a card after the last clip (its final frame, blurred and
       * darkened, with the text), adding durationSeconds to the ad. 'overlay': the text over
       * the last durationSeconds of the video, adding nothing.
       */
      mode: z
        .enum(["append", "overlay"], { error: "endCard mode must be 'append' or 'overlay'" })
        .default("append"),
    })
    .optional(),
  /** Text colour, #RRGGBB. Default #FFFFFF. An outline in a contrasting shade keeps it readable. */
  textColor: z
    .string({ error: "textColor must be text" })
    .regex(/^#[0-9a-fA-F]{6}$/, "textColor must look like #RRGGBB")
    .default("#FFFFFF"),
  /** One of the bundled fonts (lib/media/fonts.ts). Default 'inter'. */
  font: z.enum(FONT_IDS, { error: `font must be one of ${FONT_IDS.join(", ")}` }).default("inter"),
  /** Background music, looped if short, trimmed to the video and faded in and out. No music: a silent track. */
  music: z
    .strictObject({
      path: z.string({ error: "music path must be text" }).min(1, "music path cannot be empty"),
      /** Linear gain, 0–1. Default 0.3 (about −10 dB): a bed under the picture. */
      volume: z
        .number({ error: "music volume must be a number" })
        .min(0, "music volume must be 0–1")
        .max(1, "music volume must be 0–1")
        .default(0.3),
      /** Fade in at the start and out at the end. Default 1 s. */
      fadeSeconds: seconds("music fadeSeconds", 0, 5).default(1),
    })
    .optional(),
  /**
   * The ad's words, one sentence per clip in play order (hook first). With a voice-over each
   * clip stays on screen while its sentence is spoken (held or slowed, never sped up); without
   * one the captions follow a reading-speed schedule of these sentences.
   */
  script: z.array(text("script sentence", 80)).min(1).max(30).optional(),
  /** A voice-over (WAV) and its words' times in seconds from the audio's start. */
  voiceOver: z
    .strictObject({
      path: z.string({ error: "voiceOver path must be text" }).min(1),
      words: z.array(z.strictObject({ word: z.string(), start: z.number(), end: z.number() })),
    })
    .optional(),
  /** Burned-in captions of the voice's words (or the script on a reading schedule). */
  captions: z
    .strictObject({
      style: z.enum(CAPTION_STYLES, {
        error: `captions style must be one of ${CAPTION_STYLES.join(", ")}`,
      }),
      /** The spoken word's colour (karaoke) or the box's (boxed), #RRGGBB. */
      accentColor: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, "captions accentColor must look like #RRGGBB")
        .optional(),
    })
    .optional(),
  /** The brand: logo (PNG path) shown on the end card and, with `corner`, as a small mark throughout. */
  brand: z
    .strictObject({
      colors: z
        .array(z.string().regex(/^#[0-9a-fA-F]{6}$/, "brand colours look like #RRGGBB"))
        .max(3),
      logoPath: z.string().min(1).optional(),
      cornerLogo: z.boolean().default(false),
      /** The product picture for the end card (cut out when its background is plain). */
      productImagePath: z.string().min(1).optional(),
    })
    .optional(),
  outputs: z
    .strictObject({
      /** Formats to export, each from the same edit. Default ['9:16']. */
      ratios: z
        .array(z.enum(ASPECT_RATIOS, { error: `ratio must be one of ${ASPECT_RATIOS.join(", ")}` }))
        .min(1, "at least one output ratio is needed")
        .transform((r) => [...new Set(r)])
        .default(["9:16"]),
      /** Render scale (1 = 1080p formats). Default: the RENDER_SCALE setting. */
      scale: z
        .number({ error: "scale must be a number" })
        .min(0.05, "scale must be 0.05–1")
        .max(1, "scale must be 0.05–1")
        .optional(),
      /** x264 preset. Default: the RENDER_PRESET setting; keep it equal to the clips' preset or every clip is re-encoded. */
      preset: z.enum(PRESETS, { error: `preset must be one of ${PRESETS.join(", ")}` }).optional(),
      /** x264 CRF, 18–28. Default 21. */
      crf: z
        .number({ error: "crf must be a number" })
        .int("crf must be a whole number")
        .min(18, "crf must be 18–28")
        .max(28, "crf must be 18–28")
        .default(21),
    })
    .default({ ratios: ["9:16"], crf: 21 }),
});

/** What callers write (defaults optional). */
export type CompositionSpecInput = z.input<typeof compositionSpecSchema>;
type Parsed = z.output<typeof compositionSpecSchema>;
/** After validation, with every default filled in, the render scale and preset included. */
export type CompositionSpec = Omit<Parsed, "outputs"> & {
  outputs: Omit<Parsed["outputs"], "scale" | "preset"> & { scale: number; preset: string };
};

export class CompositionSpecError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid composition: ${issues.join("; ")}`);
    this.name = "CompositionSpecError";
  }
}

/** Validates and fills defaults; throws CompositionSpecError with one readable line per problem. */
export function parseCompositionSpec(input: unknown): CompositionSpec {
  const r = compositionSpecSchema.safeParse(input);
  if (r.success)
    return { ...r.data, outputs: { ...r.data.outputs, ...renderSettings(r.data.outputs) } };
  throw new CompositionSpecError(
    r.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)),
  );
}

/** The spec's timing in frames, for clips of these lengths and keyframes (timeline.ts). */
export function timelineInput(
  spec: CompositionSpec,
  clips: { frames: number; keyframes: number[] }[],
): TimelineInput {
  return {
    clips,
    crossfadeFrames: Math.round(spec.crossfadeSeconds * FPS),
    title: spec.title ? { frames: Math.round(spec.title.durationSeconds * FPS) } : undefined,
    endCard: spec.endCard
      ? { frames: Math.round(spec.endCard.durationSeconds * FPS), mode: spec.endCard.mode }
      : undefined,
  };
}

/**
 * Duration in seconds the spec will produce for clips of these lengths (see timeline.ts),
 * each clip held while its sentence is heard (the spec's voice) or read (captions).
 */
export function expectedDurationSeconds(
  input: CompositionSpecInput | CompositionSpec,
  clipFrames: number[],
): number {
  const spec = parseCompositionSpec(input);
  const holds = planClipHolds(spec, clipFrames)?.holds;
  const clips = clipFrames.map((frames, i) => ({ frames, keyframes: [0], hold: holds?.[i] ?? 0 }));
  return planTimeline(timelineInput(spec, clips)).totalFrames / FPS;
}
