// What assets.metadata (JSONB) holds, by kind of asset, in one zod schema parsed on read.
// Stage assets carry their place (index, stage, clip run); regenerated takes the asset they
// may replace; remote calls their prediction bookkeeping (lib/pipeline/prediction-ids.ts);
// music its genre; final videos their format, poster, thumbnail and the edit they were made with.
import { z } from "zod";
import { variantSettingsSchema } from "../creative/variant-settings";
import { ASPECT_RATIOS } from "../media/formats";

const storedIntentSchema = z.object({
  model: z.string(),
  inputHash: z.string(),
  since: z.string(),
  attempt: z.number().int(),
});

export const assetMetaSchema = z.looseObject({
  index: z.number().int().optional(),
  stage: z.string().optional(),
  run: z.number().int().optional(),
  followsPrompt: z.boolean().optional(),
  replaces: z.string().optional(),
  seedChoice: z.enum(["same", "new"]).optional(),
  editedPrompt: z.boolean().optional(),
  /** The attempt (retry_count) the asset's prediction id belongs to. */
  predictionAttempt: z.number().int().optional(),
  /** What an attempt was about to create before its prediction id was known. */
  predictionIntent: storedIntentSchema.optional(),
  productPhoto: z.boolean().optional(),
  originalName: z.string().optional(),
  genre: z.string().optional(),
  aspectRatio: z.enum(ASPECT_RATIOS).optional(),
  composeRun: z.number().int().optional(),
  posterKey: z.string().optional(),
  posterUrl: z.string().optional(),
  thumbnailKey: z.string().optional(),
  thumbnailUrl: z.string().optional(),
  /** A final video's captions as SRT and WebVTT files, stored beside it. */
  captionsSrtKey: z.string().optional(),
  captionsSrtUrl: z.string().optional(),
  captionsVttKey: z.string().optional(),
  captionsVttUrl: z.string().optional(),
  /** An A/B variant's final video: its label ("A", "B", …) and what it was made with. */
  variant: z.string().optional(),
  variantSettings: variantSettingsSchema.optional(),
});
export type AssetMeta = z.infer<typeof assetMetaSchema>;
export type StoredIntent = z.infer<typeof storedIntentSchema>;

/** The asset's metadata, checked (a row that does not match is a bug: it throws). */
export function readAssetMeta(a: { metadata: unknown }): AssetMeta {
  return assetMetaSchema.parse(a.metadata ?? {});
}
