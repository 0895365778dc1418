// Shares the pieces a compose must encode among `n` ffmpeg runs (one per core), so that the
// runs end together. A text piece (the title over the opening seconds) is most of the work
// and would leave a core idle: it is cut into shorter pieces until the runs are even.
// Pieces that go into the cache are never cut (the cache keeps whole segments).
import { CUT_GRID, type Segment, splitRender } from "./timeline";

type RenderSegment = Extract<Segment, { kind: "render" }>;

export type Piece = {
  seg: RenderSegment;
  /** Index of the timeline segment it renders (all of it, or one cut of it). */
  k: number;
  /** Cache key; undefined for pieces that show text. */
  key?: string;
  output: string;
  /** Work per frame relative to a full-size 9:16 frame (its pixels); default 1. */
  scale?: number;
  /** Which format of the compose it belongs to (piece-batch.ts). */
  owner?: number;
  /** Its card is the designed one (end-card.ts), drawn and moving on every frame. */
  movingCard?: boolean;
};

/** Shortest piece worth its own start-up and keyframe. */
const MIN_CUT_FRAMES = 12;

/**
 * Costs per frame, relative to a frame copied through from a clip, measured on 1080×1920
 * veryfast pieces: a blended frame (crossfade, the card's dissolve) ≈ 2.4, a held still ≈ 0.5,
 * the designed card's moving frame ≈ 1.8, text over a clip ≈ 1.1; plus ≈ 5 to start a piece.
 */
export function pieceCost(seg: RenderSegment, opts: { movingCard?: boolean } = {}): number {
  const parts = seg.parts.reduce(
    (c, p) =>
      c +
      (p.kind === "clip"
        ? p.srcTo - p.srcFrom
        : p.kind === "hold"
          ? 0.5 * p.frames
          : p.kind === "card"
            ? (opts.movingCard ? 1.8 : 0.5) * p.frames
            : 2.4 * p.frames),
    0,
  );
  const text = seg.overlays.reduce(
    (c, o) => c + 0.1 * (Math.min(o.to, seg.to) - Math.max(o.from, seg.from)),
    0,
  );
  return 5 + parts + text;
}

const cost = (p: Piece) => pieceCost(p.seg, p) * (p.scale ?? 1);

export function planRuns(pieces: Piece[], n: number): Piece[][] {
  let current = pieces;
  let runs = shareOut(current, n);
  // Each round cuts the costliest text piece of the longest run where that evens the runs
  // most; it stops when a cut gains little (every cut adds a start-up and a keyframe).
  for (let round = 0; round < 4 && n > 1 && current.length < 10; round++) {
    const worst = runs.reduce((a, b) => (total(b) > total(a) ? b : a), []);
    const cuttable = worst.filter((p) => !p.key).sort((a, b) => cost(b) - cost(a))[0];
    if (!cuttable) break;
    let best: { pieces: Piece[]; runs: Piece[][] } | undefined;
    for (const halves of cuts(cuttable)) {
      const next = current.flatMap((p) => (p === cuttable ? halves : [p]));
      const nextRuns = shareOut(next, n);
      if (!best || makespan(nextRuns) < makespan(best.runs))
        best = { pieces: next, runs: nextRuns };
    }
    if (!best || makespan(best.runs) > 0.95 * makespan(runs)) break;
    current = best.pieces;
    runs = best.runs;
  }
  return runs;
}

function total(run: Piece[]): number {
  return run.reduce((c, p) => c + cost(p), 0);
}

function makespan(runs: Piece[][]): number {
  return Math.max(0, ...runs.map(total));
}

/** Every way to cut the piece in two on the cut grid (not through a transition), no part too short. */
function cuts(p: Piece): [Piece, Piece][] {
  const out: [Piece, Piece][] = [];
  const { from, to } = p.seg;
  for (let at = from + MIN_CUT_FRAMES; at <= to - MIN_CUT_FRAMES; at++) {
    if (at % CUT_GRID !== 0) continue;
    const halves = splitRender(p.seg, at);
    if (halves)
      out.push([
        { ...p, seg: halves[0] },
        { ...p, seg: halves[1] },
      ]);
  }
  return out;
}

/**
 * Splits the pieces into at most `n` runs of about equal work. Two runs (one per core, the
 * usual case) are split exactly when there are few pieces; otherwise biggest first to the lightest.
 */
function shareOut(pieces: Piece[], n: number): Piece[][] {
  const costs = pieces.map(cost);
  const runs = Math.min(n, pieces.length);
  if (runs === 2 && pieces.length <= 16) {
    const sum = costs.reduce((a, b) => a + b, 0);
    let bestMask = 1;
    let bestMax = Infinity;
    for (let mask = 1; mask < 1 << pieces.length; mask += 2) {
      // piece 0 always in run A
      const a = costs.reduce((acc, c, i) => acc + (mask & (1 << i) ? c : 0), 0);
      const worst = Math.max(a, sum - a);
      if (worst < bestMax) [bestMax, bestMask] = [worst, mask];
    }
    return [
      pieces.filter((_, i) => bestMask & (1 << i)),
      pieces.filter((_, i) => !(bestMask & (1 << i))),
    ].filter((g) => g.length);
  }
  const out = Array.from({ length: runs }, () => ({ cost: 0, pieces: [] as Piece[] }));
  for (const i of costs.map((_, i) => i).sort((x, y) => costs[y] - costs[x])) {
    const lightest = out.reduce((a, b) => (b.cost < a.cost ? b : a));
    lightest.cost += costs[i];
    lightest.pieces.push(pieces[i]);
  }
  return out.map((r) => r.pieces).filter((g) => g.length);
}
