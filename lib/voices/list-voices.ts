// GET /api/voices: the voices of this deployment's speech provider (offline flite, or MiniMax
// on Replicate), for a language or all of them, each with the URL of its short preview.
import { z } from "zod";
import { languageField } from "../creative/script";
import { providers } from "../providers/registry";

export const voicesQuery = z.strictObject({ language: languageField.optional() });

export type VoiceView = {
  id: string;
  name: string;
  language: string;
  provider: "local" | "replicate";
  previewUrl: string;
  /** Offline voices are clearly synthetic; the picker says so and points to Replicate. */
  synthetic: boolean;
};

export const previewUrlOf = (voiceId: string) =>
  `/api/voices/${encodeURIComponent(voiceId)}/preview`;

export function listVoices({ language }: z.infer<typeof voicesQuery>): { voices: VoiceView[] } {
  const p = providers();
  return {
    voices: p.speech.voices(language).map((v) => ({
      id: v.id,
      name: v.name,
      language: v.language,
      provider: v.provider,
      previewUrl: previewUrlOf(v.id),
      synthetic: v.provider === "local",
    })),
  };
}
