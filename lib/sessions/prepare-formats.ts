// The formats picked on the Finish step, prepared ahead of the compose (POST
// /api/sessions/:id/prepare). Approving the clips prepares the ad's own format only; a
// format picked later is prepared from that moment, while the marketer writes the text, so
// composing it then encodes only the title. The name, call to action, voice-over and captions
// being chosen there may come along (the compose request's own fields): with them the end
// card, the clips' holds and the pieces under the captions are prepared too
// (lib/pipeline/jobs/prepare-edit.ts). Asking again for a format already asked for, with the
// same choices, for the same clips, changes nothing.
import { z } from "zod";
import { captionsSchema, voiceOverSchema } from "../creative/settings";
import { invalidState } from "../errors";
import { ASPECT_RATIOS, type AspectRatio } from "../media/formats";
import { startEditPreparation } from "../pipeline/start-stage";
import { composeBody } from "./compose";
import { requireOwnSession, type SessionRef } from "./load";
import { knownVoice, resolveVoiceOver, unknownVoiceMessage } from "./voice-choice";

export const prepareBody = z.strictObject({
  aspectRatios: z
    .array(
      z.enum(ASPECT_RATIOS, { error: `Each aspect ratio is one of: ${ASPECT_RATIOS.join(", ")}.` }),
    )
    .min(1, "Choose at least one aspect ratio.")
    .max(ASPECT_RATIOS.length)
    .refine((r) => new Set(r).size === r.length, "Each aspect ratio can be asked for once."),
  /** The voice-over the Finish step shows (as in the compose request); default: the last compose's. */
  voiceOver: voiceOverSchema
    .refine(knownVoice, { path: ["voice"], error: unknownVoiceMessage })
    .optional(),
  /** The captions the Finish step shows (as in the compose request); default: the last compose's. */
  captions: captionsSchema.optional(),
  /** The name and call to action being written (as in the compose request): the end card shows them. */
  productName: composeBody.shape.productName.optional(),
  callToAction: composeBody.shape.callToAction.optional(),
});

export async function prepareFormats({
  aspectRatios,
  voiceOver,
  ...rest
}: SessionRef & z.infer<typeof prepareBody>): Promise<{ aspectRatios: AspectRatio[] }> {
  const { captions, productName, callToAction, ...ref } = rest;
  const s = await requireOwnSession(ref);
  if (!s.approvedClipIds?.length || s.status === "cancelled")
    throw invalidState(
      "Formats are prepared once clips are chosen, while the ad is not cancelled.",
    );
  await startEditPreparation(s, aspectRatios, {
    voiceOver: resolveVoiceOver(s, voiceOver),
    captions,
    productName,
    callToAction,
  });
  return { aspectRatios };
}
