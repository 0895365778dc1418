// Small real output files, made once per shape and reused: PNG (sharp), MP4 (ffmpeg in the
// pipeline's shared encoding), WAV (PCM written by hand).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { FPS, videoEncodeArgs } from "@/lib/media/formats";

const cache = new Map<string, Promise<Buffer>>();
const once = (key: string, make: () => Promise<Buffer>) => {
  let p = cache.get(key);
  if (!p) {
    p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
};

export function png(width: number, height: number, seed = 0): Promise<Buffer> {
  const hue = (seed * 47) % 360;
  return once(`png:${width}x${height}:${hue}`, () =>
    sharp({ create: { width, height, channels: 3, background: `hsl(${hue},60%,60%)` } })
      .composite([
        {
          input: Buffer.from(
            `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="white"/></svg>`,
          ),
        },
      ])
      .png()
      .toBuffer(),
  );
}

export function mp4(width: number, height: number, seconds: number): Promise<Buffer> {
  return once(`mp4:${width}x${height}:${seconds}`, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "fake-replicate-"));
    try {
      const out = path.join(dir, "out.mp4");
      await runFfmpeg([
        "-f",
        "lavfi",
        "-i",
        `testsrc2=s=${width}x${height}:r=${FPS}:d=${seconds}`,
        ...videoEncodeArgs({ preset: "ultrafast" }),
        "-an",
        "-movflags",
        "+faststart",
        out,
      ]);
      return await readFile(out);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

export function wav(seconds: number, rate = 8000): Promise<Buffer> {
  return once(`wav:${seconds}`, async () => {
    const samples = Math.round(seconds * rate);
    const buf = Buffer.alloc(44 + samples * 2);
    buf.write("RIFF", 0, "latin1");
    buf.writeUInt32LE(36 + samples * 2, 4);
    buf.write("WAVEfmt ", 8, "latin1");
    buf.writeUInt32LE(16, 16);
    buf.writeUInt16LE(1, 20);
    buf.writeUInt16LE(1, 22);
    buf.writeUInt32LE(rate, 24);
    buf.writeUInt32LE(rate * 2, 28);
    buf.writeUInt16LE(2, 32);
    buf.writeUInt16LE(16, 34);
    buf.write("data", 36, "latin1");
    buf.writeUInt32LE(samples * 2, 40);
    for (let i = 0; i < samples; i++)
      buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / rate)), 44 + i * 2);
    return buf;
  });
}
