// The ad's sound: voice-over and music mixed with the music ducked under the voice, faded in
// and out, and brought to the loudness the platforms normalise to — −14 LUFS integrated,
// true peak ≤ −1 dBTP. Measured (ffmpeg's ebur128, the BS.1770 meter platforms and the
// tests use), then a linear gain and an oversampled limiter, measured again and corrected —
// never loudnorm's dynamic mode, which would ride the gain and undo the ducking. Works on the shipped 2018 ffmpeg. Ducking is volume automation from the word timings,
// so the music is exactly DUCK_DB lower wherever someone speaks, whatever its level.
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { WordTiming } from "../providers/types";
import { binaries } from "./binaries";
import { runFfmpeg } from "./ffmpeg";
import { musicBed } from "./music-loop";
import { probe } from "./probe";

export const TARGET_LUFS = -14;
/** The limiter's ceiling, dBTP: under −1 with room for AAC's inter-sample overs. */
const CEILING_DB = -1.8;
// ebur128 rather than loudnorm's first pass: on a voiced ad (speech with pauses, a fade in)
// loudnorm read 0.8 LU lower than ebur128 (−14.0 against −13.2 for the same file), so ads
// made to loudnorm's −14 measured −13.2 by the meter that counts.
const MEASURE = "ebur128";
// Limiting at 4× the sample rate catches the peaks between samples (true peak), as
// BS.1770's meter does; ffmpeg 4.x's alimiter has no oversampling of its own.
const LIMITER = `aresample=192000,alimiter=limit=${(10 ** (CEILING_DB / 20)).toFixed(4)}:attack=2:release=60:level=0,aresample=48000,aformat=sample_rates=48000:channel_layouts=stereo`;
/** How much lower the music is while the voice speaks (the spec asks for at least 8 dB). */
export const DUCK_DB = 12;
/** Loudness of the music bed against the voice where no one speaks. */
const MUSIC_UNDER_VOICE_LU = 6;

export type SoundInput = {
  /** The voice-over (any format ffmpeg reads); starts at `voiceStart`. */
  voicePath?: string;
  voiceStart?: number;
  /**
   * Stretches of the voice file placed on the ad's timeline (voice-timing.ts), instead of the
   * whole file at `voiceStart`; `words` are then in the ad's seconds.
   */
  voicePieces?: { from: number; to: number; at: number }[];
  /** When the voice's words are heard, relative to the voice file; they drive the ducking. */
  words?: WordTiming[];
  /** The music bed; repeated with crossfaded joins when shorter than the ad (music-loop.ts). */
  musicPath?: string;
  durationSeconds: number;
  /** .m4a/.mp4/.aac → AAC 192 kb/s; anything else → 16-bit WAV. */
  output: string;
  /** Music fade in and out, seconds. Defaults 0.5 and 1.0. */
  fadeIn?: number;
  fadeOut?: number;
  /** Override the ffmpeg binary (tests force the shipped 2018 build). */
  binary?: string;
  signal?: AbortSignal;
};

export type SoundResult = { output: string; measuredLufs?: number; silent: boolean };

/** Runs ffmpeg and returns what it printed on stderr (ebur128 prints its measurement there). */
function ffmpegPrinted(args: string[], binary: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ["-hide_banner", "-nostdin", "-y", ...args],
      { maxBuffer: 16 * 1024 * 1024, timeout: 300_000, signal },
      (err, _stdout, stderr) =>
        err ? reject(new Error(`ffmpeg failed: ${stderr.slice(-500)}`)) : resolve(stderr),
    );
  });
}

/** The integrated loudness in ebur128's summary (LUFS; −70 for silence). */
function integrated(printed: string): number {
  const summary = printed.slice(printed.lastIndexOf("Summary:"));
  const i = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
  return Number.isFinite(i) ? Math.max(-70, i) : -70;
}

/** Integrated loudness (LUFS, −70 for silence) of what the input arguments produce. */
async function measureGraph(
  inputArgs: string[],
  binary: string,
  signal?: AbortSignal,
): Promise<number> {
  return integrated(await ffmpegPrinted([...inputArgs, "-f", "null", "-"], binary, signal));
}

const measure = (file: string, binary: string, signal?: AbortSignal) =>
  measureGraph(["-i", file, "-vn", "-af", MEASURE], binary, signal);

