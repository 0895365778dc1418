// The poster (full-size JPEG, what a player shows before it starts) and a small preview
// thumbnail (WebP), both from one decoded frame of the ad.
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { frameGrabArgs } from "./args/frame-grab";
import { FPS } from "./formats";

/** Thumbnail width in pixels (never wider than the frame). */
export const THUMBNAIL_WIDTH = 320;

/** ffmpeg arguments that write frame `frame` of `file` as raw RGB to `rawPath`. */
export function posterFrameArgs(file: string, frame: number, rawPath: string): string[] {
  return frameGrabArgs(file, frame, FPS, rawPath);
}

export async function writePosterAndThumbnail(
  rawPath: string,
  size: { width: number; height: number },
  out: { poster: string; thumbnail: string },
): Promise<void> {
  const frame = sharp(await readFile(rawPath), {
    raw: { width: size.width, height: size.height, channels: 3 },
  });
  await Promise.all([
    frame.clone().jpeg({ quality: 85 }).toFile(out.poster),
    frame
      .clone()
      .resize({ width: Math.min(THUMBNAIL_WIDTH, size.width) })
      .webp({ quality: 75 })
      .toFile(out.thumbnail),
  ]);
}
