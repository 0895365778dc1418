// Renders a music bed: the genre's parts bar by bar over a chord progression, ducking under
// the kick where the genre wants it, a shared reverb, then levelled to a fixed loudness with
// headroom. The tempo is nudged so the bed is a whole number of beats (bars where it can):
// with note tails and reverb wrapped around, it loops without a seam.
import type { MusicGenre } from "../../types";
import { checkpoint } from "../call";
import { createRng, mixSeed } from "../seeded";
import { OnePole, reverb, SAMPLE_RATE, Track } from "./dsp";
import { type Chord, GENRES, type Genre } from "./genres";

export type Bed = {
  left: Float32Array;
  right: Float32Array;
  bpm: number;
  tonic: number;
  mode: Genre["mode"];
  progression: number[];
  bars: number;
};

const SCALES = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 10] };
const PEAK = 0.89; // -1 dBFS
const TARGET_RMS = 0.2;

/** The MIDI note of pitch class `pc` nearest to `centre` (within half an octave). */
const near = (pc: number, centre: number) => centre - 6 + ((((pc - (centre - 6)) % 12) + 12) % 12);

export function chordOf(g: Genre, tonic: number, degree: number): Chord {
  const scale = SCALES[g.mode];
  const step = (n: number) => scale[n % 7] + 12 * Math.floor(n / 7);
  const intervals = [0, 2, 4, ...(g.sevenths ? [6] : [])].map((k) => step(degree + k));
  const tones = intervals.map((iv) => near((tonic + iv) % 12, g.centre)).sort((a, b) => a - b);
  return { tones, root: near((tonic + step(degree)) % 12, 40) };
}

/**
 * A tempo in the genre's range that fits the length exactly: a whole number of bars if one
 * fits, else of beats (short beds). Genres' ranges do not overlap, so neither do their tempos.
 */
function fitTempo(g: Genre, seconds: number, wanted: number): { bpm: number; bars: number } {
  const [lo, hi] = g.bpm;
  const inRange = (beats: number) => (beats * 60) / seconds >= lo && (beats * 60) / seconds <= hi;
  const bars = Math.max(1, Math.round((seconds * wanted) / 240));
  if (inRange(bars * 4)) return { bpm: (bars * 240) / seconds, bars };
  const near = Math.round((seconds * wanted) / 60);
  const beats = Math.max(2, [near, near - 1, near + 1].find(inRange) ?? near);
  return { bpm: (beats * 60) / seconds, bars: beats / 4 };
}

/** The whole bed at once (short previews). */
export function synthesiseBed(genreName: MusicGenre, seconds: number, seed: number): Bed {
  const steps = bedSteps(genreName, seconds, seed);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same bed in slices: it yields to the event loop after every bar and effect (a worker
 * may share its process with the web server) and stops when `signal` aborts.
 */
export async function synthesiseBedInSlices(
  genreName: MusicGenre,
  seconds: number,
  seed: number,
  signal?: AbortSignal,
): Promise<Bed> {
  const steps = bedSteps(genreName, seconds, seed);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await checkpoint(signal);
  }
}

