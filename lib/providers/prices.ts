// The one table of models and prices. Estimates and the ledger both read it. Replicate
// prices are per output (images), per second of output (prompt-following video), per second
// of GPU time (models Replicate bills by hardware time: SVD, MusicGen) or per token (LLM).
// Every Replicate price can be overridden by environment: PRICE_<ID>_USD, where <ID> is the
// model id upper-cased with every other character turned into "_" (lib/env.ts reads them).
import { env } from "../env";

export type Capability = "llm" | "image" | "video" | "music";

export type ModelPrice = {
  id: string;
  capability: Capability;
  provider: "local" | "replicate";
  /** USD per call (images), per output second, per second of GPU time, or per 1k tokens (llm). */
  usd: number;
  unit: "call" | "second" | "predict_second" | "1k_tokens";
  /** Replicate bills image-to-video with a minimum output length. */
  minSeconds?: number;
  /** A typical call's size (tokens, GPU seconds), for estimates of usage-billed models. */
  typicalUnits?: number;
  /** The Replicate model (owner/name) and, for community models, the pinned version. */
  replicate?: { model: string; version?: string };
  /** Licence terms a user must see next to the option (MusicGen's weights are non-commercial). */
  licence?: string;
};

const BASE: Record<string, ModelPrice> = {
  "local-rules-1": {
    id: "local-rules-1",
    capability: "llm",
    provider: "local",
    usd: 0,
    unit: "call",
  },
  "local-studio-1": {
    id: "local-studio-1",
    capability: "image",
    provider: "local",
    usd: 0,
    unit: "call",
  },
  "local-camera-1": {
    id: "local-camera-1",
    capability: "video",
    provider: "local",
    usd: 0,
    unit: "second",
  },
  "local-synth-1": {
    id: "local-synth-1",
    capability: "music",
    provider: "local",
    usd: 0,
    unit: "second",
  },
  // $9.50 per million tokens, input and output alike; a parse is ~1.5k tokens in and out.
  "llama-3.1-405b-instruct": {
    id: "llama-3.1-405b-instruct",
    capability: "llm",
    provider: "replicate",
    usd: 0.0095,
    unit: "1k_tokens",
    typicalUnits: 2500,
    replicate: { model: "meta/meta-llama-3.1-405b-instruct" },
  },
  // An official model: billed per output image.
  "flux-1.1-pro": {
    id: "flux-1.1-pro",
    capability: "image",
    provider: "replicate",
    usd: 0.04,
    unit: "call",
    replicate: { model: "black-forest-labs/flux-1.1-pro" },
  },
  // A community model on an A100 (80GB), billed by GPU time: ~$0.0014/s, ~8 s an image.
  sdxl: {
    id: "sdxl",
    capability: "image",
    provider: "replicate",
    usd: 0.0014,
    unit: "predict_second",
    typicalUnits: 8,
    replicate: {
      model: "stability-ai/sdxl",
      version: "39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b",
    },
  },
  // Billed by GPU time (A100 80GB); a 25-frame clip takes ~60 s.
  "stable-video-diffusion": {
    id: "stable-video-diffusion",
    capability: "video",
    provider: "replicate",
    usd: 0.0014,
    unit: "predict_second",
    typicalUnits: 60,
    replicate: {
      model: "stability-ai/stable-video-diffusion",
      version: "3f0457e4619daac51203dedb472816fd4af51f3149fa7a9e0b5ffcf1b8172438",
    },
  },
  // An official model: $0.05 per second of 720p output, 5 s minimum (we trim to the clip length).
  "kling-v2.1": {
    id: "kling-v2.1",
    capability: "video",
    provider: "replicate",
    usd: 0.05,
    unit: "second",
    minSeconds: 5,
    replicate: { model: "kwaivgi/kling-v2.1" },
  },
  // Billed by GPU time; ~1 s of GPU per second of music on stereo-large.
  musicgen: {
    id: "musicgen",
    capability: "music",
    provider: "replicate",
    usd: 0.0014,
    unit: "predict_second",
    typicalUnits: 30,
    replicate: {
      model: "meta/musicgen",
      version: "671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb",
    },
    licence: "MusicGen's model weights are licensed CC-BY-NC 4.0 (non-commercial use only).",
  },
};

