// One place chooses the implementation of each capability: Replicate when a token is set
// (its own issue), the offline local set otherwise; test-only fault injection wraps either.
import { env } from "../env";
import { injectFault, parseFaults, type FaultKind } from "./faults";
import { localImage, localLlm, localMusic, localVideo } from "./local";
import type { CallContext, ImageProvider, LlmProvider, MusicProvider, VideoProvider } from "./types";

export type Providers = {
  kind: "local" | "replicate";
  llm: LlmProvider;
  image: ImageProvider;
  video: VideoProvider;
  music: MusicProvider;
  /** The price-table id of the model each capability uses (for estimates and failure rows). */
  models: Record<"llm" | "image" | "video" | "music", string>;
};

function withFaults(p: Providers, spec: string): Providers {
  const rules = parseFaults(spec);
  const guard = <A extends unknown[], R>(kind: FaultKind, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      injectFault(rules, kind, args[args.length - 1] as CallContext);
      return fn(...args);
    };
  return {
    ...p,
    llm: { parsePrompt: guard("llm", p.llm.parsePrompt.bind(p.llm)), planScenes: guard("llm", p.llm.planScenes.bind(p.llm)) },
    image: { generateImage: guard("image", p.image.generateImage.bind(p.image)) },
    video: { followsPrompt: p.video.followsPrompt, generateClip: guard("video", p.video.generateClip.bind(p.video)) },
    music: { generateMusic: guard("music", p.music.generateMusic.bind(p.music)) },
  };
}

let chosen: Providers | undefined;

export function providers(): Providers {
  if (chosen) return chosen;
  const local: Providers = {
    kind: "local",
    llm: localLlm,
    image: localImage,
    video: localVideo,
    music: localMusic,
    models: { llm: "local-rules-1", image: "local-studio-1", video: "local-camera-1", music: "local-synth-1" },
  };
  chosen = env.LOCAL_FAULTS ? withFaults(local, env.LOCAL_FAULTS) : local;
  return chosen;
}