/** Stretches where someone speaks: words closer than 0.6 s joined, a little air each side. */
export function speechRegions(words: WordTiming[], offset = 0): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  for (const w of words) {
    const start = offset + w.start - 0.1;
    const end = offset + w.end + 0.25;
    const last = regions.at(-1);
    if (last && start - last.end < 0.6) last.end = Math.max(last.end, end);
    else regions.push({ start: Math.max(0, start), end });
  }
  return regions;
}

/** A volume expression: 1 outside speech, DUCK_DB lower inside, 150 ms ramps between. */
export function duckingExpression(regions: { start: number; end: number }[]): string {
  if (regions.length === 0) return "1";
  const ramp = 0.15;
  const inside = regions.map(
    (r) =>
      `min(max((t-${(r.start - ramp).toFixed(3)})/${ramp},0),1)*min(max((${(r.end + ramp).toFixed(3)}-t)/${ramp},0),1)`,
  );
  const any = inside.reduce((acc, x) => `max(${acc},${x})`);
  const floor = 10 ** (-DUCK_DB / 20);
  return `1-${(1 - floor).toFixed(4)}*${any}`;
}

/**
 * The voice cut into its pieces, each after the silence that brings it to its place: one
 * chain ending in [voice], exactly `d` seconds long. Delays are whole milliseconds, counted
 * from the start so the rounding never adds up.
 */
function placedVoice(level: string, pieces: { from: number; to: number; at: number }[], d: number) {
  const labels = pieces.map((_, k) => `[vs${k}]`);
  const chains = [`${level},asplit=${pieces.length}${labels.join("")}`];
  let placedMs = 0;
  pieces.forEach((p, k) => {
    const gap = Math.max(0, Math.round(p.at * 1000) - placedMs);
    placedMs += gap + Math.round((p.to - p.from) * 1000);
    chains.push(
      `[vs${k}]atrim=start=${p.from.toFixed(3)}:end=${p.to.toFixed(3)},asetpts=N/SR/TB,apad,atrim=0:${(p.to - p.from).toFixed(3)},adelay=${gap}|${gap}[vp${k}]`,
    );
  });
  chains.push(
    `${pieces.map((_, k) => `[vp${k}]`).join("")}concat=n=${pieces.length}:v=0:a=1,apad,atrim=0:${d.toFixed(3)}[voice]`,
  );
  return chains;
}

/** The music file's length in seconds; undefined when ffprobe cannot tell. */
const musicLength = (file: string) =>
  probe(file).then(
    (i) => (i.durationSeconds > 0 ? i.durationSeconds : undefined),
    () => undefined,
  );

function codecArgs(output: string): string[] {
  return /\.(m4a|mp4|aac)$/i.test(output) ? ["-c:a", "aac", "-b:a", "192k"] : ["-c:a", "pcm_s16le"];
}

/**
 * Mixes voice and music (either may be missing) into `output`, `durationSeconds` long, at
 * −14 LUFS and ≤ −1 dBTP. With neither, the output is silence (an ad always has a track).
 */
