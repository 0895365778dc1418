// The formats picked on the Finish step, prepared ahead of the compose (POST
// /api/sessions/:id/prepare). Approving the clips prepares the ad's own format only; a
// format picked later is prepared from that moment, while the marketer writes the text, so
// composing it then encodes only the text. Asking again for a format already asked for, for
// the same clips, changes nothing.
import { z } from "zod";
import { invalidState } from "../errors";
import { ASPECT_RATIOS, type AspectRatio } from "../media/formats";
import { startEditPreparation } from "../pipeline/start-stage";
import { requireOwnSession, type SessionRef } from "./load";

export const prepareBody = z.strictObject({
  aspectRatios: z
    .array(
      z.enum(ASPECT_RATIOS, { error: `Each aspect ratio is one of: ${ASPECT_RATIOS.join(", ")}.` }),
    )
    .min(1, "Choose at least one aspect ratio.")
    .max(ASPECT_RATIOS.length)
    .refine((r) => new Set(r).size === r.length, "Each aspect ratio can be asked for once."),
});

export async function prepareFormats({
  aspectRatios,
  ...ref
}: SessionRef & { aspectRatios: AspectRatio[] }): Promise<{ aspectRatios: AspectRatio[] }> {
  const s = await requireOwnSession(ref);
  if (!s.approvedClipIds?.length || s.status === "cancelled")
    throw invalidState(
      "Formats are prepared once clips are chosen, while the ad is not cancelled.",
    );
  await startEditPreparation(s, aspectRatios);
  return { aspectRatios };
}
