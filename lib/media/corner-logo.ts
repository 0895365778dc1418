// The brand's small corner mark (ad-creative.md "Brand kit"): the logo in the top-right
// corner of the format's safe area, from when the title has faded out until the end card
// (which shows the logo large). It covers every frame in between, so it is burned in by one
// pass over the finished video (the audio copied), only when the ad asks for it.
import { rename, rm } from "node:fs/promises";
import sharp from "sharp";
import { type AspectRatio, FPS, videoEncodeArgs } from "./formats";
import { safeArea } from "./safe-area";
import { framesToSeconds } from "./timeline";

/** The mark's box: at most this share of the frame's short side tall, and of its width wide. */
const MARK_HEIGHT = 0.07;
const MARK_WIDTH = 0.22;
const FADE_FRAMES = 9;

export type CornerMark = { png: string; x: number; y: number; width: number; height: number };

/** The logo scaled for the mark and where it goes (top right of the safe area). */
export async function cornerMark(
  logoPath: string,
  ratio: AspectRatio,
  size: { width: number; height: number },
  output: string,
): Promise<CornerMark> {
  const area = safeArea(ratio, size.width, size.height);
  const short = Math.min(size.width, size.height);
  const info = await sharp(logoPath)
    .ensureAlpha()
    .resize(
      Math.max(2, Math.round(size.width * MARK_WIDTH)),
      Math.max(2, Math.round(short * MARK_HEIGHT)),
      { fit: "inside" },
    )
    // A little translucent: a mark, not a sticker.
    .linear([1, 1, 1, 0.9], [0, 0, 0, 0])
    .png()
    .toFile(output);
  return {
    png: output,
    x: area.x + area.width - info.width,
    y: area.y,
    width: info.width,
    height: info.height,
  };
}

/** ffmpeg arguments: `input` with the mark over frames [from, to), written to `output`. */
export function cornerLogoArgs(
  input: string,
  mark: CornerMark,
  range: { from: number; to: number; total: number },
  encode: { preset: string; crf: number },
  output: string,
): string[] {
  const fade = Math.max(1, Math.min(FADE_FRAMES, Math.floor((range.to - range.from) / 3)));
  const secs = (f: number) => framesToSeconds(f, FPS);
  return [
    "-i",
    input,
    "-loop",
    "1",
    "-framerate",
    String(FPS),
    "-t",
    secs(range.total),
    "-i",
    mark.png,
    "-filter_complex",
    [
      `[1:v]format=yuva420p,fade=t=in:st=${secs(range.from)}:d=${secs(fade)}:alpha=1,fade=t=out:st=${secs(range.to - fade)}:d=${secs(fade)}:alpha=1[m]`,
      `[0:v][m]overlay=x=${mark.x}:y=${mark.y}:format=yuv420:eof_action=pass:enable='between(n,${range.from},${range.to - 1})',format=yuv420p[v]`,
    ].join(";"),
    "-map",
    "[v]",
    "-map",
    "0:a?",
    ...videoEncodeArgs(encode),
    "-c:a",
    "copy",
    "-frames:v",
    String(range.total),
    "-movflags",
    "+faststart",
    output,
  ];
}

/** Burns the mark into `video` in place. */
export async function addCornerLogo(
  video: string,
  mark: CornerMark,
  range: { from: number; to: number; total: number },
  encode: { preset: string; crf: number },
  run: (args: string[]) => Promise<void>,
): Promise<void> {
  if (range.to - range.from < 1) return;
  const tmp = `${video}.logo.mp4`;
  try {
    await run(cornerLogoArgs(video, mark, range, encode, tmp));
    await rename(tmp, video);
  } finally {
    await rm(tmp, { force: true });
  }
}
