// The edit as frame arithmetic, with no I/O: where each clip sits, how long the ad is, and
// which frames must be re-encoded (transitions, text) versus copied untouched from a clip.
// Everything is in whole frames at FPS so pieces butt together exactly.
//
// Duration (frames): D = Σ Lᵢ − (n − 1)·X + E
//   Lᵢ  frames of clip i (as probed, after normalisation)
//   X   crossfade frames = round(crossfadeSeconds·FPS), clamped to half the shortest clip
//   E   end-card frames = round(endCard.durationSeconds·FPS) when the card is appended
//       (the default); 0 when it is overlaid on the last clip or there is no end card.
// Consecutive clips overlap by X frames (the outgoing clip's last X frames under the
// incoming clip's first X, fading in); the card follows the last clip's final frame: that
// frame dissolves into the card's background (itself, blurred and darkened) over X frames,
// then the call to action fades in over the held background.
//
// Render segments are cut where text starts or ends, so every stretch without text is a
// segment of its own: it depends only on the clips (not on the words, colour or font) and
// can be rendered ahead of time and reused (see piece-cache.ts).

export type TimelineClip = {
  /** Frames in the clip. */
  frames: number;
  /** Frame indices where a stream copy may start (IDR keyframes), ascending. */
  keyframes: number[];
  /** Frames the clip's last frame is held after it (its sentence is longer than the clip). */
  hold?: number;
};

export type TimelineInput = {
  clips: TimelineClip[];
  crossfadeFrames: number;
  title?: { frames: number };
  endCard?: { frames: number; mode: "append" | "overlay" };
  /** Frames [from, to) where burned-in captions show (drawn by the ass filter, not an image). */
  captions?: { from: number; to: number }[];
};

export type OverlayKind = "title" | "cta" | "captions";

/** A still image shown over the timeline frames [from, to), with alpha fades. */
export type Overlay = {
  kind: OverlayKind;
  from: number;
  to: number;
  fadeIn: number;
  fadeOut: number;
};

/** What a re-encoded range is made of, in timeline order. */
export type Part =
  | { kind: "clip"; clip: number; srcFrom: number; srcTo: number }
  /** `held`: how many of the outgoing clip's frames are its held last frame (at the end). */
  | { kind: "crossfade"; from: number; to: number; frames: number; held?: number }
  /** The clip's last frame, held. */
  | { kind: "hold"; clip: number; frames: number }
  /** The clip's final frame dissolving into the card background. */
  | { kind: "card-in"; clip: number; frames: number }
  /** The card background (the clip's final frame, blurred and darkened), held. */
  | { kind: "card"; clip: number; frames: number };

export type Segment =
  /** Frames [srcFrom, srcTo) of a clip, joined by stream copy (srcFrom is a keyframe). */
  | { kind: "copy"; from: number; to: number; clip: number; srcFrom: number; srcTo: number }
  /** Timeline frames [from, to) rendered by one ffmpeg run. */
  | { kind: "render"; from: number; to: number; parts: Part[]; overlays: Overlay[] };

export type Timeline = {
  totalFrames: number;
  /** Where the last clip ends (= totalFrames unless the card is appended). */
  clipsEndFrame: number;
  crossfadeFrames: number;
  clipStarts: number[];
  overlays: Overlay[];
  card?: { from: number; to: number; fadeFrames: number };
  segments: Segment[];
};

/**
 * Copied stretches must start on a keyframe and, so that the concat demuxer's in/out points
 * are exact in both microseconds and the 1/15360 track timescale, on a multiple of 3 frames
 * (3 frames at 30 fps = 0.1 s). Shorter stretches than this are not worth a copy entry.
 */
export const CUT_GRID = 3;
const MIN_COPY_FRAMES = 3;
/** Fade of the title in and out, and of the call to action in. */
const TEXT_FADE_FRAMES = 9;

type Interval = [number, number];

