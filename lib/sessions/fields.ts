// Request fields that several endpoints take, with the same rules and messages.
import { z } from "zod";
import { characterCount } from "../characters";

/** A request's `confirmEstimate`: the estimate (USD) the user saw and accepted. */
export const confirmEstimateField = z
  .number({ error: "confirmEstimate is an amount in USD." })
  .min(0)
  .max(100_000)
  .optional();

/** A one-sentence description of `thing` (the product, the scene), trimmed, 1 to `max` characters. */
export const sentenceField = (thing: string, max: number) =>
  z
    .string({ error: `Describe the ${thing} in a sentence.` })
    .trim()
    .min(1, `Describe the ${thing} in a sentence.`)
    .refine(
      (s) => characterCount(s) <= max,
      `Keep the ${thing} description to ${max} characters or fewer.`,
    );
