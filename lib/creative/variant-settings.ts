// An A/B variant of a finished ad (issue 15 part 4): what the marketer varied — the script's
// hook and lines, the call to action, the music genre, the clip order, the caption style —
// resolved against the last compose, so each variant names every choice it was made with.
// The session keeps the request (metadata.variants) and each variant's final video carries
// its label and these settings (metadata.variant, metadata.variantSettings).
import { z } from "zod";
import { CAPTION_STYLES } from "../media/captions/ass";
import { MUSIC_GENRES } from "../providers/types";

export const VARIANTS_MIN = 2;
export const VARIANTS_MAX = 6;
/** What a `{count, vary}` request may vary. */
export const VARY_KEYS = [
  "hook",
  "callToAction",
  "musicGenre",
  "clipOrder",
  "captionStyle",
] as const;
export type VaryKey = (typeof VARY_KEYS)[number];

/** "A", "B", … for the variant at `index`. */
export const variantLetter = (index: number) => String.fromCharCode(65 + index);

export const variantSettingsSchema = z.object({
  /** The marketer's own name for it, when given. */
  label: z.string().optional(),
  hook: z.string(),
  lines: z.array(z.string()),
  callToAction: z.string(),
  /** null: no music (as the last compose). */
  musicGenre: z.enum(MUSIC_GENRES).nullable(),
  clipOrder: z.array(z.string()),
  /** null: no captions (as the last compose). */
  captionStyle: z.enum(CAPTION_STYLES).nullable(),
});
export type VariantSettings = z.infer<typeof variantSettingsSchema>;

/** sessions.metadata.variants: the latest variants request. */
export const variantsMetaSchema = z.object({
  /** The compose run (job key) that renders them. */
  composeRun: z.number().int(),
  requestHash: z.string(),
  items: z.array(variantSettingsSchema),
});
export type VariantsMeta = z.infer<typeof variantsMetaSchema>;
