// A camera parameter over the clip, as a function of progress p (0 at the first frame, 1 at
// the last). Each curve has two faces that must agree: `at` (numbers, for planning and
// bounds checks in TypeScript) and `expr` (the same function in ffmpeg's expression
// language, evaluated per frame by the perspective filter).
export type Curve = { at(p: number): number; expr(p: string): string };

/** A number as ffmpeg's expression parser reads it on every version: fixed point, negatives in parentheses. */
export function lit(v: number): string {
  const s = (Math.abs(v) < 5e-7 ? 0 : v).toFixed(6).replace(/\.?0+$/, "");
  return v < 0 && s !== "0" ? `(${s})` : s;
}

export const constant = (v: number): Curve => ({ at: () => v, expr: () => lit(v) });

/**
 * Ease in and out, but never to a standstill: a blend of constant speed and a cosine ease,
 * so a move starts and lands softly yet still reads as moving at the cut. `soft` 0–1.
 */
export function eased(soft: number): Curve {
  const s = Math.min(1, Math.max(0, soft));
  return {
    at: (p) => (1 - s) * p + s * (0.5 - 0.5 * Math.cos(Math.PI * p)),
    expr: (p) => `(${lit(1 - s)}*${p}+${lit(s)}*(0.5-0.5*cos(PI*${p})))`,
  };
}

/** From a to b along the easing. */
export function tween(a: number, b: number, ease: Curve): Curve {
  return {
    at: (p) => a + (b - a) * ease.at(p),
    expr: (p) => `(${lit(a)}+${lit(b - a)}*${ease.expr(p)})`,
  };
}

/** From a to b geometrically (zoom: equal ratios per frame read as constant speed). */
export function geometric(a: number, b: number, ease: Curve): Curve {
  return {
    at: (p) => a * (b / a) ** ease.at(p),
    expr: (p) => `(${lit(a)}*pow(${lit(b / a)},${ease.expr(p)}))`,
  };
}

/** A sine wave: `cycles` periods over the clip, starting at `phase` (in periods). */
export function wave(amplitude: number, cycles: number, phase = 0): Curve {
  return {
    at: (p) => amplitude * Math.sin(2 * Math.PI * (cycles * p + phase)),
    expr: (p) => `(${lit(amplitude)}*sin(${lit(2 * Math.PI)}*(${lit(cycles)}*${p}+${lit(phase)})))`,
  };
}

export function sum(...curves: Curve[]): Curve {
  return {
    at: (p) => curves.reduce((t, c) => t + c.at(p), 0),
    expr: (p) => `(${curves.map((c) => c.expr(p)).join("+")})`,
  };
}

export function product(a: Curve, b: Curve): Curve {
  return { at: (p) => a.at(p) * b.at(p), expr: (p) => `(${a.expr(p)}*${b.expr(p)})` };
}

/** Zooming towards a fixed point f (0–1) keeps the window inside the frame: centre = f + (0.5 − f) / zoom. */
export function towards(f: number, zoom: Curve): Curve {
  return {
    at: (p) => f + (0.5 - f) / zoom.at(p),
    expr: (p) => `(${lit(f)}+${lit(0.5 - f)}/${zoom.expr(p)})`,
  };
}
