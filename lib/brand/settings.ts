// What PUT /api/brand accepts (api.md "Additions…"): any of the kit's fields but the logo,
// which has its own upload route. `null` clears a choice; colours are 1–3, never none.
import { z } from "zod";
import { characterCount } from "../characters";
import { CAPTION_STYLES } from "../creative/settings";
import { FONT_IDS } from "../media/fonts";
import { MUSIC_GENRES } from "../providers/types";

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
export const MAX_BRAND_COLORS = 3;
/** The compose request's limit for the call to action (lib/sessions/compose.ts). */
export const MAX_CTA = 30;

export const brandBody = z.strictObject(
  {
    colors: z
      .array(
        z
          .string({ error: "Each brand colour must look like #RRGGBB." })
          .regex(HEX_COLOR, "Each brand colour must look like #RRGGBB, e.g. #4F46E5.")
          .transform((c) => c.toUpperCase()),
        { error: "colors must be a list of #RRGGBB colours." },
      )
      .min(1, "Give at least one brand colour.")
      .max(MAX_BRAND_COLORS, `At most ${MAX_BRAND_COLORS} brand colours.`)
      .optional(),
    textFont: z
      .enum(FONT_IDS, { error: `The font is one of: ${FONT_IDS.join(", ")}.` })
      .nullable()
      .optional(),
    callToAction: z
      .string({ error: "The call to action must be text." })
      .trim()
      .min(1, "The call to action cannot be empty (send null to clear it).")
      .refine(
        (s) => characterCount(s) <= MAX_CTA,
        `The call to action can be at most ${MAX_CTA} characters.`,
      )
      .refine((s) => !/[\r\n]/.test(s), "The call to action is one line.")
      .nullable()
      .optional(),
    // The voice list belongs to the speech providers (GET /api/voices); the kit keeps the id.
    voice: z
      .string({ error: "The voice must be a voice id." })
      .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, "The voice must be a voice id from GET /api/voices.")
      .nullable()
      .optional(),
    musicGenre: z
      .enum(MUSIC_GENRES, { error: `The music genre is one of: ${MUSIC_GENRES.join(", ")}.` })
      .nullable()
      .optional(),
    captionStyle: z
      .enum(CAPTION_STYLES, { error: `The caption style is one of: ${CAPTION_STYLES.join(", ")}.` })
      .nullable()
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.includes("logoUrl")
          ? "The logo is set by uploading a file to POST /api/brand/logo."
          : `Unknown field: ${issue.keys.join(", ")}.`
        : undefined,
  },
);
export type BrandInput = z.infer<typeof brandBody>;
