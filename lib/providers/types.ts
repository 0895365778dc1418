// The four capabilities the pipeline calls. Each has a `local` implementation (offline,
// deterministic from the seed, $0) and a `replicate` one; lib/providers/registry.ts picks.
import type { Script } from "../creative/script";
import type { WriteScriptInput } from "../creative/write-script";
import type { AspectRatio } from "../media/formats";
import type { QualityTier } from "./prices";

export const VIEWS = ["front", "side", "back", "top", "detail", "lifestyle"] as const;
export type View = (typeof VIEWS)[number];

export const PRODUCT_CATEGORIES = [
  "footwear",
  "accessories",
  "electronics",
  "beauty",
  "apparel",
  "home",
  "other",
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const CAMERA_MOVEMENTS = [
  "static",
  "zoom_in",
  "zoom_out",
  "pan_left",
  "pan_right",
  "tilt_up",
  "tilt_down",
  "orbit",
] as const;
export type CameraMovement = (typeof CAMERA_MOVEMENTS)[number];

export const MUSIC_GENRES = ["upbeat", "chill", "energetic", "cinematic"] as const;
export type MusicGenre = (typeof MUSIC_GENRES)[number];

/** What one provider call cost and how it went; becomes one generation_costs row. */
export type CallRecord = {
  amountUsd: number;
  provider: "local" | "replicate";
  model: string;
  modelVersion?: string;
  predictionId?: string;
  tokensUsed?: number;
  secondsProcessed?: number;
  latencyMs: number;
  metadata?: Record<string, unknown>;
};

export type ProviderResult<T> = { output: T; call: CallRecord };

/** What identifies a prediction about to be created: model, a hash of its exact input, when. */
export type PredictionIntent = { model: string; inputHash: string; since: string };

export type CallContext = {
  /** Aborted when the user cancels the session: stop work, cancel remote predictions. */
  signal?: AbortSignal;
  /** A private temp folder for this call's files; the caller removes it. */
  workDir: string;
  sessionId: string;
  assetId?: string;
  /** Called as soon as a remote prediction id exists, before waiting on it. */
  onPredictionCreated?: (predictionId: string) => Promise<void>;
  /** A prediction id stored by an earlier, interrupted attempt: re-attach instead of creating. */
  existingPredictionId?: string;
  /**
   * Called just before a remote prediction is created: store it, so that an attempt killed
   * before `onPredictionCreated` can be recovered (lib/providers/replicate/adopt-prediction.ts).
   * Throwing prevents the create.
   */
  onPredictionIntent?: (intent: PredictionIntent) => Promise<void>;
  /** The intent of an earlier, interrupted attempt that recorded no id: adopt its prediction if it exists. */
  pendingIntent?: PredictionIntent;
  /** True when a prediction already belongs to other work (an adoption never takes it). */
  isPredictionTaken?: (predictionId: string) => Promise<boolean>;
  /**
   * A prediction of an interrupted attempt turned out failed or cancelled (its process died
   * before writing the failure down): record it now, so the ledger has every call.
   */
  onAbandonedPrediction?: (p: { id: string; status: string; error?: string }) => Promise<void>;
  /** 0 for the first attempt at this asset, then 1, 2, … (fault injection keys on it). */
  attempt?: number;
  /** The asset's position in its stage (image 0–7, clip 0–n), for fault injection. */
  index?: number;
  /** The session's quality tier: which models (and fallbacks) a Replicate call uses. */
  quality?: QualityTier;
  /** Called as each model is tried (the primary, then maybe the alternative). */
  onModelChosen?: (modelId: string) => void;
  /**
   * A model's attempt failed and another follows (the same model once more, or the tier's
   * alternative): record it, so the ledger shows every call. The last failure is thrown.
   */
  onAttemptFailed?: (failed: FailedAttempt) => Promise<void>;
};

export type FailedAttempt = {
  model: string;
  predictionId?: string;
  error: ProviderError;
  latencyMs: number;
};

export type ParsePromptInput = {
  productPrompt: string;
  numImages: number;
  /** Chosen by the user; the parser adds to them. */
  styleKeywords?: string[];
  /** Chosen by the user; otherwise detected. */
  category?: ProductCategory;
  /** Seed for the session; the parser picks one when absent. */
  seed?: number;
};

export type ParsedPrompt = {
  category: ProductCategory;
  /** A short product name guessed from the prompt, e.g. "Pink Tennis Shoes". */
  productName: string;
  styleKeywords: string[];
  consistencySeed: number;
  negativePrompt: string;
  /** Colours named in the prompt, as #RRGGBB, main colour first. */
  palette: string[];
  /** One per requested image, in order; views repeat or vary past six. */
  shots: { view: View; prompt: string }[];
};

export type PlanScenesInput = {
  videoPrompt: string;
  productPrompt: string;
  category: ProductCategory;
  clipDurationSeconds: number;
  seed: number;
  images: { id: string; view: View; prompt: string }[];
  /** The ad's script is planned with the scenes (ad-creative.md "Script"). */
  script?: WriteScriptInput;
};

export type ScenePlan = {
  clips: {
    imageId: string;
    scenePrompt: string;
    cameraMovement: CameraMovement;
    motionIntensity: number;
  }[];
  /** Present when the input asked for one. */
  script?: Script;
};

export interface LlmProvider {
  parsePrompt(input: ParsePromptInput, ctx: CallContext): Promise<ProviderResult<ParsedPrompt>>;
  planScenes(input: PlanScenesInput, ctx: CallContext): Promise<ProviderResult<ScenePlan>>;
  /** The ad's script alone ("write it again"). */
  writeScript(input: WriteScriptInput, ctx: CallContext): Promise<ProviderResult<Script>>;
}

export type ImageInput = {
  prompt: string;
  negativePrompt: string;
  view: View;
  seed: number;
  guidanceScale: number;
  productPrompt: string;
  category: ProductCategory;
  styleKeywords: string[];
  palette: string[];
  /** The user's uploaded product photo (PNG/JPEG/WebP), composited instead of drawn. */
  productPhotoPath?: string;
  /**
   * Without a product photo: the ad's first ("hero") image, shown to a reference-taking model
   * so the other views show the same product.
   */
  heroImagePath?: string;
  aspectRatio: AspectRatio;
  width: number;
  height: number;
};

export type ImageOutput = {
  filePath: string;
  mimeType: "image/png" | "image/jpeg" | "image/webp";
  width: number;
  height: number;
};

export interface ImageProvider {
  /** True when the other views are made from the hero shot (it must exist before they start). */
  readonly wantsHero?: boolean;
  generateImage(input: ImageInput, ctx: CallContext): Promise<ProviderResult<ImageOutput>>;
}

export type ClipInput = {
  imagePath: string;
  scenePrompt: string;
  cameraMovement: CameraMovement;
  /** 0–1: how far and fast the camera moves. */
  motionIntensity: number;
  durationSeconds: number;
  aspectRatio: AspectRatio;
  width: number;
  height: number;
  seed: number;
};

export type ClipOutput = { filePath: string; mimeType: "video/mp4" };

export interface VideoProvider {
  /** Whether the model follows the scene prompt (Stable Video Diffusion does not). */
  readonly followsPrompt: boolean;
  generateClip(input: ClipInput, ctx: CallContext): Promise<ProviderResult<ClipOutput>>;
}

export type MusicInput = { genre: MusicGenre; durationSeconds: number; seed: number };
export type MusicOutput = { filePath: string; mimeType: "audio/wav" | "audio/mpeg" | "audio/mp4" };

export interface MusicProvider {
  generateMusic(input: MusicInput, ctx: CallContext): Promise<ProviderResult<MusicOutput>>;
}

/**
 * Why a permanent failure happened, where it matters for a fallback to another model:
 * a timeout or a model that failed may pass elsewhere; a safety block, a refused account or a
 * cancel will not.
 */
export type FailureReason = "timeout" | "model_failed" | "rejected_input" | "safety" | "account";

/** A failure worth retrying (timeouts, 5xx, rate limits) versus one that will not change. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly kind: "transient" | "permanent",
    readonly retryAfterMs?: number,
    readonly reason?: FailureReason,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

// ——— speech: the fifth capability (text → voice-over audio + word timings) ———

/** One spoken word and when it is heard, in seconds from the start of the audio. */
export type WordTiming = { word: string; start: number; end: number };

export type SpeechInput = {
  text: string;
  /** A voice id from the provider's `voices()` list. */
  voice: string;
  /** BCP 47, e.g. "en", "de", "ar". */
  language: string;
  /** 1 = the voice's normal pace; 0.5–2. */
  speed: number;
};

export type SpeechOutput = {
  /** A WAV file (PCM 16-bit, mono) in the call's workDir. */
  filePath: string;
  mimeType: "audio/wav";
  durationSeconds: number;
  /** Every word of the text, in order, with its time in the audio. */
  words: WordTiming[];
  /** Where the word times came from: the synthesiser's own segments, or aligning the text to the audio. */
  wordTimingSource: "synthesizer" | "aligned";
};

export type SpeechVoice = {
  id: string;
  name: string;
  /** BCP 47 of the language it speaks; "mul" for a voice that speaks many. */
  language: string;
  provider: "local" | "replicate";
  /** A sentence the voice picker synthesises for a preview. */
  previewText: string;
};

export interface SpeechProvider {
  /** The voices for a language (all voices when no language is given). */
  voices(language?: string): SpeechVoice[];
  synthesize(input: SpeechInput, ctx: CallContext): Promise<ProviderResult<SpeechOutput>>;
}
