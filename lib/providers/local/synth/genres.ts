// What makes each genre itself: tempo, key and mode, chord progressions, the instruments and
// how they play in one bar. The seed picks the key, the progression and the patterns.
import type { MusicGenre } from "../../types";
import type { Rng } from "../seeded";
import {
  bass,
  bell,
  drum,
  type Instrument,
  keys,
  lead,
  noiseHit,
  pad,
  pluck,
  pulse,
  stab,
} from "./instruments";

export type Chord = { tones: number[]; root: number };

export type Part = {
  instrument: Instrument;
  gain: number;
  send: number;
  pan?: number;
  duck?: boolean;
};

export type BarPlayer = {
  rng: Rng;
  /** Plays a note: start beat within the bar (0–4), length in beats. */
  play(part: string, beat: number, beats: number, midi: number, vel: number, pan?: number): void;
};

export type Genre = {
  bpm: [number, number];
  mode: "major" | "minor";
  /** Tonic choices as MIDI notes. */
  tonics: number[];
  /** Chord voicings sit around this MIDI note. */
  centre: number;
  sevenths: boolean;
  /** Scale degrees from 0 (tonic), one chord per bar. */
  progressions: number[][];
  /** Off-beat eighths are late by this many beats (0 = straight). */
  swing: number;
  reverb: { room: number; damp: number };
  parts: Record<string, Part>;
  bar(p: BarPlayer, chord: Chord, bar: number, bars: number, pattern: number): void;
};

const arp = (chord: Chord, step: number, octave = 12) =>
  chord.tones[step % chord.tones.length] + octave * Math.floor(step / chord.tones.length);

