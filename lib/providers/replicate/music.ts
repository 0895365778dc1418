// Music on Replicate: MusicGen (stereo-large). Its weights are licensed CC-BY-NC 4.0 —
// non-commercial use only; MODELS.musicgen.licence carries the notice for the UI.
import { actualCost, MODELS } from "../prices";
import type { CallRecord, MusicGenre, MusicOutput, MusicProvider, ProviderResult } from "../types";
import { downloadOutput } from "./outputs";
import { modelVersionOf, type Prediction } from "./prediction-shape";
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
): Promise<ProviderResult<MusicOutput>> {
  const price = MODELS.musicgen;
  const file = await downloadOutput(p.output, "audio", "music", workDir, `music-${p.id}`, signal);
  const call: CallRecord = {
    amountUsd: actualCost(price, { predictSeconds: p.metrics?.predict_time }),
    provider: "replicate",
    model: "musicgen",
    modelVersion: modelVersionOf(p, price.replicate!.model),
    predictionId: p.id,
    secondsProcessed: p.metrics?.predict_time,
    latencyMs,
    metadata: { replicateModel: price.replicate!.model, licence: price.licence },
  };
  return {
    output: { filePath: file.filePath, mimeType: file.mimeType as MusicOutput["mimeType"] },
    call,
  };
}

export const replicateMusic: MusicProvider = {
  async generateMusic(input, ctx) {
    const started = Date.now();
    const price = MODELS.musicgen;
    const p = await runPrediction(
      {
        model: price.replicate!.model,
        version: price.replicate!.version,
        input: {
          prompt: GENRE_PROMPTS[input.genre],
          duration: Math.min(30, Math.max(1, Math.ceil(input.durationSeconds))),
          model_version: "stereo-large",
          output_format: "wav",
          normalization_strategy: "peak",
          seed: input.seed,
        },
        what: "music",
        deadlineSeconds: 600,
        webhook: true,
      },
      ctx,
    );
    return musicFromPrediction(p, ctx.workDir, Date.now() - started, ctx.signal);
  },
};
