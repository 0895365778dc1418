// Reads what a media file really is: duration, size, frame rate, streams.
import { execFile } from "node:child_process";
import { z } from "zod";
import { binaries } from "./binaries";

const ffprobeOutput = z.object({
  format: z.object({
    duration: z.string().optional(),
    format_name: z.string(),
    size: z.string().optional(),
  }),
  streams: z.array(
    z.object({
      codec_type: z.string(),
      codec_name: z.string().optional(),
      profile: z.string().optional(),
      width: z.number().optional(),
      height: z.number().optional(),
      r_frame_rate: z.string().optional(),
      avg_frame_rate: z.string().optional(),
      pix_fmt: z.string().optional(),
      duration: z.string().optional(),
      sample_rate: z.string().optional(),
      channels: z.number().optional(),
      bit_rate: z.string().optional(),
    }),
  ),
});

export type MediaInfo = {
  durationSeconds: number;
  formatName: string;
  video?: {
    codec: string;
    profile?: string;
    width: number;
    height: number;
    fps: number;
    pixFmt?: string;
  };
  audio?: { codec: string; sampleRate: number; channels: number };
};

function rate(r: string | undefined): number {
  if (!r) return 0;
  const [n, d] = r.split("/").map(Number);
  return d ? n / d : n;
}

export function probe(file: string, binary = binaries().ffprobe): Promise<MediaInfo> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file],
      { maxBuffer: 10 * 1024 * 1024, timeout: 30_000 },
      (err, stdout, stderr) => {
        if (err)
          return reject(new Error(`ffprobe could not read ${file}: ${stderr || err.message}`));
        const parsed = ffprobeOutput.safeParse(JSON.parse(stdout));
        if (!parsed.success) return reject(new Error(`ffprobe gave unexpected output for ${file}`));
        const { format, streams } = parsed.data;
        const v = streams.find((s) => s.codec_type === "video");
        const a = streams.find((s) => s.codec_type === "audio");
        resolve({
          durationSeconds: Number(format.duration ?? v?.duration ?? a?.duration ?? 0),
          formatName: format.format_name,
          video: v
            ? {
                codec: v.codec_name ?? "",
                profile: v.profile,
                width: v.width ?? 0,
                height: v.height ?? 0,
                fps: Math.round(rate(v.avg_frame_rate) || rate(v.r_frame_rate)),
                pixFmt: v.pix_fmt,
              }
            : undefined,
          audio: a
            ? {
                codec: a.codec_name ?? "",
                sampleRate: Number(a.sample_rate ?? 0),
                channels: a.channels ?? 0,
              }
            : undefined,
        });
      },
    );
  });
}
