// Music on Replicate: Stable Audio 2.5 by default (its outputs may be used commercially);
// MusicGen (stereo-large) is the fallback and stays selectable (REPLICATE_MUSIC_MODEL=musicgen):
// its weights are licensed CC-BY-NC 4.0, non-commercial use only, and that licence travels in
// the cost row's metadata and MODELS.musicgen.licence for the UI.
import { actualCost, MODELS, modelIdOf, tierModels } from "../prices";
import type { MusicGenre, MusicInput, MusicOutput, MusicProvider, ProviderResult } from "../types";
import { withFallback } from "./fallback";
import { downloadOutput } from "./outputs";
import { type Prediction, predictionCall } from "./prediction-shape";
import { runPrediction } from "./run-prediction";

const GENRE_PROMPTS: Record<MusicGenre, string> = {
  upbeat:
    "upbeat modern pop instrumental, bright synths, claps, 120 bpm, advertising background music",
  chill:
    "chill lo-fi instrumental, warm keys, soft drums, 85 bpm, relaxed advertising background music",
  energetic:
    "energetic electronic dance instrumental, driving beat, punchy bass, 128 bpm, sports advert music",
  cinematic:
    "cinematic orchestral instrumental, strings and piano, building, epic trailer background music",
};

export async function musicFromPrediction(
  p: Prediction,
  workDir: string,
  latencyMs: number,
  signal?: AbortSignal,
  modelId?: string,
): Promise<ProviderResult<MusicOutput>> {
  const id = modelIdOf(p.model) ?? modelId ?? tierModels(undefined, "music").primary;
  const price = MODELS[id];
  const file = await downloadOutput(p.output, "audio", "music", workDir, `music-${p.id}`, signal);
  const call = predictionCall(p, {
    model: id,
    replicateModel: price.replicate!.model,
    amountUsd: actualCost(price, { outputs: 1, predictSeconds: p.metrics?.predict_time }),
    latencyMs,
    metadata: { licence: price.licence },
  });
  return {
    output: { filePath: file.filePath, mimeType: file.mimeType as MusicOutput["mimeType"] },
    call,
  };
}

function modelInput(modelId: string, input: MusicInput): Record<string, unknown> {
  const seconds = Math.max(1, Math.ceil(input.durationSeconds));
  if (modelId === "musicgen")
    return {
      prompt: GENRE_PROMPTS[input.genre],
      duration: Math.min(30, seconds),
      model_version: "stereo-large",
      output_format: "wav",
      normalization_strategy: "peak",
      seed: input.seed,
    };
  return {
    prompt: GENRE_PROMPTS[input.genre],
    duration: Math.min(180, seconds),
    steps: 8,
    seed: input.seed,
  };
}

export const replicateMusic: MusicProvider = {
  async generateMusic(input, ctx) {
    return withFallback(tierModels(ctx.quality, "music"), ctx, async (modelId, attemptCtx) => {
      const started = Date.now();
      const price = MODELS[modelId];
      const p = await runPrediction(
        {
          model: price.replicate!.model,
          version: price.replicate!.version,
          input: modelInput(modelId, input),
          what: "music",
          deadlineSeconds: 600,
          webhook: true,
        },
        attemptCtx,
      );
      return musicFromPrediction(p, ctx.workDir, Date.now() - started, ctx.signal, modelId);
    });
  },
};
