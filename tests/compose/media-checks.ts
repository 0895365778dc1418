// What a person would check in a rendered ad, as functions: a frame's pixels, the sound's
// level over time, how alike two videos are. Real ffmpeg, no mocks.
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { binaries } from "@/lib/media/binaries";
import { runFfmpeg } from "@/lib/media/ffmpeg";

const exec = promisify(execFile);

/** Frame `n` (0-based) of a video as raw RGB bytes. */
export async function grabFrame(
  file: string,
  n: number,
  size: { width: number; height: number },
): Promise<Buffer> {
  const out = `${file}.frame-${n}-${Math.random().toString(36).slice(2)}.rgb`;
  try {
    await runFfmpeg([
      "-i",
      file,
      "-vf",
      `select=eq(n\\,${n})`,
      "-vsync",
      "0",
      "-frames:v",
      "1",
      "-f",
      "rawvideo",
      "-pix_fmt",
      "rgb24",
      out,
    ]);
    const rgb = await readFile(out);
    if (rgb.length !== size.width * size.height * 3)
      throw new Error(`frame ${n} of ${path.basename(file)} is ${rgb.length} bytes`);
    return rgb;
  } finally {
    await rm(out, { force: true });
  }
}

/** Mean absolute difference per channel value (0–255) over a box of two RGB frames. */
export function meanAbsDiff(
  a: Buffer,
  b: Buffer,
  width: number,
  box: { x: number; y: number; w: number; h: number } = {
    x: 0,
    y: 0,
    w: width,
    h: a.length / 3 / width,
  },
): number {
  let sum = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * width + x) * 3;
      sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
    }
  }
  return sum / (box.w * box.h * 3);
}

/** The audio track decoded to mono float samples at `rate` Hz. */
export async function decodeAudio(file: string, rate = 8000): Promise<Float32Array> {
  const out = `${file}.${Math.random().toString(36).slice(2)}.f32`;
  try {
    await runFfmpeg([
      "-i",
      file,
      "-map",
      "0:a:0",
      "-ac",
      "1",
      "-ar",
      String(rate),
      "-f",
      "f32le",
      out,
    ]);
    const buf = await readFile(out);
    return new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  } finally {
    await rm(out, { force: true });
  }
}

/** Root-mean-square level of samples [from, to) seconds. */
export function rms(samples: Float32Array, rate: number, from: number, to: number): number {
  const a = Math.max(0, Math.floor(from * rate));
  const b = Math.min(samples.length, Math.floor(to * rate));
  let sum = 0;
  for (let i = a; i < b; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / Math.max(1, b - a));
}

/** Per-frame PSNR (dB) of `b` against `a`, which must have the same size and frame count. */
export async function framePsnr(a: string, b: string): Promise<number[]> {
  const stats = `${b}.psnr-${Math.random().toString(36).slice(2)}.log`;
  try {
    await runFfmpeg([
      "-i",
      a,
      "-i",
      b,
      "-lavfi",
      `[0:v][1:v]psnr=stats_file=${stats}`,
      "-f",
      "null",
      "-",
    ]);
    const lines = (await readFile(stats, "utf8")).trim().split("\n");
    return lines.map((l) => {
      const v = /psnr_avg:(\S+)/.exec(l)?.[1];
      return v === "inf" ? 99 : Number(v);
    });
  } finally {
    await rm(stats, { force: true });
  }
}

/** ffprobe's view of a file: container, streams, durations. */
export async function ffprobeJson(file: string, binary = binaries().ffprobe) {
  const { stdout } = await exec(binary, [
    "-v",
    "error",
    "-print_format",
    "json",
    "-show_format",
    "-show_streams",
    file,
  ]);
  return JSON.parse(stdout) as {
    format: { format_name: string; duration: string };
    streams: {
      codec_type: string;
      codec_name: string;
      profile?: string;
      width?: number;
      height?: number;
      avg_frame_rate?: string;
      pix_fmt?: string;
      duration?: string;
      bit_rate?: string;
      nb_frames?: string;
    }[];
  };
}

/** Integrated loudness (LUFS) and true peak (dBTP) of a file's audio, by ffmpeg's ebur128. */
export async function ebur128(file: string): Promise<{ integrated: number; truePeak: number }> {
  const { stderr } = await exec(
    binaries().ffmpeg,
    ["-hide_banner", "-nostats", "-i", file, "-map", "0:a:0"].concat([
      "-af",
      "ebur128=peak=true",
      "-f",
      "null",
      "-",
    ]),
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  return {
    integrated: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]),
    truePeak: Number(/Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1]),
  };
}
