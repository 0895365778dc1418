// ffmpeg arguments that render one stretch of the timeline (a "render" segment) from the
// clips: trimmed clip frames, alpha crossfades, the end card and text overlays, joined with
// the concat filter. Pure: the same builder renders a 15-frame transition piece for the fast
// path and the whole ad in one pass for the reference. Only numbers go into the filter
// graph; file names are separate `-i` arguments and text arrives as PNG images.
// Filters used exist in the 2018 static ffmpeg and in ffmpeg 5+ (no xfade, no tpad).
import { framesToSeconds, type OverlayKind, type Part, type Segment } from "../timeline";
import { AUDIO_ENCODE_ARGS, audioFilter, audioInputArgs, type AudioPlan } from "./audio";

export type RangeSources = {
  /** Index-aligned with the timeline's clips. */
  clips: { path: string; frames: number }[];
  width: number;
  height: number;
  fps: number;
  /** Text images and their top-left corner in the frame. */
  images: Partial<Record<OverlayKind, { path: string; x: number; y: number }>>;
};

export type RangeOutput = {
  /** Video encoder arguments (videoEncodeArgs). */
  encode: string[];
  output: string;
  /** With audio (the one-pass reference); pieces are video only. */
  audio?: AudioPlan;
  /** Extra output options, e.g. -movflags +faststart. */
  extra?: string[];
};

type RenderSegment = Extract<Segment, { kind: "render" }>;

export function renderRangeArgs(seg: RenderSegment, src: RangeSources, out: RangeOutput): string[] {
  const { fps, width: W, height: H } = src;
  const inputs: string[][] = [];
  const add = (args: string[]) => inputs.push(args) - 1;
  // Each use of a clip is its own input, seeked close to the frames it needs: decoding
  // starts at the nearest keyframe instead of the start of the clip.
  const clipInput = (clip: number, srcFrom: number, frames: number) =>
    add([
      ...(srcFrom > 0 ? ["-ss", framesToSeconds(srcFrom, fps)] : []),
      "-t", framesToSeconds(frames + 1, fps),
      "-i", src.clips[clip].path,
    ]);
  // Exact timestamps: frame N of every stream sits at N/fps.
  const retime = `settb=1/${fps},setpts=N`;
  const graph: string[] = [];

  const partLabels = seg.parts.map((p, k) => {
    const L = `p${k}`;
    graph.push(...partFilters(p, L));
    return `[${L}]`;
  });

  function partFilters(p: Part, L: string): string[] {
    if (p.kind === "clip") {
      const i = clipInput(p.clip, p.srcFrom, p.srcTo - p.srcFrom);
      return [`[${i}:v]trim=end_frame=${p.srcTo - p.srcFrom},${retime},setsar=1,format=yuv420p[${L}]`];
    }
    if (p.kind === "crossfade") {
      // The incoming clip's alpha ramps 0 → 1 over the overlap, over the outgoing clip.
      const a = clipInput(p.from, src.clips[p.from].frames - p.frames, p.frames);
      const b = clipInput(p.to, 0, p.frames);
      return [
        `[${a}:v]trim=end_frame=${p.frames},${retime},setsar=1,format=yuv420p[${L}a]`,
        `[${b}:v]trim=end_frame=${p.frames},${retime},setsar=1,format=yuva420p,fade=t=in:s=0:n=${p.frames}:alpha=1[${L}b]`,
        `[${L}a][${L}b]overlay=x=0:y=0:format=yuv420:eof_action=pass,format=yuv420p[${L}]`,
      ];
    }
    // The card: the last clip's final frame, blurred (cheaply, at 1/8 size) and darkened,
    // with the call to action on it, held for the card's length. It fades in over the
    // frozen final frame, so the picture never jumps.
    const k = clipInput(p.clip, src.clips[p.clip].frames - 1, 1);
    const sw = even(W / 8);
    const sh = even(H / 8);
    const radius = Math.max(1, Math.min(12, Math.floor(Math.min(sw, sh) / 4) - 1));
    const cta = src.images.cta;
    const hold = `loop=loop=${p.frames - 1}:size=1:start=0,${retime}`;
    const fading = p.fadeFrames > 0;
    const f: string[] = [
      `[${k}:v]trim=end_frame=1,${retime},setsar=1,format=yuv420p${fading ? `,split[${L}f][${L}g]` : `[${L}g]`}`,
      `[${L}g]scale=${sw}:${sh},boxblur=${radius}:2,scale=${W}:${H},eq=brightness=-0.22:saturation=0.85${cta ? `[${L}bg]` : `,format=yuv420p,${hold}[${L}c]`}`,
    ];
    if (cta) {
      const c = add(["-i", cta.path]);
      f.push(`[${L}bg][${c}:v]overlay=x=${cta.x}:y=${cta.y}:format=yuv420,format=yuv420p,${hold}[${L}c]`);
    }
    if (fading) {
      f.push(
        `[${L}c]format=yuva420p,fade=t=in:s=0:n=${p.fadeFrames}:alpha=1[${L}ca]`,
        `[${L}f]${hold}[${L}z]`,
        `[${L}z][${L}ca]overlay=x=0:y=0:format=yuv420:eof_action=pass,format=yuv420p[${L}]`,
      );
    } else f.push(`[${L}c]null[${L}]`);
    return f;
  }

  let base = "base";
  graph.push(
    partLabels.length === 1
      ? `${partLabels[0]}null[${base}]`
      : `${partLabels.join("")}concat=n=${partLabels.length}:v=1:a=0[${base}]`,
  );

  // Text: the PNG decoded once, held for the overlay's length, alpha-faded, cut to the part
  // of it inside this range and shifted to where it starts in the range.
  seg.overlays.forEach((o, j) => {
    const img = src.images[o.kind];
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
        `trim=start_frame=${visFrom - o.from}:end_frame=${visTo - o.from},setpts=N+${visFrom - seg.from}[o${j}]`,
      ].join(","),
      `[${base}][o${j}]overlay=x=${img.x}:y=${img.y}:format=yuv420:eof_action=pass[b${j}]`,
    );
    base = `b${j}`;
  });
  graph.push(`[${base}]format=yuv420p[v]`);

  const maps = ["-map", "[v]"];
  let audioArgs = ["-an"];
  if (out.audio) {
    const ai = add(audioInputArgs(out.audio));
    graph.push(audioFilter(out.audio, ai, "a"));
    maps.push("-map", "[a]");
    audioArgs = AUDIO_ENCODE_ARGS;
  }
  return [
    ...inputs.flat(),
    "-filter_complex", graph.join(";"),
    ...maps,
    ...out.encode,
    ...audioArgs,
    "-frames:v", String(seg.to - seg.from),
    ...(out.extra ?? []),
    out.output,
  ];
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