export async function mixAdSound(input: SoundInput): Promise<SoundResult> {
  const bin = input.binary ?? binaries().ffmpeg;
  const d = input.durationSeconds;
  const fmt = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo";
  if (!input.voicePath && !input.musicPath) {
    await runFfmpeg(
      [
        "-f",
        "lavfi",
        "-i",
        "anullsrc=r=48000:cl=stereo",
        "-t",
        d.toFixed(3),
        ...codecArgs(input.output),
        input.output,
      ],
      { binary: bin, signal: input.signal },
    );
    return { output: input.output, silent: true };
  }
  // The two sources' own levels set their balance; one source alone needs none (the whole
  // mix is brought to the target below).
  const both = !!input.voicePath && !!input.musicPath;
  const [voiceLufs, musicLufs, musicSeconds] = await Promise.all([
    both ? measure(input.voicePath!, bin, input.signal) : undefined,
    both ? measure(input.musicPath!, bin, input.signal) : undefined,
    input.musicPath ? musicLength(input.musicPath) : undefined,
  ]);
  const args: string[] = [];
  const chains: string[] = [];
  const mixed: string[] = [];
  const start = input.voiceStart ?? 0;
  if (input.voicePath) {
    args.push("-i", input.voicePath);
    const gain = voiceLufs !== undefined && voiceLufs > -70 ? -16 - voiceLufs : 0;
    const level = `[${mixed.length}:a]${fmt},volume=${gain.toFixed(2)}dB`;
    const pieces = input.voicePieces;
    if (pieces?.length) chains.push(...placedVoice(level, pieces, d));
    else {
      const delay = Math.round(start * 1000);
      chains.push(`${level},adelay=${delay}|${delay},apad,atrim=0:${d.toFixed(3)}[voice]`);
    }
    mixed.push("[voice]");
  }
  if (input.musicPath) {
    const bed = musicBed(input.musicPath, mixed.length, fmt, musicSeconds, d);
    args.push(...bed.inputArgs);
    chains.push(...bed.chains);
    const target = input.voicePath ? -16 - MUSIC_UNDER_VOICE_LU : -16;
    const gain = musicLufs !== undefined && musicLufs > -70 ? target - musicLufs : 0;
    const offset = input.voicePieces?.length ? 0 : start;
    const duck = input.voicePath
      ? duckingExpression(speechRegions(input.words ?? [], offset))
      : "1";
    const fadeIn = input.fadeIn ?? 0.5;
    const fadeOut = Math.min(input.fadeOut ?? 1, d / 2);
    chains.push(
      `${bed.head},atrim=0:${d.toFixed(3)},asetpts=N/SR/TB,volume=${gain.toFixed(2)}dB,volume='${duck}':eval=frame,afade=t=in:d=${fadeIn},afade=t=out:st=${(d - fadeOut).toFixed(3)}:d=${fadeOut.toFixed(3)}[music]`,
    );
    mixed.push("[music]");
  }
  // amix divides by its input count; the loudness pass after it sets the level anyway.
  const mix =
    mixed.length === 2
      ? `${chains.join(";")};[voice][music]amix=inputs=2:duration=first:dropout_transition=0`
      : `${chains.join(";")};${mixed[0]}anull`;
  // Three runs: the mix written and measured; brought to the target through the true-peak
  // limiter, written and measured again (the limiter costs a little loudness); the small
  // remainder applied in the final encode.
  const raw = `${input.output}.mix.wav`;
  const premaster = `${input.output}.premaster.wav`;
  // Exactly the ad's length in samples: the limiter's look-ahead can eat the last few milliseconds.
  const exact = `apad,atrim=end_sample=${Math.round(d * 48000)}`;
  try {
    const measured = await writeAndMeasure(args, mix, raw, bin, input.signal);
    if (!(measured > -70)) {
      // Nothing audible came out of the mix: keep it silent rather than amplify noise.
      return mixAdSound({ ...input, voicePath: undefined, musicPath: undefined });
    }
    const again = await writeAndMeasure(
      ["-i", raw],
      `[0:a]volume=${(TARGET_LUFS - measured).toFixed(2)}dB,${LIMITER},${exact}`,
      premaster,
      bin,
      input.signal,
    );
    await runFfmpeg(
      [
        "-i",
        premaster,
        "-af",
        // A short fade at the very end, so the cut to silence never clicks.
        `volume=${(TARGET_LUFS - again).toFixed(2)}dB,${LIMITER},${exact},afade=t=out:st=${Math.max(0, d - 0.05).toFixed(3)}:d=0.05`,
        ...codecArgs(input.output),
        input.output,
      ],
      { binary: bin, signal: input.signal, durationSeconds: d },
    );
    return { output: path.resolve(input.output), measuredLufs: measured, silent: false };
  } finally {
    await Promise.all([rm(raw, { force: true }), rm(premaster, { force: true })]);
  }
}

/**
 * One ffmpeg run: what the filter graph `graph` makes, written to `file` (32-bit float WAV)
 * and measured on the way (loudnorm's integrated loudness, −70 for silence).
 */
async function writeAndMeasure(
  inputArgs: string[],
  graph: string,
  file: string,
  binary: string,
  signal?: AbortSignal,
): Promise<number> {
  const printed = await ffmpegPrinted(
    [
      ...inputArgs,
      "-filter_complex",
      `${graph},asplit=2[keep][probe];[probe]${MEASURE}[probed]`,
      "-map",
      "[keep]",
      "-c:a",
      "pcm_f32le",
      file,
      "-map",
      "[probed]",
      "-f",
      "null",
      "-",
    ],
    binary,
    signal,
  );
  return integrated(printed);
}
