// The per-ad choices that turn clips into an ad (ad-creative.md): voice-over, captions and the
// corner logo. The compose request carries them (POST /api/sessions/:id/compose), the session
// keeps the latest, and the brand kit supplies their defaults.
import { z } from "zod";
import { CAPTION_STYLES } from "../media/captions/ass";

export { CAPTION_STYLES, type CaptionStyle } from "../media/captions/ass";

export const SPEED_MIN = 0.5;
export const SPEED_MAX = 2;

export const voiceOverSchema = z.strictObject({
  enabled: z.boolean({ error: "voiceOver.enabled is true or false." }),
  /** A voice id from GET /api/voices; default: the brand's voice, else the provider's first. */
  voice: z.string({ error: "voiceOver.voice must be a voice id." }).min(1).max(100).optional(),
  speed: z
    .number({ error: "voiceOver.speed must be a number." })
    .min(SPEED_MIN, `voiceOver.speed must be ${SPEED_MIN}–${SPEED_MAX}.`)
    .max(SPEED_MAX, `voiceOver.speed must be ${SPEED_MIN}–${SPEED_MAX}.`)
    .default(1),
});
export type VoiceOverSettings = z.infer<typeof voiceOverSchema>;

export const captionsSchema = z.strictObject({
  enabled: z.boolean({ error: "captions.enabled is true or false." }),
  style: z
    .enum(CAPTION_STYLES, { error: `captions.style is one of: ${CAPTION_STYLES.join(", ")}.` })
    .default("karaoke"),
});
export type CaptionSettings = z.infer<typeof captionsSchema>;
/** Captions off (what a compose request without `captions` means). */
export const NO_CAPTIONS: CaptionSettings = { enabled: false, style: "karaoke" };