function* bedSteps(genreName: MusicGenre, seconds: number, seed: number): Generator<void, Bed> {
  const g = GENRES[genreName];
  const rng = createRng(mixSeed(seed, "music", genreName));
  const { bpm, bars } = fitTempo(g, seconds, rng.range(g.bpm[0], g.bpm[1]));
  const tonic = rng.pick(g.tonics);
  const progression = rng.pick(g.progressions);
  const pattern = rng.int(0, 5);
  const length = Math.round(seconds * SAMPLE_RATE);
  const spb = 60 / bpm;
  const tracks = Object.fromEntries(Object.keys(g.parts).map((name) => [name, new Track(length)]));
  const kicks: number[] = [];

  for (let bar = 0; bar < Math.ceil(bars); bar++) {
    const chord = chordOf(g, tonic, progression[bar % progression.length]);
    g.bar(
      {
        rng,
        play(part, beat, beats, midi, vel, pan) {
          const late = beat % 1 === 0.5 ? g.swing : 0;
          // A few milliseconds and a few per cent of human unevenness, from the seed.
          const start =
            (bar * 4 + beat + late) * spb +
            (part === "kick" || part === "boom" ? 0 : rng.range(-0.004, 0.004));
          if (start >= seconds - 1e-6) return; // a partial last bar: the loop starts again here
          if (part === "kick") kicks.push(Math.max(0, start));
          const p = g.parts[part];
          p.instrument(
            tracks[part],
            {
              start: Math.max(0, start),
              dur: beats * spb,
              midi,
              vel: vel * rng.range(0.94, 1.06),
              pan: pan ?? p.pan ?? 0,
            },
            rng,
          );
        },
      },
      chord,
      bar,
      bars,
      pattern,
    );
    yield;
  }

  const master = new Track(length);
  const send = new Track(length);
  const duck = duckEnvelope(length, kicks);
  for (const [name, part] of Object.entries(g.parts)) {
    const t = tracks[name];
    if (part.duck)
      for (let i = 0; i < length; i++) {
        t.L[i] *= duck[i];
        t.R[i] *= duck[i];
      }
    t.mixInto(master, part.gain);
    if (part.send) t.mixInto(send, part.gain * part.send);
  }
  yield;
  reverb(send, g.reverb.room, g.reverb.damp).mixInto(master);
  yield;
  level(master);
  return { left: master.L, right: master.R, bpm, tonic, mode: g.mode, progression, bars };
}

/** Gain that dips after every kick and swells back (the "pumping" of dance music). */
function duckEnvelope(length: number, kicks: number[]): Float32Array {
  const env = new Float32Array(length).fill(1);
  const span = Math.round(0.3 * SAMPLE_RATE),
    attack = 0.004 * SAMPLE_RATE,
    tau = 0.09 * SAMPLE_RATE;
  for (const k of kicks) {
    const s = Math.round(k * SAMPLE_RATE);
    for (let i = 0; i < span; i++) {
      const g = 1 - 0.55 * Math.min(1, i / attack) * Math.exp(-i / tau);
      const j = (s + i) % length;
      if (g < env[j]) env[j] = g;
    }
  }
  return env;
}

/**
 * High-pass away the rumble, ease the loudest moments down (a gentle 3:1 compressor: a bed
 * should sit evenly under a video), then one gain: loud enough, never clipping. Filter and
 * compressor run over the loop twice, like the reverb, so the start continues the end.
 */
function level(t: Track): void {
  for (const ch of [t.L, t.R]) {
    const hp = new OnePole(30);
    for (let i = 0; i < ch.length; i++) hp.hp(ch[i]);
    for (let i = 0; i < ch.length; i++) ch[i] = hp.hp(ch[i]);
  }
  const threshold = 2 * rms(t);
  const attack = 1 - Math.exp(-1 / (0.008 * SAMPLE_RATE)),
    release = 1 - Math.exp(-1 / (0.2 * SAMPLE_RATE));
  let env = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < t.length; i++) {
      const x = Math.max(Math.abs(t.L[i]), Math.abs(t.R[i]));
      env += (x > env ? attack : release) * (x - env);
      if (!pass || env <= threshold) continue;
      const g = (threshold / env) ** (1 - 1 / 3);
      t.L[i] *= g;
      t.R[i] *= g;
    }
  }
  let peak = 0;
  for (const ch of [t.L, t.R]) for (const v of ch) peak = Math.max(peak, Math.abs(v));
  if (peak === 0) return;
  const gain = Math.min(PEAK / peak, TARGET_RMS / rms(t));
  for (const ch of [t.L, t.R]) for (let i = 0; i < ch.length; i++) ch[i] *= gain;
}

function rms(t: Track): number {
  let sum = 0;
  for (const ch of [t.L, t.R]) for (const v of ch) sum += v * v;
  return Math.sqrt(sum / (2 * t.length));
}
