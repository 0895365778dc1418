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
  /** The name people know the model by, for the new-ad form and the README. */
  label?: string;
  /** Image models: how many reference images the model takes (the product photo, the hero). */
  reference?: "single" | "multiple";
  /** Video models: whether the clip follows the scene prompt (SVD does not). */
  followsPrompt?: boolean;
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
    label: "Llama 3.1 405B Instruct",
    licence: "Llama 3.1 Community License (commercial use allowed).",
  },
  // $0.65 in / $2.75 out per million tokens on Replicate; ~$1.70 averaged over a parse.
  "llama-3-70b-instruct": {
    id: "llama-3-70b-instruct",
    capability: "llm",
    provider: "replicate",
    usd: 0.0017,
    unit: "1k_tokens",
    typicalUnits: 2500,
    replicate: { model: "meta/meta-llama-3-70b-instruct" },
    label: "Llama 3 70B Instruct",
    licence: "Meta Llama 3 Community License (commercial use allowed).",
  },
  // Image editing with a reference image (`input_image`): keeps the product it is shown.
  "flux-kontext-pro": {
    id: "flux-kontext-pro",
    capability: "image",
    provider: "replicate",
    usd: 0.04,
    unit: "call",
    replicate: { model: "black-forest-labs/flux-kontext-pro" },
    label: "FLUX.1 Kontext Pro",
    reference: "single",
    licence: "Outputs may be used commercially (BFL API terms).",
  },
  "flux-kontext-max": {
    id: "flux-kontext-max",
    capability: "image",
    provider: "replicate",
    usd: 0.08,
    unit: "call",
    replicate: { model: "black-forest-labs/flux-kontext-max" },
    label: "FLUX.1 Kontext Max",
    reference: "single",
    licence: "Outputs may be used commercially (BFL API terms).",
  },
  // Several reference images (`image_input`); $0.03 an image.
  "seedream-4": {
    id: "seedream-4",
    capability: "image",
    provider: "replicate",
    usd: 0.03,
    unit: "call",
    replicate: { model: "bytedance/seedream-4" },
    label: "Seedream 4",
    reference: "multiple",
    licence: "Outputs may be used commercially (ByteDance model terms).",
  },
  // Follows the scene prompt from a start image; $0.07 per second of 1080p, 5 or 10 s a clip.
  "kling-v2.5-turbo-pro": {
    id: "kling-v2.5-turbo-pro",
    capability: "video",
    provider: "replicate",
    usd: 0.07,
    unit: "second",
    minSeconds: 5,
    replicate: { model: "kwaivgi/kling-v2.5-turbo-pro" },
    label: "Kling 2.5 Turbo Pro",
    followsPrompt: true,
    licence: "Outputs may be used commercially (Kling terms).",
  },
  // Follows the prompt; asked at 1080p ($0.15/s), 2–12 s, so a 3 s clip bills 3 s.
  "seedance-1-pro": {
    id: "seedance-1-pro",
    capability: "video",
    provider: "replicate",
    usd: 0.15,
    unit: "second",
    minSeconds: 2,
    replicate: { model: "bytedance/seedance-1-pro" },
    label: "Seedance 1 Pro (1080p)",
    followsPrompt: true,
    licence: "Outputs may be used commercially (ByteDance model terms).",
  },
  // The lighter Seedance, asked at 720p ($0.036/s), 2–12 s.
  "seedance-1-lite": {
    id: "seedance-1-lite",
    capability: "video",
    provider: "replicate",
    usd: 0.036,
    unit: "second",
    minSeconds: 2,
    replicate: { model: "bytedance/seedance-1-lite" },
    label: "Seedance 1 Lite (720p)",
    followsPrompt: true,
    licence: "Outputs may be used commercially (ByteDance model terms).",
  },
  // Billed by GPU time (A100 80GB); a 25-frame clip takes ~60 s. Animates the image only.
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
    label: "Stable Video Diffusion (ignores the scene prompt)",
    followsPrompt: false,
    licence: "Stability AI Community License (commercial use under $1M annual revenue).",
  },
  // $0.20 a call, any length up to 190 s.
  "stable-audio-2.5": {
    id: "stable-audio-2.5",
    capability: "music",
    provider: "replicate",
    usd: 0.2,
    unit: "call",
    replicate: { model: "stability-ai/stable-audio-2.5" },
    label: "Stable Audio 2.5",
    licence: "Outputs may be used commercially (Stability AI licence for Stable Audio 2.5).",
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
    label: "MusicGen (non-commercial)",
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

export const QUALITY_TIERS = ["draft", "standard", "premium"] as const;
export type QualityTier = (typeof QUALITY_TIERS)[number];
export const DEFAULT_QUALITY: QualityTier = "standard";

/** The model a capability uses first, and the one an asset is retried on when it fails. */
export type ModelChoice = { primary: string; alternative: string };

// Which Replicate models each tier uses. Images always go through a reference-taking model:
// the uploaded product photo (or, without one, the first "hero" shot) is shown to it in every
// image, so the product stays the same across shots. Music is commercial-use by default;
// MusicGen (non-commercial) is only the fallback, and its licence travels with the asset.
const TIERS: Record<QualityTier, Record<Capability, ModelChoice>> = {
  draft: {
    llm: { primary: "llama-3-70b-instruct", alternative: "llama-3.1-405b-instruct" },
    image: { primary: "seedream-4", alternative: "flux-kontext-pro" },
    video: { primary: "seedance-1-lite", alternative: "kling-v2.5-turbo-pro" },
    music: { primary: "stable-audio-2.5", alternative: "musicgen" },
  },
  standard: {
    llm: { primary: "llama-3.1-405b-instruct", alternative: "llama-3-70b-instruct" },
    image: { primary: "flux-kontext-pro", alternative: "seedream-4" },
    video: { primary: "kling-v2.5-turbo-pro", alternative: "seedance-1-pro" },
    music: { primary: "stable-audio-2.5", alternative: "musicgen" },
  },
  premium: {
    llm: { primary: "llama-3.1-405b-instruct", alternative: "llama-3-70b-instruct" },
    image: { primary: "flux-kontext-max", alternative: "flux-kontext-pro" },
    video: { primary: "seedance-1-pro", alternative: "kling-v2.5-turbo-pro" },
    music: { primary: "stable-audio-2.5", alternative: "musicgen" },
  },
};

/** REPLICATE_<CAPABILITY>_MODEL, when set, replaces the primary model of every tier. */
function envOverride(capability: Capability): string | undefined {
  const id = {
    llm: env.REPLICATE_LLM_MODEL,
    image: env.REPLICATE_IMAGE_MODEL,
    video: env.REPLICATE_VIDEO_MODEL,
    music: env.REPLICATE_MUSIC_MODEL,
  }[capability];
  if (!id) return undefined;
  if (MODELS[id]?.provider !== "replicate" || MODELS[id].capability !== capability)
    throw new Error(
      `REPLICATE_${capability.toUpperCase()}_MODEL=${id} is not a Replicate ${capability} model of lib/providers/prices.ts`,
    );
  return id;
}

/** The Replicate models a tier uses for a capability (primary, and the fallback). */
export function tierModels(quality: QualityTier | null | undefined, capability: Capability) {
  const choice = TIERS[quality ?? DEFAULT_QUALITY][capability];
  const primary = envOverride(capability) ?? choice.primary;
  return {
    primary,
    alternative: choice.alternative === primary ? choice.primary : choice.alternative,
  };
}

/** A quality tier read from anywhere (a DB row, a form): unknown values are the default. */
export function qualityOf(value: unknown): QualityTier {
  return QUALITY_TIERS.includes(value as QualityTier) ? (value as QualityTier) : DEFAULT_QUALITY;
}

/** The price-table id of a Replicate model (owner/name), e.g. from a prediction. */
export function modelIdOf(replicateModel: string | undefined): string | undefined {
  if (!replicateModel) return undefined;
  return Object.values(MODELS).find((m) => m.replicate?.model === replicateModel)?.id;
}
