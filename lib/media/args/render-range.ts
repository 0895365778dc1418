// ffmpeg arguments that render one stretch of the timeline (a "render" segment) from the
// clips: trimmed clip frames, alpha crossfades, the end card and text overlays, joined with
// the concat filter. Pure: the same builder renders the fast path's short pieces (several
// per ffmpeg run) and the whole ad in one pass for the reference. Only numbers go into the
// filter graph; file names are separate `-i` arguments and text arrives as PNG images.
// Filters used exist in the 2018 static ffmpeg and in ffmpeg 5+ (no xfade, no tpad).

import { type EndCardLayers, endCardFilter } from "../end-card";
import {
  framesToSeconds,
  type OverlayKind,
  type Part,
  partFrames,
  type Segment,
} from "../timeline";
import { AUDIO_ENCODE_ARGS, type AudioPlan, audioFilter, audioInputArgs } from "./audio";
import { oneRawRgbFrame } from "./frame-grab";

export type RangeSources = {
  /** Index-aligned with the timeline's clips. */
  clips: { path: string; frames: number }[];
  width: number;
  height: number;
  fps: number;
  /** Text images and their top-left corner in the frame. */
  images: Partial<Record<OverlayKind, { path: string; x: number; y: number }>>;
  /** The card background as one raw yuv420p frame (card-background.ts); without it, it is made in the graph. */
  cardBackground?: string;
  /** The `ass` filter burning this format's captions in (timed in the ad's seconds). */
  captions?: string;
  /** The designed end card's layers (end-card.ts), drawn in place of the blurred still. */
  endCard?: { card: EndCardLayers /** Timeline frame of its first frame. */; from: number };
};

export type RangeOutput = {
  /** Video encoder arguments (videoEncodeArgs). */
  encode: string[];
  output: string;
  /** With audio (the one-pass reference); pieces are video only. */
  audio?: AudioPlan;
  /** A finished audio track to copy in instead (the mixed, loudness-normalised sound). */
  audioTrack?: string;
  /** Extra output options, e.g. -movflags +faststart. */
  extra?: string[];
};

type RenderSegment = Extract<Segment, { kind: "render" }>;

type AddInput = (args: string[]) => number;

/** One ffmpeg run, one output: a stretch of the timeline (with audio for the reference). */
export function renderRangeArgs(seg: RenderSegment, src: RangeSources, out: RangeOutput): string[] {
  const inputs: string[][] = [];
  const add: AddInput = (args) => inputs.push(args) - 1;
  const { graph, label } = segmentGraph(seg, src, add, "");
  const maps = ["-map", `[${label}]`];
  let audioArgs = ["-an"];
  if (out.audioTrack) {
    const ai = add(["-i", out.audioTrack]);
    maps.push("-map", `${ai}:a:0`);
    audioArgs = ["-c:a", "copy"];
  } else if (out.audio) {
    const ai = add(audioInputArgs(out.audio));
    graph.push(audioFilter(out.audio, ai, "a"));
    maps.push("-map", "[a]");
    audioArgs = AUDIO_ENCODE_ARGS;
  }
  return [
    ...inputs.flat(),
    "-filter_complex",
    graph.join(";"),
    ...maps,
    ...out.encode,
    ...audioArgs,
    "-frames:v",
    String(seg.to - seg.from),
    ...(out.extra ?? []),
    out.output,
  ];
}

/** Frame `frame` of a piece, also written as raw RGB (the poster) by the run that renders it. */
export type PieceSnapshot = { frame: number; output: string };

/**
 * One ffmpeg run, several video-only outputs: one process per core renders a share of the
 * pieces, instead of one process (start-up, decoder and encoder set-up) per piece. A piece
 * with its own `src` comes from another format of the compose (piece-batch.ts).
 */
export function renderPiecesArgs(
  pieces: { seg: RenderSegment; output: string; snapshot?: PieceSnapshot; src?: RangeSources }[],
  src: RangeSources,
  encode: string[],
): string[] {
  const inputs: string[][] = [];
  // One thread everywhere (decoders, filters, encoders): runs side by side fill the cores,
  // and threads inside each would only add start-up and hand-over costs to short pieces.
  const add: AddInput = (args) => inputs.push(["-threads", "1", ...args]) - 1;
  const graphs = pieces.map((p, j) => segmentGraph(p.seg, p.src ?? src, add, `s${j}`));
  const outputs = pieces.flatMap((p, j) => {
    const video = [
      "-map",
      `[${graphs[j].label}]`,
      ...encode,
      "-an",
      "-frames:v",
      String(p.seg.to - p.seg.from),
      p.output,
    ];
    if (!p.snapshot) return video;
    // The piece's frames split off to a second output that keeps only the poster frame.
    const label = graphs[j].label;
    graphs[j].graph.push(
      `[${label}]split[${label}e][${label}p]`,
      `[${label}p]trim=start_frame=${p.snapshot.frame}:end_frame=${p.snapshot.frame + 1},format=rgb24[${label}s]`,
    );
    video[1] = `[${label}e]`;
    return [...video, "-map", `[${label}s]`, ...oneRawRgbFrame(p.snapshot.output)];
  });
  return [
    "-filter_complex_threads",
    "1",
    ...inputs.flat(),
    "-filter_complex",
    graphs.flatMap((g) => g.graph).join(";"),
    ...outputs,
  ];
}

