import { expect, test } from "vitest";
import { type PieceContext, pieceKey, textFreeStretches } from "./piece-cache";
import { type Piece, pieceCost, planRuns } from "./piece-runs";
import { planTimeline, type Segment, type TimelineClip } from "./timeline";

type RenderSegment = Extract<Segment, { kind: "render" }>;
const clip = (frames: number): TimelineClip => ({
  frames,
  keyframes: Array.from({ length: Math.ceil(frames / 15) }, (_, i) => i * 15),
});
const ctx = (hashes: string[]): PieceContext => ({
  clips: hashes.map((hash) => ({ hash, frames: 90 })),
  width: 1080,
  height: 1920,
  preset: "veryfast",
  crf: 21,
  binary: "ffmpeg",
});
const edit = () =>
  planTimeline({
    clips: [clip(90), clip(90), clip(90)],
    crossfadeFrames: 15,
    title: { frames: 60 },
    endCard: { frames: 60, mode: "append" },
  });
const renders = (segments: Segment[]) =>
  segments.filter((s): s is RenderSegment => s.kind === "render");

test("a crossfade's key names its two clips, not where it sits; text has no key", () => {
  const tl = edit();
  const [title, ab, bc] = renders(tl.segments);
  expect(pieceKey(title, ctx(["a", "b", "c"]))).toBeUndefined();
  // Clips a, b, c: the first crossfade is a→b. Clips x, a, b: a→b is the second one, same key.
  expect(pieceKey(ab, ctx(["a", "b", "c"]))).toBe(pieceKey(bc, ctx(["x", "a", "b"])));
  expect(pieceKey(ab, ctx(["a", "b", "c"]))).not.toBe(pieceKey(ab, ctx(["a", "z", "c"])));
  expect(pieceKey(ab, ctx(["a", "b", "c"]))).not.toBe(
    pieceKey(ab, { ...ctx(["a", "b", "c"]), width: 1080, height: 1080 }),
  );
});

test("the text-free middle of an ad is one stretch: from the end of the title to the call to action", () => {
  const tl = edit();
  const [stretch, ...more] = textFreeStretches(tl, ctx(["a", "b", "c"]));
  expect(more).toEqual([]);
  expect(stretch).toMatchObject({ from: 60, to: tl.overlays.find((o) => o.kind === "cta")!.from });
  expect(textFreeStretches(tl, ctx(["a", "b", "d"]))[0].key).not.toBe(stretch.key);
});

test("the pieces left to encode are shared among the runs; the title is cut to even them, a kept piece never", () => {
  const tl = edit();
  const [title, ab, bc, cardIn, card] = renders(tl.segments);
  const piece = (seg: RenderSegment, key?: string): Piece => ({
    seg,
    k: tl.segments.indexOf(seg),
    key,
    output: "",
  });
  const runs = planRuns([piece(title), piece(card)], 2);
  expect(runs).toHaveLength(2);
  const cost = (run: Piece[]) => run.reduce((c, p) => c + pieceCost(p.seg), 0);
  expect(Math.max(...runs.map(cost))).toBeLessThan(pieceCost(title)); // better than the whole title on one core
  expect(
    runs
      .flat()
      .filter((p) => p.k === tl.segments.indexOf(title))
      .reduce((n, p) => n + p.seg.to - p.seg.from, 0),
  ).toBe(60);

  const kept = planRuns([piece(ab, "k1"), piece(bc, "k2"), piece(cardIn, "k3")], 2);
  expect(kept.flat().map((p) => p.seg)).toEqual(expect.arrayContaining([ab, bc, cardIn]));
  expect(kept.flat()).toHaveLength(3);
  expect(planRuns([], 2)).toEqual([]);
});

test("the designed end card's pieces are kept under the card's key: none before it is known, another card another key", () => {
  const tl = edit();
  const [, , , cardIn, card] = renders(tl.segments);
  const designed = { ...ctx(["a", "b", "c"]), designedCard: true };
  expect(pieceKey(card, designed)).toBeUndefined();
  expect(pieceKey(cardIn, designed)).toBeUndefined();
  const one = pieceKey(card, { ...designed, cardKey: "card-1" });
  expect(one).toBeDefined();
  expect(pieceKey(card, { ...designed, cardKey: "card-2" })).not.toBe(one);
  // The title keeps having no key; the old blurred card's call to action neither.
  expect(pieceKey(renders(tl.segments)[0], { ...designed, cardKey: "card-1" })).toBeUndefined();
  expect(pieceKey(card, { ...ctx(["a", "b", "c"]), cardKey: "card-1" })).toBeUndefined();
});