/** The environment variable that overrides a model's price, e.g. PRICE_FLUX_1_1_PRO_USD. */
export function priceEnvName(id: string): string {
  return `PRICE_${id.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_USD`;
}

function withOverrides(table: Record<string, ModelPrice>): Record<string, ModelPrice> {
  const out: Record<string, ModelPrice> = {};
  for (const [id, m] of Object.entries(table)) {
    const override = (env as Record<string, unknown>)[priceEnvName(id)];
    out[id] = typeof override === "number" ? { ...m, usd: override } : m;
  }
  return out;
}

export const MODELS: Record<string, ModelPrice> = withOverrides(BASE);

/** What one call of a model is expected to cost, for estimates. */
export function estimateCall(model: ModelPrice, seconds = 0): number {
  switch (model.unit) {
    case "call":
      return model.usd;
    case "second":
      return model.usd * Math.max(seconds, model.minSeconds ?? 0);
    case "predict_second":
      return model.usd * (model.typicalUnits ?? 0);
    case "1k_tokens":
      return (model.usd * (model.typicalUnits ?? 1000)) / 1000;
  }
}

/** What a finished call cost, from what the provider measured. */
export function actualCost(
  model: ModelPrice,
  usage: { outputs?: number; outputSeconds?: number; predictSeconds?: number; tokens?: number },
): number {
  switch (model.unit) {
    case "call":
      return model.usd * (usage.outputs ?? 1);
    case "second":
      return model.usd * Math.max(usage.outputSeconds ?? 0, model.minSeconds ?? 0);
    case "predict_second":
      return model.usd * (usage.predictSeconds ?? 0);
    case "1k_tokens":
      return (model.usd * (usage.tokens ?? 0)) / 1000;
  }
}

// ——— Text-to-speech (issue 13). Kept beside the table above until the pipeline wires the
// `speech` capability in (then these rows join BASE with unit "1k_characters"). Billed per
// 1,000 characters of input text (MiniMax counts one token per character; audio is free).
// Sources: replicate.com/minimax/speech-2.6-turbo readme ("$0.06 per 1,000 input tokens",
// and speech-02-turbo costs a quarter of that per character); checked 2026-12.

export type SpeechModelPrice = {
  id: string;
  capability: "speech";
  provider: "local" | "replicate";
  /** USD per 1,000 characters of text. */
  usd: number;
  unit: "1k_characters";
  replicate?: { model: string; version?: string };
  licence?: string;
};

const SPEECH_BASE: Record<string, SpeechModelPrice> = {
  "local-flite-1": {
    id: "local-flite-1",
    capability: "speech",
    provider: "local",
    usd: 0,
    unit: "1k_characters",
    licence: "flite: BSD-style (Carnegie Mellon University); voices kal, awb, rms, slt likewise.",
  },
  "minimax-speech-2.6-turbo": {
    id: "minimax-speech-2.6-turbo",
    capability: "speech",
    provider: "replicate",
    usd: 0.06,
    unit: "1k_characters",
    replicate: { model: "minimax/speech-2.6-turbo" },
  },
  "minimax-speech-02-turbo": {
    id: "minimax-speech-02-turbo",
    capability: "speech",
    provider: "replicate",
    usd: 0.015,
    unit: "1k_characters",
    replicate: { model: "minimax/speech-02-turbo" },
  },
};

/** The speech models, with PRICE_<ID>_USD overrides where lib/env.ts reads one. */
export const SPEECH_MODELS: Record<string, SpeechModelPrice> = Object.fromEntries(
  Object.entries(SPEECH_BASE).map(([id, m]) => {
    const override = (env as Record<string, unknown>)[priceEnvName(id)];
    return [id, typeof override === "number" ? { ...m, usd: override } : m];
  }),
);

/** What speaking `characters` characters costs on a speech model (estimate and ledger alike). */
export function speechCost(model: SpeechModelPrice, characters: number): number {
  return (model.usd * Math.max(0, characters)) / 1000;
}
