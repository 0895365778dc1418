import { z } from "zod";
import { brandDefaults } from "../brand/defaults";
import { insertSession } from "../db/queries/sessions";
import { ASPECT_RATIOS } from "../media/formats";
import type { SessionMeta } from "../pipeline/session-meta";
import { QUALITY_TIERS } from "../providers/prices";
import { PRODUCT_CATEGORIES } from "../providers/types";
import { assertStorageLeft } from "../quotas/enforce";
import { sentenceField } from "./fields";
import { sessionView } from "./session-view";

export const createSessionBody = z.strictObject({
  productPrompt: sentenceField("product", 200),
  productCategory: z
    .enum(PRODUCT_CATEGORIES, { error: `Pick one of: ${PRODUCT_CATEGORIES.join(", ")}.` })
    .optional(),
  numImages: z
    .number({ error: "Ask for 4 to 8 images." })
    .int("Ask for a whole number of images.")
    .min(4, "Ask for at least 4 images.")
    .max(8, "Ask for at most 8 images.")
    .default(6),
  styleKeywords: z
    .array(
      z
        .string()
        .trim()
        .min(1, "A style keyword cannot be empty.")
        .max(40, "Keep each style keyword to 40 characters."),
    )
    .max(8, "Use at most 8 style keywords.")
    .default([]),
  aspectRatio: z
    .enum(ASPECT_RATIOS, { error: `Pick one of: ${ASPECT_RATIOS.join(", ")}.` })
    .default("9:16"),
  budgetUsd: z
    .number({ error: "The budget is an amount in USD." })
    .min(0.5, "The budget must be at least $0.50.")
    .max(100, "The budget can be at most $100.")
    .default(5),
  quality: z
    .enum(QUALITY_TIERS, { error: `Pick a quality: ${QUALITY_TIERS.join(", ")}.` })
    .default("standard"),
});
export type CreateSessionInput = z.infer<typeof createSessionBody>;

/** A new ad, status `created`: nothing runs until the user starts image generation. */
export async function createSession({
  userId,
  input,
}: {
  userId: number;
  input: CreateSessionInput;
}) {
  await assertStorageLeft({ userId });
  const keywords = [...new Map(input.styleKeywords.map((k) => [k.toLowerCase(), k])).values()];
  const brand = await brandDefaults(userId); // new ads start from the brand kit
  const meta: SessionMeta = {
    ...(input.productCategory ? { userCategory: true } : {}),
    ...(brand.meta ? { brand: brand.meta } : {}),
  };
  const row = await insertSession({
    values: {
      userId,
      status: "created",
      userProductPrompt: input.productPrompt,
      productCategory: input.productCategory,
      styleKeywords: keywords,
      numImagesRequested: input.numImages,
      aspectRatio: input.aspectRatio,
      budgetUsd: input.budgetUsd.toFixed(4),
      quality: input.quality,
      ...brand.fields,
      metadata: meta,
    },
  });
  return sessionView(row);
}