/** The filter graph of one segment; every label starts with `prefix`, so graphs can share a run. */
function segmentGraph(
  seg: RenderSegment,
  src: RangeSources,
  add: AddInput,
  prefix: string,
): { graph: string[]; label: string } {
  const { fps } = src;
  // Each use of a clip is its own input, seeked close to the frames it needs: decoding
  // starts at the nearest keyframe instead of the start of the clip.
  const clipInput = (clip: number, srcFrom: number, frames: number) =>
    add([
      ...(srcFrom > 0 ? ["-ss", framesToSeconds(srcFrom, fps)] : []),
      "-t",
      framesToSeconds(frames + 1, fps),
      "-i",
      src.clips[clip].path,
    ]);
  // Exact timestamps: frame N of every stream sits at N/fps.
  const retime = `settb=1/${fps},setpts=N`;
  const graph: string[] = [];
  let at = seg.from;
  const partLabels = seg.parts.map((p, k) => {
    const L = `${prefix}p${k}`;
    graph.push(...partFilters(p, L, src, clipInput, add, retime, at));
    at += partFrames(p);
    return `[${L}]`;
  });

  let base = `${prefix}base`;
  graph.push(
    partLabels.length === 1
      ? `${partLabels[0]}null[${base}]`
      : `${partLabels.join("")}concat=n=${partLabels.length}:v=1:a=0[${base}]`,
  );

  // Text: the PNG decoded once, held for the overlay's length, alpha-faded, cut to the part
  // of it inside this range and shifted to where it starts in the range.
  seg.overlays.forEach((o, j) => {
    const img = o.kind === "captions" ? undefined : src.images[o.kind];
    if (!img) return;
    const i = add(["-i", img.path]);
    const len = o.to - o.from;
    const visFrom = Math.max(o.from, seg.from);
    const visTo = Math.min(o.to, seg.to);
    const fades = [
      o.fadeIn > 0 ? `fade=t=in:s=0:n=${o.fadeIn}:alpha=1` : "",
      o.fadeOut > 0 ? `fade=t=out:s=${len - o.fadeOut}:n=${o.fadeOut}:alpha=1` : "",
    ].filter(Boolean);
    graph.push(
      [
        `[${i}:v]format=yuva420p,loop=loop=${len - 1}:size=1:start=0,${retime}`,
        ...fades,
        `trim=start_frame=${visFrom - o.from}:end_frame=${visTo - o.from},setpts=N+${visFrom - seg.from}[${prefix}o${j}]`,
      ].join(","),
      `[${base}][${prefix}o${j}]overlay=x=${img.x}:y=${img.y}:format=yuv420:eof_action=pass[${prefix}b${j}]`,
    );
    base = `${prefix}b${j}`;
  });
  // Captions: the ass filter reads the frame's time, so the range is shifted to where it
  // sits in the ad for it, and back (in seconds: concat may have changed the time base).
  if (src.captions && seg.overlays.some((o) => o.kind === "captions")) {
    graph.push(
      `[${base}]setpts=PTS+${seg.from}/(${fps}*TB),${src.captions},setpts=PTS-${seg.from}/(${fps}*TB)[${prefix}cap]`,
    );
    base = `${prefix}cap`;
  }
  graph.push(`[${base}]format=yuv420p[${prefix}v]`);
  return { graph, label: `${prefix}v` };
}

