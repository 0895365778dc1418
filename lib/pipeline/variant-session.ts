// A variant rendered by the one compose pipeline: the session as the compose job reads it,
// with the variant's choices in place of the last compose's (script, call to action, music,
// clip order, captions). Nothing is written: the job and the estimate read this copy.
import type { VariantSettings } from "../creative/variant-settings";
import type { Session } from "../db/schema";
import { readMeta, withMeta } from "./session-meta";

/** The last compose's choices as variant settings (what a variant leaves out). */
export function lastComposeSettings(s: Session): VariantSettings {
  const meta = readMeta(s);
  const captions = meta.compose?.captions;
  return {
    hook: meta.script?.hook ?? "",
    lines: meta.script?.lines ?? [],
    callToAction: s.callToAction ?? "",
    musicGenre: s.backgroundMusicEnabled ? (s.musicGenre ?? "upbeat") : null,
    clipOrder: s.approvedClipIds ?? [],
    captionStyle: captions?.enabled ? captions.style : null,
  };
}

export function variantSession(s: Session, v: VariantSettings): Session {
  const meta = readMeta(s);
  return {
    ...s,
    callToAction: v.callToAction,
    backgroundMusicEnabled: v.musicGenre !== null,
    musicGenre: v.musicGenre ?? s.musicGenre,
    approvedClipIds: v.clipOrder,
    metadata: withMeta(s, {
      script: meta.script && { ...meta.script, hook: v.hook, lines: v.lines },
      compose: meta.compose && {
        ...meta.compose,
        captions: v.captionStyle ? { enabled: true, style: v.captionStyle } : undefined,
      },
    }),
  };
}
