import { expect, test } from "vitest";
import {
  planTimeline,
  type Segment,
  singleRenderSegment,
  splitRender,
  type TimelineClip,
} from "./timeline";

const clip = (frames: number, every = 15): TimelineClip => ({
  frames,
  keyframes: Array.from({ length: Math.ceil(frames / every) }, (_, i) => i * every),
});

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
  const tl = planTimeline({
    clips: [clip(90), clip(90), clip(90)],
    crossfadeFrames: 15,
    title: { frames: 60 },
    endCard: { frames: 60, mode: "append" },
  });
  expect(tl.totalFrames).toBe(3 * 90 - 2 * 15 + 60);
  expect(tl.clipStarts).toEqual([0, 75, 150]);
  expect(tl.card).toEqual({ from: 240, to: 300, fadeFrames: 15 });
  expectTiles(tl.segments, tl.totalFrames);
});

test("only transitions, text and the card are rendered; the rest is copied from keyframes", () => {
  const tl = planTimeline({
    clips: [clip(90), clip(90), clip(90)],
    crossfadeFrames: 15,
    title: { frames: 60 },
    endCard: { frames: 60, mode: "append" },
  });
  const rendered = tl.segments
    .filter((s) => s.kind === "render")
    .reduce((n, s) => n + s.to - s.from, 0);
  expect(rendered).toBe(60 + 2 * 15 + 60);
  for (const s of tl.segments) {
    if (s.kind !== "copy") continue;
    expect(s.srcFrom % 15).toBe(0); // starts on a keyframe of its clip
    expect(s.to - s.from).toBe(s.srcTo - s.srcFrom);
  }
  const crossfades = tl.segments.flatMap((s) =>
    s.kind === "render" ? s.parts.filter((p) => p.kind === "crossfade") : [],
  );
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
  expect(
    planTimeline({
      clips: [clip(90), clip(60)],
      crossfadeFrames: 15,
      endCard: { frames: 45, mode: "overlay" },
    }).totalFrames,
  ).toBe(135);
  expect(planTimeline({ clips: [clip(90)], crossfadeFrames: 15 }).totalFrames).toBe(90);
  const short = planTimeline({ clips: [clip(90), clip(20)], crossfadeFrames: 30 });
  expect(short.crossfadeFrames).toBe(10);
  expect(short.totalFrames).toBe(100);
});

test("the reference renders the whole timeline as one segment with the same parts", () => {
  const tl = planTimeline({
    clips: [clip(90), clip(90)],
    crossfadeFrames: 15,
    title: { frames: 60 },
    endCard: { frames: 30, mode: "append" },
  });
  const whole = singleRenderSegment(tl);
  expect(whole).toMatchObject({ from: 0, to: tl.totalFrames });
  const frames = whole.parts.reduce(
    (n, p) => n + (p.kind === "clip" ? p.srcTo - p.srcFrom : p.frames),
    0,
  );
  expect(frames).toBe(tl.totalFrames);
});

test("bad input is refused", () => {
  expect(() => planTimeline({ clips: [], crossfadeFrames: 15 })).toThrow(/at least one clip/);
  expect(() => planTimeline({ clips: [clip(0)], crossfadeFrames: 15 })).toThrow(
    /at least one frame/,
  );
});

test("the card: the last frame dissolves into the card, then the call to action fades in over it", () => {
  const tl = planTimeline({
    clips: [clip(90), clip(90)],
    crossfadeFrames: 15,
    title: { frames: 60 },
    endCard: { frames: 60, mode: "append" },
  });
  expect(tl.card).toEqual({ from: 165, to: 225, fadeFrames: 15 });
  expect(tl.overlays.find((o) => o.kind === "cta")).toEqual({
    kind: "cta",
    from: 180,
    to: 225,
    fadeIn: 9,
    fadeOut: 0,
  });
  const card = tl.segments.filter((s) => s.kind === "render" && s.from >= 165);
  // Cut where the text starts: the dissolve shows no text (it can be made ahead), the held card does.
  expect(card).toEqual([
    {
      kind: "render",
      from: 165,
      to: 180,
      parts: [{ kind: "card-in", clip: 1, frames: 15 }],
      overlays: [],
    },
    {
      kind: "render",
      from: 180,
      to: 225,
      parts: [{ kind: "card", clip: 1, frames: 45 }],
      overlays: [tl.overlays[1]],
    },
  ]);
  expectTiles(tl.segments, tl.totalFrames);
});

test("segments are cut where text ends, so the transitions after the title show no text", () => {
  const tl = planTimeline({
    clips: [clip(45), clip(90), clip(90)],
    crossfadeFrames: 15,
    title: { frames: 60 },
  });
  // The first crossfade (frames 30–45) is under the title: it stays in the title's segment.
  const renders = tl.segments.filter((s) => s.kind === "render");
  expect(renders[0]).toMatchObject({ from: 0, to: 60, overlays: [{ kind: "title" }] });
  expect(renders[0].kind === "render" && renders[0].parts.some((p) => p.kind === "crossfade")).toBe(
    true,
  );
  expect(renders.slice(1).every((s) => s.kind === "render" && s.overlays.length === 0)).toBe(true);
  expectTiles(tl.segments, tl.totalFrames);
});

test("a render segment is cut inside clip stretches and the held card, never through a crossfade", () => {
  const tl = planTimeline({
    clips: [clip(45), clip(90)],
    crossfadeFrames: 15,
    title: { frames: 60 },
  });
  const title = tl.segments[0] as Extract<Segment, { kind: "render" }>;
  const [a, b] = splitRender(title, 21)!;
  expect(a).toMatchObject({
    from: 0,
    to: 21,
    parts: [{ kind: "clip", clip: 0, srcFrom: 0, srcTo: 21 }],
  });
  expect(b.from).toBe(21);
  expect(b.parts[0]).toEqual({ kind: "clip", clip: 0, srcFrom: 21, srcTo: 30 });
  expect(a.overlays[0]).toMatchObject({ kind: "title", from: 0, to: 60 }); // each half draws its part of the title
  expect(splitRender(title, 36)).toBeUndefined(); // inside the crossfade (30–45)
});
