// What the voiced-ad journey checks in the files the API hands out, with real ffmpeg: the
// loudness (ebur128), still stretches (freezedetect), caption cues, and where each spoken
// sentence of the voice-over sits in the ad's sound (cross-correlation of the two signals).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { binaries } from "@/lib/media/binaries";
import { runFfmpeg } from "@/lib/media/ffmpeg";

const exec = promisify(execFile);

export type Cue = { start: number; end: number; text: string };

/** The cues of an SRT or WebVTT file. */
export function parseCues(text: string): Cue[] {
  const t = (h: string, m: string, s: string, ms: string) =>
    Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
  return [
    ...text.matchAll(/(\d\d):(\d\d):(\d\d)[,.](\d{3}) --> (\d\d):(\d\d):(\d\d)[,.](\d{3})\n(.+)/g),
  ].map((m) => ({ start: t(m[1], m[2], m[3], m[4]), end: t(m[5], m[6], m[7], m[8]), text: m[9] }));
}

/** Still stretches of at least `minSeconds` that freezedetect finds from `from` seconds on. */
export async function freezes(
  file: string,
  from: number,
  noise = "-60dB",
  minSeconds = 1,
): Promise<{ start: number; duration?: number }[]> {
  const { stderr } = await exec(binaries().ffmpeg, [
    "-hide_banner",
    "-ss",
    from.toFixed(3),
    "-i",
    file,
    "-vf",
    `freezedetect=n=${noise}:d=${minSeconds}`,
    "-an",
    "-f",
    "null",
    "-",
  ]);
  const starts = [...stderr.matchAll(/freeze_start: ([\d.]+)/g)].map((m) => Number(m[1]));
  const durations = [...stderr.matchAll(/freeze_duration: ([\d.]+)/g)].map((m) => Number(m[1]));
  return starts.map((start, i) => ({ start, duration: durations[i] }));
}

/** Frame at `seconds` as raw RGB (and, when `png` is given, also saved there to look at). */
export async function frameAt(
  file: string,
  seconds: number,
  size: { width: number; height: number },
  png?: string,
): Promise<Buffer> {
  const args = ["-ss", seconds.toFixed(3), "-i", file, "-frames:v", "1"];
  if (png) await runFfmpeg([...args, "-y", png]);
  const { stdout } = await exec(
    binaries().ffmpeg,
    ["-v", "error", ...args, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
    { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 },
  );
  if (stdout.length !== size.width * size.height * 3)
    throw new Error(`frame at ${seconds}s is ${stdout.length} bytes`);
  return stdout;
}

export type Box = { x0: number; x1: number; y0: number; y1: number };

/** Pixels in a box that pass `test` (r, g, b), with their mean column. */
export function count(
  rgb: Buffer,
  width: number,
  box: Box,
  test: (r: number, g: number, b: number) => boolean,
): { n: number; meanX: number } {
  let n = 0;
  let sx = 0;
  for (let y = Math.floor(box.y0); y < Math.ceil(box.y1); y++)
    for (let x = Math.floor(box.x0); x < Math.ceil(box.x1); x++) {
      const i = (y * width + x) * 3;
      if (test(rgb[i], rgb[i + 1], rgb[i + 2])) {
        n++;
        sx += x;
      }
    }
  return { n, meanX: n ? sx / n : -1 };
}

/** A file's audio as mono float samples at `rate` Hz, through an optional filter. */
export async function samples(file: string, rate: number, filter?: string): Promise<Float32Array> {
  const { stdout } = await exec(
    binaries().ffmpeg,
    ["-v", "error", "-i", file, "-map", "0:a:0", "-ac", "1", "-ar", String(rate)]
      .concat(filter ? ["-af", filter] : [])
      .concat(["-f", "f32le", "-"]),
    { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 },
  );
  const copy = Buffer.from(stdout);
  return new Float32Array(copy.buffer, copy.byteOffset, copy.length / 4);
}

/** Mean power in dB of the samples in these stretches [from, to) seconds, together. */
export function energyDb(
  pcm: Float32Array,
  rate: number,
  spans: { from: number; to: number }[],
): number {
  let sum = 0;
  let n = 0;
  for (const s of spans) {
    const b = Math.min(pcm.length, Math.floor(s.to * rate));
    for (let i = Math.max(0, Math.floor(s.from * rate)); i < b; i++) {
      sum += pcm[i] * pcm[i];
      n++;
    }
  }
  return 10 * Math.log10(Math.max(1e-18, sum / Math.max(1, n)));
}

/**
 * Where the stretch [from, to) seconds of `voice` is heard in `ad`: the shift (ad time minus
 * voice time) in [lo, hi] that best correlates the two (normalised), with its score.
 */
export function placeOf(
  voice: Float32Array,
  ad: Float32Array,
  rate: number,
  span: { from: number; to: number },
  range: { lo: number; hi: number },
): { shift: number; score: number } {
  const a = Math.floor(span.from * rate);
  const b = Math.min(voice.length, Math.floor(span.to * rate));
  const seg = voice.subarray(a, b);
  let segNorm = 0;
  for (const v of seg) segNorm += v * v;
  let best = { shift: 0, score: -1 };
  for (let lag = Math.floor(range.lo * rate); lag <= Math.ceil(range.hi * rate); lag++) {
    const at = a + lag;
    if (at < 0 || at + seg.length > ad.length) continue;
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < seg.length; i++) {
      const x = ad[at + i];
      dot += seg[i] * x;
      norm += x * x;
    }
    const score = dot / Math.sqrt(segNorm * norm + 1e-18);
    if (score > best.score) best = { shift: lag / rate, score };
  }
  return best;
}
