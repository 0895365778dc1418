// What a new ad starts from (ad-creative.md "Brand kit"): the kit's call to action, font,
// music genre and a text colour from its colours become the ad's own choices, editable on the
// Finish step; the voice and caption style wait in the ad's metadata for their pickers.
import { getBrandKit } from "../db/queries/brand";
import type { BrandKit, Session } from "../db/schema";
import { luminance } from "../media/end-card-layout";
import type { SessionMeta } from "../pipeline/session-meta";

export type BrandDefaults = {
  fields: Partial<Pick<Session, "callToAction" | "textFont" | "textColor" | "musicGenre">>;
  meta: SessionMeta["brand"];
};

export function defaultsFromKit(kit: BrandKit | undefined): BrandDefaults {
  if (!kit) return { fields: {}, meta: undefined };
  // The lightest brand colour reads best over video (the text gets a dark outline).
  const textColor = [...kit.colors].sort((a, b) => luminance(b) - luminance(a))[0];
  const fields: BrandDefaults["fields"] = {};
  if (kit.callToAction) fields.callToAction = kit.callToAction;
  if (kit.textFont) fields.textFont = kit.textFont;
  if (textColor) fields.textColor = textColor.toUpperCase();
  if (kit.musicGenre) fields.musicGenre = kit.musicGenre;
  return {
    fields,
    meta: {
      colors: kit.colors,
      hasLogo: !!kit.logoKey,
      voice: kit.voice,
      captionStyle: kit.captionStyle,
    },
  };
}

export async function brandDefaults(userId: number): Promise<BrandDefaults> {
  return defaultsFromKit(await getBrandKit({ userId }));
}
