import { expect, test } from "vitest";
import { planTimeline, singleRenderSegment, type Segment, type TimelineClip } from "./timeline";

const clip = (frames: number, every = 15): TimelineClip => ({ frames, keyframes: Array.from({ length: Math.ceil(frames / every) }, (_, i) => i * every) });

/** Every timeline frame is covered exactly once, in order. */
function expectTiles(segments: Segment[], total: number) {
  let at = 0;
  for (const s of segments) {
    expect(s.from).toBe(at);
    expect(s.to).toBeGreaterThan(s.from);
    at = s.to;
  }
  expect(at).toBe(total);
}

test("duration is the clips minus the crossfades plus the appended card", () => {
  const tl = planTimeline({ clips: [clip(90), clip(90), clip(90)], crossfadeFrames: 15, title: { frames: 60 }, endCard: { frames: 60, mode: "append" } });
  expect(tl.totalFrames).toBe(3 * 90 - 2 * 15 + 60);
  expect(tl.clipStarts).toEqual([0, 75, 150]);
  expect(tl.card).toEqual({ from: 240, to: 300, fadeFrames: 15 });
  expectTiles(tl.segments, tl.totalFrames);
});

test("only transitions, text and the card are rendered; the rest is copied from keyframes", () => {
  const tl = planTimeline({ clips: [clip(90), clip(90), clip(90)], crossfadeFrames: 15, title: { frames: 60 }, endCard: { frames: 60, mode: "append" } });
  const rendered = tl.segments.filter((s) => s.kind === "render").reduce((n, s) => n + s.to - s.from, 0);
  expect(rendered).toBe(60 + 2 * 15 + 60);
  for (const s of tl.segments) {
    if (s.kind !== "copy") continue;
    expect(s.srcFrom % 15).toBe(0); // starts on a keyframe of its clip
    expect(s.to - s.from).toBe(s.srcTo - s.srcFrom);
  }
  const crossfades = tl.segments.flatMap((s) => (s.kind === "render" ? s.parts.filter((p) => p.kind === "crossfade") : []));
  expect(crossfades).toHaveLength(2);
});

test("a copy cannot start between keyframes: the frames before the next keyframe are rendered", () => {
  // Crossfade of 10 frames, keyframes every 15: clip 1's solo part starts at frame 10, not a keyframe.
  const tl = planTimeline({ clips: [clip(90), clip(90)], crossfadeFrames: 10 });
  const copy1 = tl.segments.find((s) => s.kind === "copy" && s.clip === 1);
  expect(copy1).toMatchObject({ srcFrom: 15 });
  expectTiles(tl.segments, 170);
});

test("an overlaid end card adds nothing; no crossfade with one clip; crossfades clamp to half the shortest clip", () => {
  expect(planTimeline({ clips: [clip(90), clip(60)], crossfadeFrames: 15, endCard: { frames: 45, mode: "overlay" } }).totalFrames).toBe(135);
  expect(planTimeline({ clips: [clip(90)], crossfadeFrames: 15 }).totalFrames).toBe(90);
  const short = planTimeline({ clips: [clip(90), clip(20)], crossfadeFrames: 30 });
  expect(short.crossfadeFrames).toBe(10);
  expect(short.totalFrames).toBe(100);
});

test("the reference renders the whole timeline as one segment with the same parts", () => {
  const tl = planTimeline({ clips: [clip(90), clip(90)], crossfadeFrames: 15, title: { frames: 60 }, endCard: { frames: 30, mode: "append" } });
  const whole = singleRenderSegment(tl);
  expect(whole).toMatchObject({ from: 0, to: tl.totalFrames });
  const frames = whole.parts.reduce((n, p) => n + (p.kind === "clip" ? p.srcTo - p.srcFrom : p.frames), 0);
  expect(frames).toBe(tl.totalFrames);
});

test("bad input is refused", () => {
  expect(() => planTimeline({ clips: [], crossfadeFrames: 15 })).toThrow(/at least one clip/);
  expect(() => planTimeline({ clips: [clip(0)], crossfadeFrames: 15 })).toThrow(/at least one frame/);
});