export function planTimeline(input: TimelineInput): Timeline {
  const { clips } = input;
  if (clips.length === 0) throw new Error("a timeline needs at least one clip");
  if (clips.some((c) => c.frames < 1)) throw new Error("every clip needs at least one frame");
  const minLen = Math.min(...clips.map((c) => c.frames));
  const X =
    clips.length > 1
      ? Math.max(0, Math.min(Math.round(input.crossfadeFrames), Math.floor(minLen / 2)))
      : 0;

  // A clip on screen: its frames, then its last frame held.
  const len = (c: TimelineClip) => c.frames + Math.max(0, Math.round(c.hold ?? 0));
  const clipStarts: number[] = [];
  let t = 0;
  for (const c of clips) {
    clipStarts.push(t);
    t += len(c) - X;
  }
  const clipsEndFrame = t + X;
  const cardFrames =
    input.endCard?.mode === "append" ? Math.max(0, Math.round(input.endCard.frames)) : 0;
  const totalFrames = clipsEndFrame + cardFrames;

  const overlays: Overlay[] = [];
  if (input.title && input.title.frames > 0) {
    const to = Math.min(totalFrames, Math.round(input.title.frames));
    const fade = Math.min(TEXT_FADE_FRAMES, Math.floor(to / 3));
    overlays.push({ kind: "title", from: 0, to, fadeIn: fade, fadeOut: fade });
  }
  if (input.endCard?.mode === "overlay" && input.endCard.frames > 0) {
    const from = Math.max(0, totalFrames - Math.round(input.endCard.frames));
    overlays.push({
      kind: "cta",
      from,
      to: totalFrames,
      fadeIn: Math.min(TEXT_FADE_FRAMES, Math.floor((totalFrames - from) / 2)),
      fadeOut: 0,
    });
  }
  for (const c of mergeCaptions(input.captions ?? [], totalFrames))
    overlays.push({ kind: "captions", from: c.from, to: c.to, fadeIn: 0, fadeOut: 0 });
  // The dissolve never takes more than half the card: the call to action must get its turn.
  const card =
    cardFrames > 0
      ? {
          from: clipsEndFrame,
          to: totalFrames,
          fadeFrames: Math.min(X, Math.floor(cardFrames / 2)),
        }
      : undefined;
  if (card) {
    const from = card.from + card.fadeFrames;
    overlays.push({
      kind: "cta",
      from,
      to: card.to,
      fadeIn: Math.min(TEXT_FADE_FRAMES, Math.floor((card.to - from) / 2)),
      fadeOut: 0,
    });
  }

  // Frames that must be rendered whatever happens: transitions, text, the card.
  const dirty: Interval[] = [];
  for (let i = 1; i < clips.length; i++) if (X > 0) dirty.push([clipStarts[i], clipStarts[i] + X]);
  for (const o of overlays) dirty.push([o.from, o.to]);
  if (card) dirty.push([card.from, card.to]);
  clips.forEach((c, i) => {
    if (len(c) > c.frames) dirty.push([clipStarts[i] + c.frames, clipStarts[i] + len(c)]);
  });

  // Each clip's solo stretch (no neighbour over it), minus the dirty frames, is copyable
  // once trimmed to legal cut points.
  const copies: Extract<Segment, { kind: "copy" }>[] = [];
  clips.forEach((c, i) => {
    const soloFrom = clipStarts[i] + (i > 0 ? X : 0);
    const soloTo = clipStarts[i] + len(c) - (i < clips.length - 1 ? X : 0);
    const keyframes = new Set(c.keyframes);
    for (const [a, b] of subtract([soloFrom, soloTo], dirty)) {
      let srcFrom = a - clipStarts[i];
      while (srcFrom < c.frames && !(keyframes.has(srcFrom) && srcFrom % CUT_GRID === 0)) srcFrom++;
      let srcTo = b - clipStarts[i];
      srcTo = Math.min(srcTo, c.frames);
      if (srcTo < c.frames) srcTo -= srcTo % CUT_GRID; // the clip's own end needs no out point
      if (srcTo - srcFrom >= MIN_COPY_FRAMES) {
        copies.push({
          kind: "copy",
          clip: i,
          srcFrom,
          srcTo,
          from: clipStarts[i] + srcFrom,
          to: clipStarts[i] + srcTo,
        });
      }
    }
  });

  // The rest of the timeline is rendered: one segment per contiguous stretch, cut where
  // text starts or ends (on the cut grid, and not through a transition).
  const segments: Segment[] = [];
  let cursor = 0;
  const textEdges = overlays.flatMap((o) => [o.from, o.to]).filter((f) => f % CUT_GRID === 0);
  const pushRender = (from: number, to: number) => {
    let seg = renderSegment(from, to);
    for (const at of [...new Set(textEdges)].sort((a, b) => a - b)) {
      const halves = at > seg.from && at < seg.to ? splitRender(seg, at) : undefined;
      if (!halves) continue;
      segments.push(halves[0]);
      seg = halves[1];
    }
    segments.push(seg);
  };
  for (const cp of copies.sort((a, b) => a.from - b.from)) {
    if (cp.from > cursor) pushRender(cursor, cp.from);
    segments.push(cp);
    cursor = cp.to;
  }
  if (cursor < totalFrames) pushRender(cursor, totalFrames);

  function renderSegment(from: number, to: number): RenderSegment {
    const parts: Part[] = [];
    clips.forEach((c, i) => {
      const soloFrom = clipStarts[i] + (i > 0 ? X : 0);
      const soloTo = clipStarts[i] + len(c) - (i < clips.length - 1 ? X : 0);
      if (i > 0 && X > 0) {
        const xf = clipStarts[i];
        const prev = clips[i - 1];
        const held = Math.min(X, len(prev) - prev.frames);
        if (xf >= from && xf + X <= to)
          parts.push({
            kind: "crossfade",
            from: i - 1,
            to: i,
            frames: X,
            ...(held ? { held } : {}),
          });
        else if (xf < to && xf + X > from)
          throw new Error("internal: a crossfade was split between segments");
      }
      const a = Math.max(from, soloFrom);
      const b = Math.min(to, soloTo);
      const real = Math.min(b, clipStarts[i] + c.frames);
      if (real > a)
        parts.push({
          kind: "clip",
          clip: i,
          srcFrom: a - clipStarts[i],
          srcTo: real - clipStarts[i],
        });
      if (b > Math.max(a, real))
        parts.push({ kind: "hold", clip: i, frames: b - Math.max(a, real) });
    });
    if (card && card.from < to && card.to > from) {
      if (card.from < from || card.to > to)
        throw new Error("internal: the end card was split between segments");
      if (card.fadeFrames > 0)
        parts.push({ kind: "card-in", clip: clips.length - 1, frames: card.fadeFrames });
      parts.push({
        kind: "card",
        clip: clips.length - 1,
        frames: card.to - card.from - card.fadeFrames,
      });
    }
    const inRange = overlays.filter((o) => o.from < to && o.to > from).map((o) => ({ ...o }));
    return { kind: "render", from, to, parts, overlays: inRange };
  }

  return { totalFrames, clipsEndFrame, crossfadeFrames: X, clipStarts, overlays, card, segments };
}

