// The one table of models and prices. Estimates and the ledger both read it. Replicate
// prices are per output (images), per second of output (video, music) or per token (LLM);
// each can be overridden by environment in the Replicate issue.
export type Capability = "llm" | "image" | "video" | "music";

export type ModelPrice = {
  id: string;
  capability: Capability;
  provider: "local" | "replicate";
  /** USD per call (images), per output second (video, music) or per 1k tokens (llm). */
  usd: number;
  unit: "call" | "second" | "1k_tokens";
  /** Replicate bills image-to-video with a minimum output length. */
  minSeconds?: number;
  /** A typical call's size, for estimates of token-billed models. */
  typicalUnits?: number;
};

export const MODELS: Record<string, ModelPrice> = {
  "local-rules-1": { id: "local-rules-1", capability: "llm", provider: "local", usd: 0, unit: "call" },
  "local-studio-1": { id: "local-studio-1", capability: "image", provider: "local", usd: 0, unit: "call" },
  "local-camera-1": { id: "local-camera-1", capability: "video", provider: "local", usd: 0, unit: "second" },
  "local-synth-1": { id: "local-synth-1", capability: "music", provider: "local", usd: 0, unit: "second" },
};

/** What one call of a model is expected to cost, for estimates. */
export function estimateCall(model: ModelPrice, seconds = 0): number {
  switch (model.unit) {
    case "call":
      return model.usd;
    case "second":
      return model.usd * Math.max(seconds, model.minSeconds ?? 0);
    case "1k_tokens":
      return (model.usd * (model.typicalUnits ?? 1000)) / 1000;
  }
}
