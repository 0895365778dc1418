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
/** Seconds between forced keyframes in generated clips: every cut point lands on one. */
export const KEYFRAME_INTERVAL = 0.5;

/** Pixel size of a ratio, scaled by RENDER_SCALE (tests render small), rounded to even. */
export function outputSize(ratio: AspectRatio, scale = env.RENDER_SCALE): { width: number; height: number } {
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  const { width, height } = FULL_SIZE[ratio];
  return { width: even(width), height: even(height) };
}

/**
 * x264 options that change how hard the encoder searches but not the stream headers
 * (SPS/PPS): composition re-encodes its short transition and text windows with these, and
 * the pieces still join the clips by stream copy.
 */
export const FAST_ANALYSIS_X264 = "subme=1:me=dia:mbtree=0:rc-lookahead=0";

/**
 * x264 settings shared by every encode, so separately encoded pieces can be joined by copy.
 * - `stitchable=1`: headers do not depend on content or rate control, so every piece of one
 *   size and preset gets byte-identical SPS/PPS and one header serves the joined file.
 * - `bframes=0`: decode order is display order, so a clip can be cut by stream copy at any
 *   frame (the concat demuxer's outpoint compares decode timestamps) and every piece
 *   starts at timestamp 0 with no reordering delay.
 * - keyframes (IDR, closed GOP) forced every KEYFRAME_INTERVAL: where copied parts may start.
 */
export function videoEncodeArgs(opts: { preset?: string; crf?: number; fastAnalysis?: boolean } = {}): string[] {
  const x264 = ["scenecut=0", "open-gop=0", "bframes=0", "stitchable=1", ...(opts.fastAnalysis ? [FAST_ANALYSIS_X264] : [])];
  return [
    "-c:v", "libx264",
    "-preset", opts.preset ?? env.RENDER_PRESET,
    "-crf", String(opts.crf ?? 21),
    "-profile:v", "high",
    "-pix_fmt", "yuv420p",
    "-r", String(FPS),
    "-force_key_frames", `expr:gte(t,n_forced*${KEYFRAME_INTERVAL})`,
    "-x264-params", x264.join(":"),
    "-video_track_timescale", "15360",
  ];
}