function partFilters(
  p: Part,
  L: string,
  src: RangeSources,
  clipInput: (clip: number, srcFrom: number, frames: number) => number,
  add: AddInput,
  retime: string,
  /** Timeline frame where this part starts. */
  at: number,
): string[] {
  const { width: W, height: H } = src;
  if (p.kind === "clip") {
    const i = clipInput(p.clip, p.srcFrom, p.srcTo - p.srcFrom);
    return [
      `[${i}:v]trim=end_frame=${p.srcTo - p.srcFrom},${retime},setsar=1,format=yuv420p[${L}]`,
    ];
  }
  const hold = (n: number) => `loop=loop=${n - 1}:size=1:start=0,${retime}`;
  // The clip's last frame, frozen for n frames.
  const lastFrame = (clip: number, n: number) => {
    const k = clipInput(clip, src.clips[clip].frames - 1, 1);
    return `[${k}:v]trim=end_frame=1,${retime},setsar=1,format=yuv420p,${hold(n)}`;
  };
  if (p.kind === "hold") return [`${lastFrame(p.clip, p.frames)}[${L}]`];
  if (p.kind === "crossfade") {
    // The incoming clip's alpha ramps 0 → 1 over the overlap, over the outgoing clip (whose
    // last `held` frames are its last frame held).
    const held = p.held ?? 0;
    const moving = p.frames - held;
    const outgoing: string[] = [];
    if (moving > 0) {
      const a = clipInput(p.from, src.clips[p.from].frames - moving, moving);
      outgoing.push(`[${a}:v]trim=end_frame=${moving},${retime},setsar=1,format=yuv420p[${L}m]`);
    }
    if (held > 0) outgoing.push(`${lastFrame(p.from, held)}[${L}h]`);
    if (moving > 0 && held > 0) outgoing.push(`[${L}m][${L}h]concat=n=2:v=1:a=0,${retime}[${L}a]`);
    else outgoing.push(`[${L}${moving > 0 ? "m" : "h"}]null[${L}a]`);
    const b = clipInput(p.to, 0, p.frames);
    return [
      ...outgoing,
      `[${b}:v]trim=end_frame=${p.frames},${retime},setsar=1,format=yuva420p,fade=t=in:s=0:n=${p.frames}:alpha=1[${L}b]`,
      `[${L}a][${L}b]overlay=x=0:y=0:format=yuv420:eof_action=pass,format=yuv420p[${L}]`,
    ];
  }
  // The card: the last clip's final frame, frozen, dissolving into the card background (that
  // frame blurred and darkened); then the background held (the call to action is an overlay).
  const background = () => {
    if (src.cardBackground) {
      const b = add(rawFrameInput(src.cardBackground, W, H, src.fps));
      return `[${b}:v]trim=end_frame=1,${retime},setsar=1,format=yuv420p`;
    }
    const k = clipInput(p.clip, src.clips[p.clip].frames - 1, 1);
    return `[${k}:v]trim=end_frame=1,${retime},setsar=1,format=yuv420p,${cardBackgroundFilter(W, H)}`;
  };
  if (src.endCard) return endCardPart(p, L, src, src.endCard, clipInput, add, retime, at, hold);
  if (p.kind === "card") return [`${background()},${hold(p.frames)}[${L}]`];
  const k = clipInput(p.clip, src.clips[p.clip].frames - 1, 1);
  return [
    `[${k}:v]trim=end_frame=1,${retime},setsar=1,format=yuv420p,${hold(p.frames)}[${L}z]`,
    `${background()},format=yuva420p,${hold(p.frames)},fade=t=in:s=0:n=${p.frames}:alpha=1[${L}a]`,
    `[${L}z][${L}a]overlay=x=0:y=0:format=yuv420:eof_action=pass,format=yuv420p[${L}]`,
  ];
}

/** The designed card's frames for this part; its dissolve shows them over the held last frame. */
function endCardPart(
  p: Extract<Part, { kind: "card" | "card-in" }>,
  L: string,
  src: RangeSources,
  card: NonNullable<RangeSources["endCard"]>,
  clipInput: (clip: number, srcFrom: number, frames: number) => number,
  add: AddInput,
  retime: string,
  at: number,
  hold: (n: number) => string,
): string[] {
  const from = Math.max(0, at - card.from);
  if (p.kind === "card") return endCardFilter(card.card, from, p.frames, add, L);
  const k = clipInput(p.clip, src.clips[p.clip].frames - 1, 1);
  return [
    ...endCardFilter(card.card, from, p.frames, add, `${L}c`),
    `[${k}:v]trim=end_frame=1,${retime},setsar=1,format=yuv420p,${hold(p.frames)}[${L}z]`,
    `[${L}c]format=yuva420p,fade=t=in:s=0:n=${p.frames}:alpha=1[${L}a]`,
    `[${L}z][${L}a]overlay=x=0:y=0:format=yuv420:eof_action=pass,format=yuv420p[${L}]`,
  ];
}

/** The card background from one frame: blurred cheaply (at 1/8 size), darkened, desaturated a little. */
export function cardBackgroundFilter(W: number, H: number): string {
  const sw = even(W / 8);
  const sh = even(H / 8);
  const radius = Math.max(1, Math.min(12, Math.floor(Math.min(sw, sh) / 4) - 1));
  return `scale=${sw}:${sh},boxblur=${radius}:2,scale=${W}:${H},eq=brightness=-0.22:saturation=0.85,format=yuv420p`;
}

/** `-i` arguments for one raw yuv420p frame (a prepared card background). */
export function rawFrameInput(file: string, W: number, H: number, fps: number): string[] {
  return [
    "-f",
    "rawvideo",
    "-pixel_format",
    "yuv420p",
    "-video_size",
    `${W}x${H}`,
    "-framerate",
    String(fps),
    "-i",
    file,
  ];
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