export const GENRES: Record<MusicGenre, Genre> = {
  upbeat: {
    bpm: [108, 122],
    mode: "major",
    tonics: [60, 62, 64, 65, 67],
    centre: 66,
    sevenths: false,
    progressions: [
      [0, 4, 5, 3],
      [0, 5, 3, 4],
      [3, 0, 4, 5],
      [0, 3, 5, 4],
    ],
    swing: 0,
    reverb: { room: 0.5, damp: 0.5 },
    parts: {
      kick: { instrument: drum(140, 50, 0.35, 0.5), gain: 0.6, send: 0 },
      clap: { instrument: noiseHit("bp", 1400, 0.18), gain: 1.2, send: 0.25 },
      hat: { instrument: noiseHit("hp", 8000, 0.05), gain: 0.5, send: 0.05 },
      keys: { instrument: keys, gain: 0.22, send: 0.3 },
      pluck: { instrument: pluck, gain: 0.25, send: 0.35 },
      bass: { instrument: bass(0.45), gain: 0.3, send: 0 },
      pad: { instrument: pad(2200, 0.25), gain: 0.2, send: 0.4 },
    },
    bar(p, chord, _bar, _bars, pattern) {
      for (const b of [0, 2]) p.play("kick", b, 0.5, 0, 1);
      if (p.rng.chance(0.4)) p.play("kick", 2.5, 0.5, 0, 0.55);
      for (const b of [1, 3]) p.play("clap", b, 0.25, 0, 0.8);
      for (let b = 0; b < 4; b += 0.5) p.play("hat", b, 0.25, 0, b % 1 ? 0.75 : 0.4, 0.3);
      const stabs = [
        [0, 1.5, 3],
        [0, 0.5, 1.5, 2.5, 3.5],
        [0, 1.5, 2.5, 3],
      ][pattern % 3];
      for (const b of stabs)
        chord.tones.forEach((m, i) => {
          p.play("keys", b, 0.45, m, b % 1 ? 0.55 : 0.7, -0.3 + 0.3 * i);
        });
      const line = [
        [0, 0.5, 1.5, 2, 2.5, 3.5],
        [0, 1, 1.5, 2.5, 3, 3.5],
      ][pattern % 2];
      for (const b of line)
        p.play("bass", b, 0.42, chord.root + (b === 1.5 || b === 3.5 ? 12 : 0), 0.9);
      chord.tones.forEach((m, i) => {
        p.play("pad", 0, 4, m - 12, 0.7, -0.5 + 0.5 * i);
      });
      for (let s = 0; s < 8; s++)
        p.play(
          "pluck",
          s * 0.5,
          0.3,
          arp(chord, [0, 1, 2, 3, 2, 1, 3, 4][s]) + 12,
          0.6,
          s % 2 ? 0.5 : -0.5,
        );
    },
  },
  chill: {
    bpm: [74, 88],
    mode: "major",
    tonics: [61, 63, 65, 68],
    centre: 60,
    sevenths: true,
    progressions: [
      [1, 4, 0, 5],
      [0, 5, 1, 4],
      [3, 2, 1, 0],
      [0, 3, 2, 5],
    ],
    swing: 0.1,
    reverb: { room: 0.72, damp: 0.6 },
    parts: {
      kick: { instrument: drum(100, 48, 0.3, 0.15), gain: 0.5, send: 0 },
      snare: { instrument: noiseHit("bp", 1600, 0.2, 0.25), gain: 0.8, send: 0.35 },
      shaker: { instrument: noiseHit("hp", 5500, 0.07, 0, 0.012), gain: 0.35, send: 0.2 },
      keys: { instrument: keys, gain: 0.3, send: 0.45 },
      bell: { instrument: bell, gain: 0.3, send: 0.6 },
      bass: { instrument: bass(0.15), gain: 0.35, send: 0 },
      pad: { instrument: pad(900, 0.6), gain: 0.25, send: 0.5 },
    },
    bar(p, chord, bar, _bars, pattern) {
      p.play("kick", 0, 0.5, 0, 1);
      p.play("kick", pattern % 2 ? 2.5 : 1.75, 0.5, 0, 0.7);
      for (const b of [1, 3]) p.play("snare", b, 0.25, 0, 0.7);
      for (let b = 0; b < 4; b += 0.5) p.play("shaker", b, 0.2, 0, b % 1 ? 0.5 : 0.8, 0.35);
      chord.tones.forEach((m, i) => {
        p.play("keys", 0, 2.5, m, 0.6, -0.25 + 0.17 * i);
      });
      chord.tones.forEach((m, i) => {
        p.play("pad", 0, 4, m, 0.6, 0.4 - 0.27 * i);
      });
      chord.tones.forEach((m, i) => {
        p.play("keys", 2.5, 1.3, m, 0.4, -0.25 + 0.17 * i);
      });
      p.play("bass", 0, 2.4, chord.root, 0.9);
      p.play("bass", 2.5, 1.2, chord.root + (pattern % 2 ? 7 : 12), 0.7);
      if (bar % 2 === 1)
        for (const [b, s] of [
          [1.5, 3],
          [3, 2],
        ])
          p.play("bell", b, 1, arp(chord, s) + 12, 0.6, 0.3);
    },
  },
  energetic: {
    bpm: [124, 136],
    mode: "minor",
    tonics: [57, 59, 61, 62, 64],
    centre: 64,
    sevenths: false,
    progressions: [
      [0, 5, 2, 6],
      [5, 6, 0, 0],
      [0, 3, 5, 6],
      [0, 6, 5, 6],
    ],
    swing: 0,
    reverb: { room: 0.45, damp: 0.5 },
    parts: {
      kick: { instrument: drum(160, 46, 0.3, 0.7), gain: 0.6, send: 0 },
      clap: { instrument: noiseHit("bp", 1300, 0.16), gain: 1.2, send: 0.2 },
      hat: { instrument: noiseHit("hp", 9000, 0.04), gain: 0.4, send: 0 },
      open: { instrument: noiseHit("hp", 7000, 0.22), gain: 0.3, send: 0.1 },
      stab: { instrument: stab, gain: 0.45, send: 0.25, duck: true },
      lead: { instrument: lead, gain: 0.2, send: 0.2, duck: true },
      bass: { instrument: bass(0.8), gain: 0.3, send: 0, duck: true },
    },
    bar(p, chord, _bar, _bars, pattern) {
      for (let b = 0; b < 4; b++) p.play("kick", b, 0.5, 0, 1);
      for (const b of [1, 3]) p.play("clap", b, 0.25, 0, 0.9);
      for (let b = 0; b < 4; b += 0.25) p.play("hat", b, 0.15, 0, b % 0.5 ? 0.45 : 0.8, 0.25);
      for (let b = 0.5; b < 4; b++) p.play("open", b, 0.3, 0, 0.7, -0.2);
      for (let b = 0.5; b < 4; b++) {
        p.play("bass", b, 0.4, chord.root, 1);
        if (pattern % 2) p.play("bass", b + 0.25, 0.2, chord.root + 12, 0.6);
      }
      const stabs = [
        [0, 0.75, 1.5, 2.5, 3.25],
        [0.5, 1.5, 2, 2.75, 3.5],
      ][pattern % 2];
      for (const b of stabs)
        chord.tones.forEach((m, i) => {
          p.play("stab", b, 0.3, m, 0.8, -0.4 + 0.4 * i);
        });
      const order = [0, 1, 2, 3, 4, 3, 2, 1];
      for (let s = 0; s < 16; s++)
        p.play(
          "lead",
          s * 0.25,
          0.2,
          arp(chord, order[(s + pattern) % 8]) + 12,
          s % 4 ? 0.55 : 0.8,
          0.2,
        );
    },
  },
  cinematic: {
    bpm: [60, 72],
    mode: "minor",
    tonics: [57, 60, 62, 64],
    centre: 57,
    sevenths: false,
    progressions: [
      [0, 5, 2, 6],
      [0, 3, 5, 4],
      [0, 5, 3, 6],
      [0, 2, 6, 5],
    ],
    swing: 0,
    reverb: { room: 0.9, damp: 0.35 },
    parts: {
      boom: { instrument: drum(70, 38, 1.6, 0.3), gain: 0.6, send: 0.3 },
      tom: { instrument: drum(120, 70, 0.5, 0.25), gain: 0.8, send: 0.4 },
      strings: { instrument: pad(1500, 0.7), gain: 0.34, send: 0.5 },
      drone: { instrument: pad(400, 1), gain: 0.3, send: 0.2 },
      pulse: { instrument: pulse, gain: 0.25, send: 0.25 },
      bell: { instrument: bell, gain: 0.3, send: 0.7 },
    },
    bar(p, chord, bar, _bars, pattern) {
      p.play("boom", 0, 1, 0, 1);
      if (bar % 2)
        for (const [b, v] of [
          [3, 0.5],
          [3.5, 0.7],
        ])
          p.play("tom", b, 0.5, 0, v, 0.2);
      chord.tones.forEach((m, i) => {
        p.play("strings", 0, 4, m, 0.7, -0.5 + 0.5 * i);
      });
      p.play("strings", 0, 4, chord.tones[0] + 12, 0.4, 0.3);
      p.play("drone", 0, 4, chord.root - 12, 0.9);
      for (let b = 0; b < 4; b += 0.5)
        p.play(
          "pulse",
          b,
          0.35,
          chord.root + (b % 1 && pattern % 2 ? 7 : 0),
          b % 1 ? 0.6 : 0.9,
          -0.15,
        );
      for (const [b, s] of [
        [0, 2],
        [1.5, 3],
        [3, 4],
      ])
        p.play("bell", b, 1.2, arp(chord, s) + 12, 0.5, 0.35);
    },
  },
};
