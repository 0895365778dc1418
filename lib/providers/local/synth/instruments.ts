// The instruments of the beds: each renders one note into a Track. Every note has a soft
// attack and release (no clicks); timbres are simple on purpose — an FM electric piano, a
// detuned-saw pad, a round bass, plucks, and a small drum kit made from sine sweeps and
// filtered noise.
import type { Rng } from "../seeded";
import {
  hz,
  lookup,
  OnePole,
  panGains,
  SAMPLE_RATE,
  SAW,
  SINE,
  SQUARE,
  Svf,
  type Track,
  WARM,
} from "./dsp";

export type Note = { start: number; dur: number; midi: number; vel: number; pan: number };
export type Instrument = (track: Track, note: Note, rng: Rng) => void;

type Shape = { attack: number; decay: number; sustain: number; release: number };

/**
 * Plays `source(i, t, env)` (i: sample index in the note, t: seconds) for the note's length
 * plus its release, shaped by an attack–decay–sustain–release envelope, panned.
 */
function voice(
  track: Track,
  note: Note,
  shape: Shape,
  source: (i: number, t: number, env: number) => number,
): void {
  const start = Math.max(0, Math.round(note.start * SAMPLE_RATE));
  const hold = Math.max(1, Math.round(note.dur * SAMPLE_RATE));
  const rel = Math.max(1, Math.round(shape.release * SAMPLE_RATE));
  const att = Math.max(1, Math.round(shape.attack * SAMPLE_RATE));
  const decayPerSample = Math.exp(-1 / Math.max(1, shape.decay * SAMPLE_RATE));
  const [gl, gr] = panGains(note.pan);
  let level = 1;
  let atRelease = 1;
  for (let i = 0; i < hold + rel; i++) {
    if (i >= att) level = shape.sustain + (level - shape.sustain) * decayPerSample;
    let env = i < att ? 0.5 - 0.5 * Math.cos((Math.PI * i) / att) : level;
    if (i === hold) atRelease = env;
    if (i >= hold) env = atRelease * 0.5 * (1 + Math.cos((Math.PI * (i - hold)) / rel));
    const v = source(i, i / SAMPLE_RATE, env) * env * note.vel;
    track.add(start + i, v * gl, v * gr);
  }
}

/** FM electric piano: a warm tine whose brightness fades as the note decays. */
export const keys: Instrument = (track, note) => {
  const f = hz(note.midi) / SAMPLE_RATE;
  voice(
    track,
    note,
    { attack: 0.004, decay: 0.9, sustain: 0.12, release: 0.25 },
    (i, _t, env) =>
      lookup(SINE, i * f + 0.9 * env * lookup(SINE, i * f)) + 0.15 * lookup(SINE, i * f * 2),
  );
};

/** A bright, short pluck for arpeggios. */
export const pluck: Instrument = (track, note) => {
  const f = hz(note.midi) / SAMPLE_RATE;
  voice(track, note, { attack: 0.003, decay: 0.22, sustain: 0, release: 0.08 }, (i, _t, env) =>
    lookup(SINE, i * f + 1.4 * env * lookup(SINE, 2 * i * f)),
  );
};

/** A glassy bell for sparse melodies; slightly inharmonic FM, long ring. */
export const bell: Instrument = (track, note) => {
  const f = hz(note.midi) / SAMPLE_RATE;
  voice(track, note, { attack: 0.006, decay: 1.4, sustain: 0, release: 0.6 }, (i, _t, env) =>
    lookup(SINE, i * f + 0.7 * env * lookup(SINE, 3.5 * i * f)),
  );
};

/** Three detuned saws through a low-pass: strings or a synth pad. Slow to swell. */
export function pad(cutoff: number, attack: number): Instrument {
  return (track, note, rng) => {
    const f = hz(note.midi) / SAMPLE_RATE;
    const detune = [0.9965, 1, 1.0035];
    const phases = detune.map(() => rng.next());
    const lp1 = new OnePole(cutoff),
      lp2 = new OnePole(cutoff);
    voice(track, note, { attack, decay: 2, sustain: 0.8, release: Math.max(0.5, attack) }, (i) => {
      const v =
        (lookup(SAW, i * f * detune[0] + phases[0]) +
          lookup(SAW, i * f * detune[1] + phases[1]) +
          lookup(SAW, i * f * detune[2] + phases[2])) /
        3;
      return lp2.lp(lp1.lp(v));
    });
  };
}

