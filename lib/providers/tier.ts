// Which models a session's quality tier uses, whatever the provider set: Replicate's tier
// table (./prices.ts), or the offline models, which are the same for every tier. Estimates,
// the new-ad form and failure rows read models through here.
import { type Capability, type ModelChoice, type QualityTier, tierModels } from "./prices";
import { providers } from "./registry";

export const CAPABILITIES: Capability[] = ["llm", "image", "video", "music"];

export function modelsFor(
  quality: QualityTier | null | undefined,
): Record<Capability, ModelChoice> {
  const p = providers();
  const choice = (c: Capability): ModelChoice =>
    p.kind === "replicate"
      ? tierModels(quality, c)
      : { primary: p.models[c], alternative: p.models[c] };
  return {
    llm: choice("llm"),
    image: choice("image"),
    video: choice("video"),
    music: choice("music"),
  };
}
