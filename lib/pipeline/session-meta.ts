// What the pipeline keeps in sessions.metadata (JSONB): one zod schema, parsed on every read
// (`readMeta`), and written whole through `withMeta` (the session queries accept nothing
// else). The API writes a stage's request here (clip overrides, compose formats) and the job
// reads it back; the browser gets a filtered copy (lib/sessions/session-view.ts).
import { z } from "zod";
import { scriptSchema } from "../creative/script";
import { captionsSchema } from "../creative/settings";
import { variantsMetaSchema } from "../creative/variant-settings";
import { CAPTION_STYLES } from "../media/captions/ass";
import { ASPECT_RATIOS } from "../media/formats";
import { CAMERA_MOVEMENTS, MUSIC_GENRES, VIEWS } from "../providers/types";

const intentSchema = z.object({ model: z.string(), inputHash: z.string(), since: z.string() });

export const sessionMetaSchema = z.looseObject({
  /** The user picked the category; the parser must not override it. */
  userCategory: z.boolean().optional(),
  productPhotoAssetId: z.string().optional(),
  parse: z
    .object({
      productName: z.string(),
      palette: z.array(z.string()),
      negativePrompt: z.string(),
      shots: z.array(z.object({ view: z.enum(VIEWS), prompt: z.string() })),
    })
    .optional(),
  /** Increments with each clip generation run; clips carry it in their metadata. */
  clipRun: z.number().int().optional(),
  clipRunIds: z.array(z.string()).optional(),
  clipOverrides: z
    .array(
      z.object({
        imageId: z.string(),
        scenePrompt: z.string().optional(),
        cameraMovement: z.enum(CAMERA_MOVEMENTS).optional(),
        motionIntensity: z.number().optional(),
      }),
    )
    .optional(),
  /** Fingerprint of the generate-clips request that started the current run (repeats are no-ops). */
  clipRequestHash: z.string().optional(),
  videoModelFollowsPrompt: z.boolean().optional(),
  /** Remote LLM predictions in flight (parse, plan-<run>), so a re-run re-attaches instead of paying again. */
  pendingPredictions: z.record(z.string(), z.string().nullish()).optional(),
  /** What those calls were about to create (lib/providers/replicate/adopt-prediction.ts), until their id is known. */
  pendingIntents: z.record(z.string(), intentSchema.nullish()).optional(),
  music: z.object({ genre: z.enum(MUSIC_GENRES) }).optional(),
  /**
   * The ad's words (ad-creative.md "Script"): planned with the scenes, fitted to the approved
   * clips when they are approved, edited or written again on the Finish step.
   */
  script: scriptSchema.optional(),
  /** The user edited the script: a new scene plan keeps it (only fitting it to the clips). */
  scriptEdited: z.boolean().optional(),
  /** How many times the script was written again (it varies the offline writer's wording). */
  scriptRewrites: z.number().int().optional(),
  /** The latest compose request's voice-over; `voice` resolved to a voice id when enabled. */
  voiceOver: z
    .object({ enabled: z.boolean(), voice: z.string().optional(), speed: z.number() })
    .optional(),
  /** The latest composition request: its run number (job key), formats and fingerprint. */
  compose: z
    .object({
      run: z.number().int(),
      ratios: z.array(z.enum(ASPECT_RATIOS)),
      requestHash: z.string(),
      /** Burned-in captions asked for (absent: none). */
      captions: captionsSchema.optional(),
      /** The brand's logo as a small corner mark throughout (lib/media/corner-logo.ts). */
      logo: z.boolean().optional(),
    })
    .optional(),
  /** The latest A/B variants request (lib/sessions/variants.ts), rendered by compose run `composeRun`. */
  variants: variantsMetaSchema.optional(),
  /** The account's brand kit when the ad was made (lib/brand/defaults.ts): what its pickers start from. */
  brand: z
    .object({
      colors: z.array(z.string()),
      hasLogo: z.boolean(),
      voice: z.string().nullish(),
      captionStyle: z.enum(CAPTION_STYLES).nullish(),
    })
    .optional(),
});
export type SessionMeta = z.infer<typeof sessionMetaSchema>;

/**
 * The session's metadata, checked. A row that does not match was written by something other
 * than this code: that is a bug to hear about, not data to guess at, so it throws.
 */
export function readMeta(s: { metadata: unknown }): SessionMeta {
  return sessionMetaSchema.parse(s.metadata ?? {});
}

/** The metadata to write: what the session has, with `changes` (a key set to undefined is removed). */
export function withMeta(s: { metadata: unknown }, changes: Partial<SessionMeta>): SessionMeta {
  return { ...readMeta(s), ...changes };
}
