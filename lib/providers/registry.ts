// One place chooses the implementation of each capability: Replicate when a token is set
// (its own issue), the offline local set otherwise. Five capabilities: llm, image, video,
// music and speech (the voice-over). A process may install another set instead
// (installProviders): that is how the tests inject faults, so the app has no test branch.
import type { Asset } from "../db/schema";
import { env } from "../env";
import { localImage, localLlm, localMusic, localSpeech, localVideo } from "./local";
import { LOCAL_SPEECH_MODEL } from "./local/speech/voices";
import { tierModels } from "./prices";
import {
  replicateImage,
  replicateLlm,
  replicateMusic,
  replicateSpeech,
  replicateSpeechModel,
  replicateVideo,
  videoFollowsPrompt,
} from "./replicate";
import type {
  ImageProvider,
  LlmProvider,
  MusicProvider,
  SpeechProvider,
  VideoProvider,
} from "./types";

export type Providers = {
  kind: "local" | "replicate";
  llm: LlmProvider;
  image: ImageProvider;
  video: VideoProvider;
  music: MusicProvider;
  /** The voice-over (text → speech + word times); its price is in SPEECH_MODELS. */
  speech: SpeechProvider;
  /** The price-table id of the model each capability uses (for estimates and failure rows). */
  models: Record<"llm" | "image" | "video" | "music" | "speech", string>;
  /** The assets.source each generated asset kind records (the seed's asset_source enum). */
  sources: {
    image: Asset["source"];
    video: Asset["source"];
    music: Asset["source"];
    speech: Asset["source"];
  };
};

// The asset_source enum predates today's models: images record the closest source, flux-pro
// (every image model now is a FLUX-class reference model), prompt-following clips runway-gen2,
// music musicgen; the real model is in model_version and the cost row.
function replicateSet(): Providers {
  const speechModel = replicateSpeechModel();
  return {
    kind: "replicate",
    llm: replicateLlm,
    image: replicateImage,
    video: replicateVideo,
    music: replicateMusic,
    speech: replicateSpeech(speechModel),
    // The default tier's primaries; a session's own tier is read with modelsFor (./tier.ts).
    models: {
      llm: tierModels(undefined, "llm").primary,
      image: tierModels(undefined, "image").primary,
      video: tierModels(undefined, "video").primary,
      music: tierModels(undefined, "music").primary,
      speech: speechModel,
    },
    sources: {
      image: "flux-pro",
      video: videoFollowsPrompt() ? "runway-gen2" : "stable-video-diffusion",
      music: "musicgen",
      speech: "minimax-speech",
    },
  };
}

/** The set this deployment's configuration picks: Replicate with a token, local without. */
export function defaultProviders(): Providers {
  if (env.REPLICATE_API_TOKEN) return replicateSet();
  return {
    kind: "local",
    llm: localLlm,
    image: localImage,
    video: localVideo,
    music: localMusic,
    speech: localSpeech,
    models: {
      llm: "local-rules-1",
      image: "local-studio-1",
      video: "local-camera-1",
      music: "local-synth-1",
      speech: LOCAL_SPEECH_MODEL,
    },
    sources: {
      image: "local-image",
      video: "local-video",
      music: "local-music",
      speech: "local-speech",
    },
  };
}

let chosen: Providers | undefined;

/** The provider set of this process: the installed one, else the default, built once. */
export function providers(): Providers {
  chosen ??= defaultProviders();
  return chosen;
}

/**
 * Replaces this process's provider set; `undefined` goes back to the default (rebuilt on next
 * use). The app never calls it: a host that wraps the providers does (the tests' fault
 * injection, tests/support/provider-faults.ts).
 */
export function installProviders(set: Providers | undefined): void {
  chosen = set;
}
