// One decoded frame as raw RGB (sharp turns it into the poster and thumbnail). Raw output
// avoids the MJPEG encoder, whose accepted pixel formats differ between ffmpeg versions.
import { framesToSeconds } from "../timeline";

export function frameGrabArgs(file: string, frame: number, fps: number, output: string): string[] {
  return [
    ...(frame > 0 ? ["-ss", framesToSeconds(frame, fps)] : []),
    "-i",
    file,
    "-map",
    "0:v:0",
    ...oneRawRgbFrame(output),
  ];
}

/** The output options writing one frame, as raw RGB, to `output`. */
export function oneRawRgbFrame(output: string): string[] {
  return ["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", output];
}
