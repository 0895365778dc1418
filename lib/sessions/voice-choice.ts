// The compose request's voice-over (ad-creative.md "Voice-over"): the voice must be one this
// deployment has (GET /api/voices) and speak the script's language; without a voice named,
// the first voice for that language speaks. What it costs joins the compose estimate, unless
// the ad already has the same voice-over (then it is reused for $0).
import type { VoiceOverSettings } from "../creative/settings";
import type { Session } from "../db/schema";
import { invalidInput, invalidState } from "../errors";
import { readMeta } from "../pipeline/session-meta";
import { hasVoiceOver, voiceRequestOf } from "../pipeline/voice-over";
import { SPEECH_MODELS, speechCost } from "../providers/prices";
import { providers } from "../providers/registry";
import type { Estimate } from "./estimate";

/** The voice-over as the session keeps it: the voice resolved to an id when enabled. */
export type VoiceOverChoice = { enabled: boolean; voice?: string; speed: number };

/** False for a voice id this deployment does not have (the body's 400). */
export function knownVoice(v: VoiceOverSettings): boolean {
  return (
    !v.voice ||
    providers()
      .speech.voices()
      .some((x) => x.id === v.voice)
  );
}

export const unknownVoiceMessage = (issue: { input?: unknown }) => {
  const voice = (issue.input as VoiceOverSettings | undefined)?.voice;
  return `There is no voice called "${voice}". Pick one from the voice list (GET /api/voices), or no voice.`;
};

const round = (usd: number) => Math.round(usd * 10_000) / 10_000;

/** The stored choice for a compose request; refuses a voice that cannot speak the script. */
export function resolveVoiceOver(
  s: Session,
  input: VoiceOverSettings | undefined,
): VoiceOverChoice | undefined {
  if (!input) return undefined;
  if (!input.enabled) return { enabled: false, speed: input.speed };
  const script = readMeta(s).script;
  if (!script)
    throw invalidState("This ad has no script yet: write its script, then add a voice-over.");
  const voices = providers().speech.voices(script.language);
  if (voices.length === 0)
    throw invalidInput([
      {
        path: "voiceOver.voice",
        message: `No voice here speaks the script's language (${script.language}). The offline voices speak English only; with Replicate, 40 languages have voices. Choose no voice, or write the script in English.`,
      },
    ]);
  const voice = input.voice ?? voices[0].id;
  if (!voices.some((v) => v.id === voice))
    throw invalidInput([
      {
        path: "voiceOver.voice",
        message: `The voice "${voice}" does not speak the script's language (${script.language}). Pick a voice for that language.`,
      },
    ]);
  return { enabled: true, voice, speed: input.speed };
}

/** The compose estimate with the speech call added when the voice-over must be made. */
export async function voiceOverEstimate(
  s: Session,
  estimate: Estimate,
  choice: VoiceOverChoice | undefined,
): Promise<Estimate> {
  const request = voiceRequestOf(s, choice);
  if (!request || (await hasVoiceOver(s.id, request))) return estimate;
  const price = SPEECH_MODELS[request.model];
  const characters = request.text.length;
  const amount = round(speechCost(price, characters));
  return {
    ...estimate,
    amount: round(estimate.amount + amount),
    breakdown: [
      {
        label: `Voice-over (${characters} characters)`,
        category: "audio_generation",
        provider: price.provider,
        model: price.id,
        ...(price.licence ? { licence: price.licence } : {}),
        quantity: 1,
        unitCost: amount,
        amount,
      },
      ...estimate.breakdown,
    ],
  };
}
