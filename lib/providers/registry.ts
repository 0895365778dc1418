// One place chooses the implementation of each capability: Replicate when a token is set
// (its own issue), the offline local set otherwise; test-only fault injection wraps either.
import { setTimeout as sleep } from "node:timers/promises";
import type { Asset } from "../db/schema";
import { env } from "../env";
import { type FaultKind, injectFault, parseFaults } from "./faults";
import { localImage, localLlm, localMusic, localVideo } from "./local";
import { tierModels } from "./prices";
import {
  replicateImage,
  replicateLlm,
  replicateMusic,
  replicateVideo,
  videoFollowsPrompt,
} from "./replicate";
import type {
  CallContext,
  ImageProvider,
  LlmProvider,
  MusicProvider,
  VideoProvider,
} from "./types";

export type Providers = {
  kind: "local" | "replicate";
  llm: LlmProvider;
  image: ImageProvider;
  video: VideoProvider;
  music: MusicProvider;
  /** The price-table id of the model each capability uses (for estimates and failure rows). */
  models: Record<"llm" | "image" | "video" | "music", string>;
  /** The assets.source each generated asset kind records (the seed's asset_source enum). */
  sources: { image: Asset["source"]; video: Asset["source"]; music: Asset["source"] };
};

// The asset_source enum predates today's models: images record the closest source, flux-pro
// (every image model now is a FLUX-class reference model), prompt-following clips runway-gen2,
// music musicgen; the real model is in model_version and the cost row.
function replicateSet(): Providers {
  return {
    kind: "replicate",
    llm: replicateLlm,
    image: replicateImage,
    video: replicateVideo,
    music: replicateMusic,
    // The default tier's primaries; a session's own tier is read with modelsFor (./tier.ts).
    models: {
      llm: tierModels(undefined, "llm").primary,
      image: tierModels(undefined, "image").primary,
      video: tierModels(undefined, "video").primary,
      music: tierModels(undefined, "music").primary,
    },
    sources: {
      image: "flux-pro",
      video: videoFollowsPrompt() ? "runway-gen2" : "stable-video-diffusion",
      music: "musicgen",
    },
  };
}

/** Test-only: injected faults (LOCAL_FAULTS) and extra latency per call (LOCAL_LATENCY_MS). */
function withFaults(p: Providers, spec: string, latencyMs = 0): Providers {
  const rules = parseFaults(spec);
  const guard =
    <A extends unknown[], R>(kind: FaultKind, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const ctx = args[args.length - 1] as CallContext;
      if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: ctx.signal });
      injectFault(rules, kind, ctx);
      return fn(...args);
    };
  return {
    ...p,
    llm: {
      parsePrompt: guard("llm", p.llm.parsePrompt.bind(p.llm)),
      planScenes: guard("llm", p.llm.planScenes.bind(p.llm)),
    },
    image: {
      wantsHero: p.image.wantsHero,
      generateImage: guard("image", p.image.generateImage.bind(p.image)),
    },
    video: {
      followsPrompt: p.video.followsPrompt,
      generateClip: guard("video", p.video.generateClip.bind(p.video)),
    },
    music: { generateMusic: guard("music", p.music.generateMusic.bind(p.music)) },
  };
}

let chosen: Providers | undefined;
let testOverrides: { faults?: string; latencyMs?: number } = {};

/**
 * Tests only: forgets the cached choice, so the next providers() call builds it again, with
 * `faults` (LOCAL_FAULTS syntax) and `latencyMs` (LOCAL_LATENCY_MS) instead of the
 * environment's. Lets one test file switch fault injection on and off; never called by the app.
 */
export function resetProvidersForTests(opts: { faults?: string; latencyMs?: number } = {}): void {
  chosen = undefined;
  testOverrides = opts;
}

export function providers(): Providers {
  if (chosen) return chosen;
  const local: Providers = {
    kind: "local",
    llm: localLlm,
    image: localImage,
    video: localVideo,
    music: localMusic,
    models: {
      llm: "local-rules-1",
      image: "local-studio-1",
      video: "local-camera-1",
      music: "local-synth-1",
    },
    sources: { image: "local-image", video: "local-video", music: "local-music" },
  };
  const base = env.REPLICATE_API_TOKEN ? replicateSet() : local;
  const faults = testOverrides.faults ?? env.LOCAL_FAULTS;
  const latencyMs = testOverrides.latencyMs ?? env.LOCAL_LATENCY_MS;
  chosen = faults || latencyMs ? withFaults(base, faults ?? "", latencyMs) : base;
  return chosen;
}
