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

/** x264 settings shared by every encode, so separately encoded pieces can be joined by copy. */
export function videoEncodeArgs(opts: { preset?: string; crf?: number } = {}): string[] {
  return [
    "-c:v", "libx264",
    "-preset", opts.preset ?? env.RENDER_PRESET,
    "-crf", String(opts.crf ?? 21),
    "-profile:v", "high",
    "-pix_fmt", "yuv420p",
    "-r", String(FPS),
    "-force_key_frames", `expr:gte(t,n_forced*${KEYFRAME_INTERVAL})`,
    "-x264-params", "scenecut=0:open-gop=0",
    "-video_track_timescale", "15360",
  ];
}
