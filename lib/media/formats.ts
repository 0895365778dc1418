// Output formats and the one clip encoding that clip generation and composition agree on.
// Clips are rendered once, at the session's format and in this encoding, so composition
// can cut them on keyframes and stream-copy everything but the frames it changes.
import { env } from "../env";

export const ASPECT_RATIOS = ["9:16", "1:1", "16:9"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

const FULL_SIZE: Record<AspectRatio, { width: number; height: number }> = {
  "9:16": { width: 1080, height: 1920 },
  "1:1": { width: 1080, height: 1080 },
  "16:9": { width: 1920, height: 1080 },
};

export const FPS = 30;
/** MP4 track timescale of every video we write: frame N sits at exactly N × 512 ticks. */
export const TRACK_TIMESCALE = 15360;
/** Seconds between forced keyframes in generated clips: every cut point lands on one. */
export const KEYFRAME_INTERVAL = 0.5;

/**
 * The render settings a caller left out, decided here and only here: scale RENDER_SCALE
 * (tests render small), preset RENDER_PRESET, CRF 21. Clips, normalised clips and the
 * pieces of an ad must agree on all three to be joined by stream copy.
 */
export function renderSettings(given: { scale?: number; preset?: string; crf?: number } = {}): {
  scale: number;
  preset: string;
  crf: number;
} {
  return {
    scale: given.scale ?? env.RENDER_SCALE,
    preset: given.preset ?? env.RENDER_PRESET,
    crf: given.crf ?? 21,
  };
}

/** Pixel size of a ratio at a render scale (default: renderSettings'), rounded to even. */
export function outputSize(
  ratio: AspectRatio,
  scale = renderSettings().scale,
): { width: number; height: number } {
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  const { width, height } = FULL_SIZE[ratio];
  return { width: even(width), height: even(height) };
}

/**
 * x264 options that change how hard the encoder searches but not the stream headers
 * (SPS/PPS): composition re-encodes its short transition and text pieces with these, and
 * the pieces still join the clips by stream copy. Full-pixel motion search without chroma
 * (subme=0, chroma-me=0) cut a 1080×1920 title piece's encode by ~15 % (measured), at the
 * same SSIM against its source and 2–5 % more bytes.
 */
export const FAST_ANALYSIS_X264 =
  "subme=0:me=dia:partitions=none:chroma-me=0:mbtree=0:rc-lookahead=0";

export type EncodeRole =
  /** Clips and normalised clips: keyframes on the KEYFRAME_INTERVAL grid, so any grid point can start a copied stretch. */
  | "clip"
  /**
   * A re-encoded piece of the final ad: faster analysis, one keyframe at its start (nothing
   * is ever cut out of a piece) and one thread (pieces run side by side, one per core).
   */
  | "piece";

/**
 * x264 settings shared by every encode, so separately encoded pieces can be joined by copy.
 * - `stitchable=1`: headers do not depend on content or rate control, so every piece of one
 *   size and preset gets byte-identical SPS/PPS and one header serves the joined file.
 * - `bframes=0`: decode order is display order, so a clip can be cut by stream copy at any
 *   frame (the concat demuxer's outpoint compares decode timestamps) and every piece
 *   starts at timestamp 0 with no reordering delay.
 * - `cabac=1:8x8dct=1`: H.264 High profile whatever the preset (ultrafast would otherwise
 *   drop to Constrained Baseline); both are header flags, so every role must have them.
 * - clips: keyframes (IDR, closed GOP) forced every KEYFRAME_INTERVAL, where copies may start.
 */
export function videoEncodeArgs(
  opts: { preset?: string; crf?: number; role?: EncodeRole } = {},
): string[] {
  const piece = opts.role === "piece";
  const { preset, crf } = renderSettings(opts);
  const x264 = [
    "scenecut=0",
    "open-gop=0",
    "bframes=0",
    "stitchable=1",
    "cabac=1",
    "8x8dct=1",
    ...(piece ? [FAST_ANALYSIS_X264] : []),
  ];
  return [
    "-c:v",
    "libx264",
    "-preset",
    preset,
    "-crf",
    String(crf),
    "-profile:v",
    "high",
    "-pix_fmt",
    "yuv420p",
    "-r",
    String(FPS),
    ...(piece
      ? ["-threads", "1"]
      : ["-force_key_frames", `expr:gte(t,n_forced*${KEYFRAME_INTERVAL})`]),
    "-x264-params",
    x264.join(":"),
    "-video_track_timescale",
    String(TRACK_TIMESCALE),
  ];
}
