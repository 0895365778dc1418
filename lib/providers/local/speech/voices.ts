// The offline voices: the ones compiled into flite 2.3's WASI build. All speak US English
// (awb with a Scottish accent); they are clearly synthetic, which the voice picker says.
import type { SpeechVoice } from "../../types";

export const LOCAL_SPEECH_MODEL = "local-flite-1";

const PREVIEW = "Meet the bottle that keeps up with you. Cold all day, hot all morning.";

/** Our voice id → flite's voice name. kal16 is the 16 kHz build of kal (8 kHz sounds like a phone). */
export const FLITE_VOICES: Record<string, { flite: string; name: string }> = {
  "flite-slt": { flite: "slt", name: "Sally (offline, synthetic)" },
  "flite-rms": { flite: "rms", name: "Ross (offline, synthetic)" },
  "flite-awb": { flite: "awb", name: "Alan, Scottish (offline, synthetic)" },
  "flite-kal": { flite: "kal16", name: "Kal (offline, synthetic, fastest)" },
};

export const DEFAULT_LOCAL_VOICE = "flite-slt";

export const LOCAL_VOICES: SpeechVoice[] = Object.entries(FLITE_VOICES).map(([id, v]) => ({
  id,
  name: v.name,
  language: "en",
  provider: "local",
  previewText: PREVIEW,
}));

/** True for "en", "en-US", "en-GB", …: the only language the offline voices speak. */
export const speaksLocally = (language: string) => /^en(-|$)/i.test(language.trim());
