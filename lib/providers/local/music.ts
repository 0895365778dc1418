// MusicProvider without a model: a music bed synthesised in TypeScript per genre — tempo,
// key, instruments and rhythm differ (upbeat pop, lo-fi chill, pumping dance, cinematic
// strings) — written as a 48 kHz stereo WAV of exactly the asked length that loops without
// a seam. Same genre, length and seed: the same bytes.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { MUSIC_GENRES, type MusicInput, type MusicProvider, ProviderError } from "../types";
import { checkpoint, LOCAL_MODELS, localCall } from "./call";
import { hashString } from "./seeded";
import { synthesiseBedInSlices } from "./synth/bed";
import { SAMPLE_RATE } from "./synth/dsp";
import { encodeWav } from "./synth/wav";

const MIN_SECONDS = 1;
const MAX_SECONDS = 180;

function validate(input: MusicInput): void {
  if (!MUSIC_GENRES.includes(input.genre)) {
    throw new ProviderError(
      `Unknown music genre "${input.genre}"; choose one of ${MUSIC_GENRES.join(", ")}.`,
      "permanent",
    );
  }
  if (!(input.durationSeconds >= MIN_SECONDS && input.durationSeconds <= MAX_SECONDS)) {
    throw new ProviderError(
      `Music must be ${MIN_SECONDS}–${MAX_SECONDS} s long, got ${input.durationSeconds}.`,
      "permanent",
    );
  }
}

export const localMusic: MusicProvider = {
  generateMusic(input, ctx) {
    return localCall(LOCAL_MODELS.music, ctx, async () => {
      validate(input);
      const bed = await synthesiseBedInSlices(
        input.genre,
        input.durationSeconds,
        input.seed,
        ctx.signal,
      );
      await checkpoint(ctx.signal);
      const wav = encodeWav(bed.left, bed.right, SAMPLE_RATE);
      const name = `music-${input.genre}-${hashString(JSON.stringify(input)).toString(36)}.wav`;
      const filePath = path.join(ctx.workDir, name);
      await writeFile(filePath, wav);
      return {
        output: { filePath, mimeType: "audio/wav" as const },
        secondsProcessed: input.durationSeconds,
        metadata: {
          genre: input.genre,
          bpm: Math.round(bed.bpm * 10) / 10,
          tonic: bed.tonic,
          mode: bed.mode,
          bars: bed.bars,
          bytes: wav.length,
        },
      };
    });
  },
};
