// Deterministic randomness for the local providers. Everything "random" they do comes from
// a seed through these helpers, so the same input always gives the same output — across
// runs and machines (no Math.random, no clock).

/** FNV-1a over the UTF-16 code units of a string: a stable 32-bit hash. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines a seed with labels into a new 32-bit seed, so each use of one seed gets its own stream. */
export function mixSeed(seed: number, ...labels: (string | number)[]): number {
  return hashString(`${seed >>> 0}|${labels.join("|")}`);
}

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
  /** Roughly normal (sum of uniforms), mean 0, standard deviation about 1. */
  gauss(): number;
};

/** mulberry32: small, fast and good enough for art and music. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    gauss: () => (next() + next() + next() + next() - 2) * 1.732,
  };
}
