// The few building blocks the music synth needs, in plain TypeScript so a bed sounds the same
// on every machine and ffmpeg version: band-limited wavetables, filters, a reverb, and a
// Track that wraps writes past its end back to the start (so the bed loops seamlessly).
export const SAMPLE_RATE = 48000;

const SIZE = 2048;

function wavetable(amplitude: (harmonic: number) => number, harmonics: number): Float32Array {
  const t = new Float32Array(SIZE + 1);
  let peak = 0;
  for (let i = 0; i <= SIZE; i++) {
    let v = 0;
    for (let n = 1; n <= harmonics; n++) v += amplitude(n) * Math.sin((2 * Math.PI * n * i) / SIZE);
    t[i] = v;
    peak = Math.max(peak, Math.abs(v));
  }
  return t.map((v) => v / peak);
}

export const SINE = wavetable((n) => (n === 1 ? 1 : 0), 1);
/** Sawtooth with 24 harmonics: alias-free up to ~1 kHz fundamentals. */
export const SAW = wavetable((n) => 1 / n, 24);
export const SQUARE = wavetable((n) => (n % 2 ? 1 / n : 0), 23);
/** A soft, rounded tone: a few falling harmonics. */
export const WARM = wavetable((n) => [1, 0.45, 0.22, 0.1, 0.05][n - 1] ?? 0, 5);

/** The table's value at a phase in cycles (any real number), linearly interpolated. */
export function lookup(table: Float32Array, phase: number): number {
  const p = (phase - Math.floor(phase)) * SIZE;
  const i = p | 0;
  return table[i] + (table[i + 1] - table[i]) * (p - i);
}

export const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Equal-power pan: -1 left, 0 centre, 1 right. */
export function panGains(pan: number): [number, number] {
  const a = ((Math.max(-1, Math.min(1, pan)) + 1) * Math.PI) / 4;
  return [Math.cos(a), Math.sin(a)];
}

/** A stereo buffer of a fixed length; writes past the end wrap to the start. */
export class Track {
  readonly L: Float32Array;
  readonly R: Float32Array;
  constructor(readonly length: number) {
    this.L = new Float32Array(length);
    this.R = new Float32Array(length);
  }
  add(index: number, left: number, right: number): void {
    const k = index % this.length;
    this.L[k] += left;
    this.R[k] += right;
  }
  mixInto(target: Track, gain = 1): void {
    for (let i = 0; i < this.length; i++) {
      target.L[i] += this.L[i] * gain;
      target.R[i] += this.R[i] * gain;
    }
  }
}

export class OnePole {
  private z = 0;
  private a = 0;
  constructor(cutoff: number) {
    this.set(cutoff);
  }
  set(cutoff: number): void {
    this.a = 1 - Math.exp((-2 * Math.PI * Math.min(cutoff, SAMPLE_RATE * 0.45)) / SAMPLE_RATE);
  }
  lp(x: number): number {
    this.z += this.a * (x - this.z);
    return this.z;
  }
  hp(x: number): number {
    return x - this.lp(x);
  }
}

/** Zavalishin's state-variable filter (stable under fast cutoff changes); one output per instance. */
export class Svf {
  private ic1 = 0;
  private ic2 = 0;
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  private k = 1;
  constructor(cutoff: number, q = Math.SQRT1_2) {
    this.set(cutoff, q);
  }
  set(cutoff: number, q = Math.SQRT1_2): void {
    const g = Math.tan((Math.PI * Math.min(cutoff, SAMPLE_RATE * 0.45)) / SAMPLE_RATE);
    this.k = 1 / q;
    this.a1 = 1 / (1 + g * (g + this.k));
    this.a2 = g * this.a1;
    this.a3 = g * this.a2;
  }
  private v1 = 0;
  private v2 = 0;
  private step(x: number): void {
    const v3 = x - this.ic2;
    this.v1 = this.a1 * this.ic1 + this.a2 * v3;
    this.v2 = this.ic2 + this.a2 * this.ic1 + this.a3 * v3;
    this.ic1 = 2 * this.v1 - this.ic1;
    this.ic2 = 2 * this.v2 - this.ic2;
  }
  lp(x: number): number {
    this.step(x);
    return this.v2;
  }
  bp(x: number): number {
    this.step(x);
    return this.v1;
  }
  hp(x: number): number {
    this.step(x);
    return x - this.k * this.v1 - this.v2;
  }
}

const COMBS = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const ALLPASSES = [556, 441, 341, 225];

/**
 * Freeverb (Jezar's public-domain design) over a looped track: it runs over the track twice
 * and keeps the second pass, so the tail of the end rings on into the start like it would
 * when the bed loops. Returns the wet signal only.
 */
export function reverb(send: Track, room: number, damp: number): Track {
  const out = new Track(send.length);
  const scale = SAMPLE_RATE / 44100;
  for (const [channel, spread] of [
    [0, 0],
    [1, 23],
  ] as const) {
    const input = channel ? send.R : send.L;
    const target = channel ? out.R : out.L;
    const combs = COMBS.map((n) => ({
      buf: new Float32Array(Math.round((n + spread) * scale)),
      i: 0,
      store: 0,
    }));
    const aps = ALLPASSES.map((n) => ({
      buf: new Float32Array(Math.round((n + spread) * scale)),
      i: 0,
    }));
    const feedback = 0.7 + 0.28 * room,
      d = 0.4 * damp;
    for (let pass = 0; pass < 2; pass++) {
      for (let s = 0; s < send.length; s++) {
        const x = input[s] * 0.015;
        let acc = 0;
        for (const c of combs) {
          const y = c.buf[c.i];
          c.store = y * (1 - d) + c.store * d;
          c.buf[c.i] = x + c.store * feedback;
          if (++c.i === c.buf.length) c.i = 0;
          acc += y;
        }
        for (const a of aps) {
          const b = a.buf[a.i];
          a.buf[a.i] = acc + b * 0.5;
          if (++a.i === a.buf.length) a.i = 0;
          acc = b - acc;
        }
        if (pass) target[s] = acc * 3;
      }
    }
  }
  return out;
}
