// Speech on Replicate: MiniMax speech-2.6-turbo by default, speech-02-turbo (same inputs, a
// quarter of the price) as the alternative. Both answer with one audio file and no word
// times (`subtitle_enable` gives sentence times only), so the words are aligned to the
// audio offline (lib/media/align-words.ts). Billed per character of text.
// Input schema: replicate.com/minimax/speech-02-turbo and speech-2.8-turbo API pages
// (text, voice_id, speed 0.5–2, volume, pitch, emotion, english_normalization, sample_rate,
// bitrate, audio_format mp3|wav|flac|pcm, channel, subtitle_enable, language_boost), found
// with the search tool's pages corpus, 2026-12; 2.6-turbo's readme calls it drop-in compatible.
import path from "node:path";
import { env } from "../../env";
import { alignWords } from "../../media/align-words";
import { runFfmpeg } from "../../media/ffmpeg";
import { readWav, wavDuration } from "../../media/wav";
import { SPEECH_MODELS, speechCost } from "../prices";
import {
  type CallRecord,
  ProviderError,
  type ProviderResult,
  type SpeechInput,
  type SpeechOutput,
  type SpeechProvider,
} from "../types";
import { downloadOutput } from "./outputs";
import { modelVersionOf, type Prediction } from "./prediction-shape";
import { runPrediction } from "./run-prediction";
import { minimaxLanguage, REPLICATE_VOICES } from "./speech-voices";

export const REPLICATE_SPEECH_MODEL_IDS = [
  "minimax-speech-2.6-turbo",
  "minimax-speech-02-turbo",
] as const;
export type ReplicateSpeechModelId = (typeof REPLICATE_SPEECH_MODEL_IDS)[number];

/** The price-table id of a Replicate speech model (owner/name), e.g. from a prediction. */
export function speechModelIdOf(
  replicateModel: string | undefined,
): ReplicateSpeechModelId | undefined {
  return REPLICATE_SPEECH_MODEL_IDS.find(
    (id) => SPEECH_MODELS[id].replicate?.model === replicateModel,
  );
}

/** The speech model of this deployment: REPLICATE_SPEECH_MODEL, else speech-2.6-turbo. */
export function replicateSpeechModel(): ReplicateSpeechModelId {
  const id = env.REPLICATE_SPEECH_MODEL ?? "minimax-speech-2.6-turbo";
  if (!REPLICATE_SPEECH_MODEL_IDS.includes(id as ReplicateSpeechModelId))
    throw new Error(
      `REPLICATE_SPEECH_MODEL=${id} is not one of: ${REPLICATE_SPEECH_MODEL_IDS.join(", ")}`,
    );
  return id as ReplicateSpeechModelId;
}

/** Scripts are a hook, ≤ 4 lines and a call to action; MiniMax itself takes 10,000. */
export const MAX_REPLICATE_SPEECH_CHARACTERS = 3000;

/** The prediction input for a speech request; refuses what the model cannot do. */
export function speechPredictionInput(input: SpeechInput): Record<string, unknown> {
  if (!REPLICATE_VOICES.some((v) => v.id === input.voice))
    throw new ProviderError(`There is no voice called "${input.voice}".`, "permanent");
  const language = minimaxLanguage(input.language);
  if (!language)
    throw new ProviderError(
      `The voice model does not speak "${input.language}". Pick another language, or no voice.`,
      "permanent",
    );
  const text = input.text.trim();
  if (!text) throw new ProviderError("There is no text to speak.", "permanent");
  if (text.length > MAX_REPLICATE_SPEECH_CHARACTERS)
    throw new ProviderError(
      `The text to speak is longer than ${MAX_REPLICATE_SPEECH_CHARACTERS} characters.`,
      "permanent",
    );
  return {
    text,
    voice_id: input.voice,
    speed: Math.min(2, Math.max(0.5, input.speed || 1)),
    language_boost: language,
    english_normalization: language === "English",
    audio_format: "wav",
    sample_rate: 32000,
    channel: "mono",
  };
}

/**
 * The model's audio (any format ffmpeg reads) as 16-bit mono WAV with word times aligned
 * from the text; fails clearly when the file holds no sound.
 */
export async function speechFromAudioFile(
  downloaded: string,
  text: string,
  workDir: string,
  name: string,
): Promise<SpeechOutput> {
  const filePath = path.join(workDir, `${name}.wav`);
  try {
    await runFfmpeg(["-i", downloaded, "-vn", "-ac", "1", "-c:a", "pcm_s16le", filePath], {
      timeoutMs: 60_000,
    });
  } catch {
    throw new ProviderError(
      "The voice model returned a file without usable audio. Retry to generate it again.",
      "permanent",
    );
  }
  const audio = await readWav(filePath);
  const durationSeconds = Math.round(wavDuration(audio) * 1000) / 1000;
  const words = alignWords(text.trim(), audio);
  if (durationSeconds < 0.2 || words.length === 0)
    throw new ProviderError(
      "The voice model returned silence. Retry to generate it again.",
      "permanent",
    );
  return { filePath, mimeType: "audio/wav", durationSeconds, words, wordTimingSource: "aligned" };
}

/** A finished speech prediction → the voice-over and its cost row (also for webhook completion). */
export async function speechFromPrediction(
  p: Prediction,
  modelId: ReplicateSpeechModelId,
  text: string,
  workDir: string,
  latencyMs: number,
  signal?: AbortSignal,
): Promise<ProviderResult<SpeechOutput>> {
  const price = SPEECH_MODELS[modelId];
  // Downloaded under another name than the WAV made from it (ffmpeg cannot write its input).
  const file = await downloadOutput(p.output, "audio", "voice", workDir, `model-${p.id}`, signal);
  const output = await speechFromAudioFile(file.filePath, text, workDir, `voice-${p.id}`);
  const call: CallRecord = {
    amountUsd: speechCost(price, text.trim().length),
    provider: "replicate",
    model: modelId,
    modelVersion: modelVersionOf(p, price.replicate!.model),
    predictionId: p.id,
    secondsProcessed: p.metrics?.predict_time,
    latencyMs,
    metadata: {
      replicateModel: price.replicate!.model,
      characters: text.trim().length,
      voice: typeof p.input?.voice_id === "string" ? p.input.voice_id : undefined,
    },
  };
  return { output, call };
}

/** The Replicate speech provider for one of the two models. */
export function replicateSpeech(
  modelId: ReplicateSpeechModelId = "minimax-speech-2.6-turbo",
): SpeechProvider {
  return {
    voices(language) {
      return language === undefined || minimaxLanguage(language) ? REPLICATE_VOICES : [];
    },
    async synthesize(input, ctx) {
      const started = Date.now();
      const price = SPEECH_MODELS[modelId];
      const predictionInput = speechPredictionInput(input);
      return runPrediction(
        {
          model: price.replicate!.model,
          input: predictionInput,
          what: "voice",
          deadlineSeconds: 180,
          webhook: true,
        },
        ctx,
        (p) =>
          speechFromPrediction(
            p,
            modelId,
            input.text,
            ctx.workDir,
            Date.now() - started,
            ctx.signal,
          ),
      );
    },
  };
}