/** Detuned saws with a filter that snaps shut: the stab of dance music. */
export const stab: Instrument = (track, note, rng) => {
  const f = hz(note.midi) / SAMPLE_RATE;
  const detune = [0.99, 0.996, 1, 1.004, 1.01];
  const phases = detune.map(() => rng.next());
  const filter = new Svf(3000, 0.9);
  voice(track, note, { attack: 0.003, decay: 0.18, sustain: 0.25, release: 0.1 }, (i, t) => {
    if (i % 32 === 0) filter.set(500 + 3500 * Math.exp(-t / 0.09), 0.9);
    let v = 0;
    for (let k = 0; k < 5; k++) v += lookup(SAW, i * f * detune[k] + phases[k]);
    return filter.lp(v / 5);
  });
};

/** A square-wave lead, softened. */
export const lead: Instrument = (track, note) => {
  const f = hz(note.midi) / SAMPLE_RATE;
  const lp = new OnePole(2600);
  voice(track, note, { attack: 0.004, decay: 0.14, sustain: 0.2, release: 0.06 }, (i) =>
    lp.lp(lookup(SQUARE, i * f)),
  );
};

/** Round bass: a sine with a touch of filtered saw for definition on small speakers. */
export function bass(growl: number): Instrument {
  return (track, note) => {
    const f = hz(note.midi) / SAMPLE_RATE;
    const lp = new OnePole(380 + 500 * growl);
    voice(
      track,
      note,
      { attack: 0.006, decay: 0.5, sustain: 0.7, release: 0.07 },
      (i) => 0.8 * lookup(WARM, i * f) + growl * lp.lp(lookup(SAW, i * f)),
    );
  };
}

/** Short bowed low strings for an ostinato pulse. */
export const pulse: Instrument = (track, note) => {
  const f = hz(note.midi) / SAMPLE_RATE;
  const lp = new OnePole(900);
  voice(track, note, { attack: 0.012, decay: 0.12, sustain: 0.35, release: 0.09 }, (i) =>
    lp.lp(lookup(SAW, i * f)),
  );
};

// --- drums (midi is ignored unless said otherwise) ---

/** A sine falling from `from` to `to` Hz: kick, tom or a cinematic boom. */
export function drum(from: number, to: number, length: number, click: number): Instrument {
  return (track, note, rng) => {
    let phase = 0;
    const lp = new OnePole(2500);
    voice(
      track,
      { ...note, dur: length },
      { attack: 0.001, decay: length / 2.5, sustain: 0, release: 0.05 },
      (_i, t) => {
        phase += (to + (from - to) * Math.exp(-t / 0.035)) / SAMPLE_RATE;
        return lookup(SINE, phase) + (t < 0.006 ? click * lp.lp(rng.range(-1, 1)) : 0);
      },
    );
  };
}

/** Filtered noise with a tone under it: snare (`tone` > 0), clap, hat or shaker. */
export function noiseHit(
  kind: "bp" | "hp",
  cutoff: number,
  length: number,
  tone = 0,
  attack = 0.001,
): Instrument {
  return (track, note, rng) => {
    const filter = new Svf(cutoff, kind === "bp" ? 1.2 : 0.7);
    voice(
      track,
      { ...note, dur: length * 0.2 },
      { attack, decay: length / 3, sustain: 0, release: length * 0.8 },
      (i) => {
        const n = rng.range(-1, 1);
        const v = kind === "bp" ? filter.bp(n) * 1.6 : filter.hp(n);
        return tone ? v + tone * lookup(SINE, (i * 185) / SAMPLE_RATE) : v;
      },
    );
  };
}