type RenderSegment = Extract<Segment, { kind: "render" }>;

export function partFrames(p: Part): number {
  return p.kind === "clip" ? p.srcTo - p.srcFrom : p.frames;
}

/**
 * Cuts a render segment in two at timeline frame `at` (from < at < to). Clip stretches and
 * the held card can be cut anywhere; a crossfade or the card's dissolve cannot (undefined).
 */
export function splitRender(
  seg: RenderSegment,
  at: number,
): [RenderSegment, RenderSegment] | undefined {
  if (at <= seg.from || at >= seg.to) return undefined;
  const left: Part[] = [];
  const right: Part[] = [];
  let t = seg.from;
  for (const p of seg.parts) {
    const n = partFrames(p);
    if (t + n <= at) left.push(p);
    else if (t >= at) right.push(p);
    else if (p.kind === "clip") {
      const cut = p.srcFrom + (at - t);
      left.push({ ...p, srcTo: cut });
      right.push({ ...p, srcFrom: cut });
    } else if (p.kind === "card" || p.kind === "hold") {
      left.push({ ...p, frames: at - t });
      right.push({ ...p, frames: t + n - at });
    } else return undefined;
    t += n;
  }
  const within = (from: number, to: number) =>
    seg.overlays.filter((o) => o.from < to && o.to > from).map((o) => ({ ...o }));
  return [
    { kind: "render", from: seg.from, to: at, parts: left, overlays: within(seg.from, at) },
    { kind: "render", from: at, to: seg.to, parts: right, overlays: within(at, seg.to) },
  ];
}

