// MiniMax's system voices and languages, as the Replicate models take them. Every system
// voice speaks every language (the `language_boost` hint picks the pronunciation).
// Source: the input schemas of replicate.com/minimax/speech-2.6-hd (voice_id's list of
// system voices) and minimax/speech-02-turbo (language_boost's options), as published on
// their API pages, read 2026-12; speech-2.6-turbo's schema is the same (its readme: "drop-in
// compatible").
import type { SpeechVoice } from "../types";

const SYSTEM_VOICES: [id: string, name: string][] = [
  ["Wise_Woman", "Wise woman"],
  ["Friendly_Person", "Friendly person"],
  ["Inspirational_girl", "Inspirational girl"],
  ["Deep_Voice_Man", "Deep-voiced man"],
  ["Calm_Woman", "Calm woman"],
  ["Casual_Guy", "Casual guy"],
  ["Lively_Girl", "Lively girl"],
  ["Patient_Man", "Patient man"],
  ["Young_Knight", "Young knight"],
  ["Determined_Man", "Determined man"],
  ["Lovely_Girl", "Lovely girl"],
  ["Decent_Boy", "Decent boy"],
  ["Imposing_Manner", "Imposing manner"],
  ["Elegant_Man", "Elegant man"],
  ["Abbess", "Abbess"],
  ["Sweet_Girl_2", "Sweet girl"],
  ["Exuberant_Girl", "Exuberant girl"],
];

export const DEFAULT_REPLICATE_VOICE = "Friendly_Person";

/** BCP 47 primary language → MiniMax's `language_boost` value. */
export const MINIMAX_LANGUAGES: Record<string, string> = {
  en: "English",
  zh: "Chinese",
  yue: "Chinese,Yue",
  ar: "Arabic",
  ru: "Russian",
  es: "Spanish",
  fr: "French",
  pt: "Portuguese",
  de: "German",
  tr: "Turkish",
  nl: "Dutch",
  uk: "Ukrainian",
  vi: "Vietnamese",
  id: "Indonesian",
  ja: "Japanese",
  it: "Italian",
  ko: "Korean",
  th: "Thai",
  pl: "Polish",
  ro: "Romanian",
  el: "Greek",
  cs: "Czech",
  fi: "Finnish",
  hi: "Hindi",
  bg: "Bulgarian",
  da: "Danish",
  he: "Hebrew",
  ms: "Malay",
  fa: "Persian",
  sk: "Slovak",
  sv: "Swedish",
  hr: "Croatian",
  fil: "Filipino",
  hu: "Hungarian",
  no: "Norwegian",
  nb: "Norwegian",
  sl: "Slovenian",
  ca: "Catalan",
  nn: "Nynorsk",
  ta: "Tamil",
  af: "Afrikaans",
};

/** MiniMax's name for a BCP 47 tag ("pt-BR" → "Portuguese"); undefined when it has none. */
export function minimaxLanguage(tag: string): string | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === "zh-hk" || lower.startsWith("yue")) return MINIMAX_LANGUAGES.yue;
  return MINIMAX_LANGUAGES[lower.split("-")[0]];
}

export const REPLICATE_VOICES: SpeechVoice[] = SYSTEM_VOICES.map(([id, name]) => ({
  id,
  name,
  language: "mul",
  provider: "replicate",
  previewText: "Meet the bottle that keeps up with you. Cold all day, hot all morning.",
}));