/** The whole timeline as one rendered segment: what the single-command reference does. */
export function singleRenderSegment(tl: Timeline): Extract<Segment, { kind: "render" }> {
  const parts: Part[] = [];
  for (const seg of tl.segments) {
    if (seg.kind === "render") parts.push(...seg.parts);
    else parts.push({ kind: "clip", clip: seg.clip, srcFrom: seg.srcFrom, srcTo: seg.srcTo });
  }
  return {
    kind: "render",
    from: 0,
    to: tl.totalFrames,
    parts: mergeClipParts(parts),
    overlays: tl.overlays,
  };
}

/** Adjacent parts of the same clip (or of the held card) become one (fewer inputs for the reference render). */
function mergeClipParts(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (
      p.kind === "clip" &&
      last?.kind === "clip" &&
      last.clip === p.clip &&
      last.srcTo === p.srcFrom
    ) {
      out[out.length - 1] = { ...last, srcTo: p.srcTo };
    } else if ((p.kind === "card" || p.kind === "hold") && last?.kind === p.kind) {
      out[out.length - 1] = { ...last, frames: last.frames + p.frames };
    } else out.push(p);
  }
  return out;
}

/**
 * Caption lines on the cut grid (widened outwards: the ASS script decides what is drawn,
 * these only say which frames are re-encoded), inside the ad. Each line stays its own
 * stretch (where two meet, the later one starts where the earlier ends), so the timeline is
 * cut between lines: pieces of a second or two that share out among the cores and are kept
 * in the cache one by one, rather than one piece the length of the voice.
 */
function mergeCaptions(spans: { from: number; to: number }[], total: number) {
  const out: { from: number; to: number }[] = [];
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    let from = Math.max(0, Math.floor(s.from / CUT_GRID) * CUT_GRID);
    const to = Math.min(total, Math.ceil(s.to / CUT_GRID) * CUT_GRID);
    const last = out.at(-1);
    if (last && from < last.to) from = last.to;
    if (to > from) out.push({ from, to });
  }
  return out;
}

/** [from, to) minus the union of the holes, as sorted disjoint intervals. */
function subtract([from, to]: Interval, holes: Interval[]): Interval[] {
  let pieces: Interval[] = [[from, to]];
  for (const [h0, h1] of holes) {
    pieces = pieces.flatMap(([a, b]): Interval[] => {
      if (h1 <= a || h0 >= b) return [[a, b]];
      const left: Interval[] = h0 > a ? [[a, h0]] : [];
      const right: Interval[] = h1 < b ? [[h1, b]] : [];
      return [...left, ...right];
    });
  }
  return pieces.filter(([a, b]) => b > a);
}

/** A length of `frames` in seconds, to the nearest microsecond (a concat entry's duration). */
export function framesDuration(frames: number, fps: number): string {
  return (Math.round((frames * 1_000_000) / fps) / 1_000_000).toFixed(6);
}

/** Frames → seconds, as ffmpeg reads them. Exact for multiples of 3 frames at 30 fps. */
export function framesToSeconds(frames: number, fps: number): string {
  // Floor to the microsecond: a seek lands on or just before the frame, never after it.
  return (Math.floor((frames * 1_000_000) / fps) / 1_000_000).toFixed(6);
}
