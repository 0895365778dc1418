// What composition needs to know about a clip before it may copy parts of it: its size and
// frame count, where its keyframes are, and whether it is in the shared encoding (same
// H.264 headers as the pieces we render, no B-frames, frame N at exactly N/30 s, video only).
// The profile is not checked by name: it is inside the headers compared byte for byte (x264
// signals the lowest profile its tools need, e.g. Constrained Baseline for ultrafast).
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { FPS, TRACK_TIMESCALE } from "./formats";
import { readAvcC } from "./mp4-avcc";
import { readVideoIndex } from "./mp4-index";
import { sharedWork } from "./shared-work";

export type ClipInfo = {
  path: string;
  width: number;
  height: number;
  /** Display aspect ratio (width × sample aspect ratio / height). */
  displayAspect: number;
  frames: number;
  durationSeconds: number;
  /** Frame indices of IDR keyframes. */
  keyframes: number[];
  avcC?: string;
  /** Why the clip cannot be cut by stream copy as it is; undefined when it can. */
  notShared?: string;
  /** Hash of the file's bytes: what caches key their work on (a re-download or another path is the same clip). */
  hash: string;
};

const TIMESCALE = TRACK_TIMESCALE;
const TICKS_PER_FRAME = TIMESCALE / FPS;

const probeJson = z.object({
  streams: z.array(
    z.object({
      codec_type: z.string().optional(),
      codec_name: z.string().optional(),
      profile: z.string().optional(),
      width: z.number().optional(),
      height: z.number().optional(),
      pix_fmt: z.string().optional(),
      time_base: z.string().optional(),
      has_b_frames: z.number().optional(),
      sample_aspect_ratio: z.string().optional(),
    }),
  ),
  packets: z
    .array(
      z.object({
        pts: z.number().optional(),
        dts: z.number().optional(),
        flags: z.string().optional(),
      }),
    )
    .default([]),
  format: z.object({ nb_streams: z.number(), duration: z.string().optional() }),
});

function ffprobeJson(binary: string, file: string, signal?: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      [
        "-v",
        "error",
        "-print_format",
        "json",
        "-select_streams",
        "v:0",
        "-show_entries",
        "stream=codec_type,codec_name,profile,width,height,pix_fmt,time_base,has_b_frames,sample_aspect_ratio:packet=pts,dts,flags:format=nb_streams,duration",
        file,
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: 60_000, signal },
      (err, stdout, stderr) => {
        if (err)
          return reject(
            new Error(`ffprobe could not read ${file}: ${(stderr || err.message).trim()}`),
          );
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`ffprobe gave unreadable output for ${file}`));
        }
      },
    );
  });
}

// Inspections are cached by path, size and mtime: clips are immutable once written, and a
// re-compose of the same session reads the same files again. With a cache folder they are
// also kept on disk, so a worker that prepared a session's clips spares the next compose
// (in any process) every ffprobe.
const cache = new Map<string, ClipInfo>();
const inFlight = new Map<string, Promise<ClipInfo>>();
/** Bump when ClipInfo changes. */
const INFO_VERSION = 1;

/** Forgets every inspection (the benchmark measures a first compose with it). */
export function clearClipInfoCache(): void {
  cache.clear();
}

/**
 * What our own encoder writes at a size (normalize.ts `encodingSignature`). A clip whose
 * H.264 headers are byte-identical to it has that size, pixel format, profile, square pixels
 * and no B-frames (all of them are in those headers), so only its sample tables are left to
 * check — read in JavaScript, without starting ffprobe.
 */
export type KnownEncoding = { avcC: string; width: number; height: number };

export async function inspectClip(
  file: string,
  ffprobe: string,
  signal?: AbortSignal,
  cacheDir?: string,
  known?: KnownEncoding,
): Promise<ClipInfo> {
  const st = await stat(file);
  const key = `${path.resolve(file)}|${st.size}|${st.mtimeMs}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // The formats of a compose look at the same clips at once: one of them probes.
  return sharedWork(
    inFlight,
    `${key}|${cacheDir ?? ""}`,
    async () => {
      const stored = cacheDir
        ? path.join(
            cacheDir,
            `info-${createHash("sha256").update(`${INFO_VERSION}|${key}`).digest("hex").slice(0, 32)}.json`,
          )
        : undefined;
      const kept = stored ? await readStored(stored, file) : undefined;
      const info =
        kept ??
        (known && (await readOwnClip(file, known))) ??
        (await probeClip(file, ffprobe, signal));
      if (stored && !kept) await store(stored, info);
      if (cache.size > 1000) cache.clear();
      cache.set(key, info);
      return info;
    },
    { signal },
  );
}

/** Written atomically; a failure only costs the next reader an ffprobe. */
async function store(file: string, info: ClipInfo): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, JSON.stringify(info));
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true }).catch(() => {});
  }
}

async function readStored(file: string, clip: string): Promise<ClipInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(file, "utf8")) as ClipInfo;
    return typeof info.frames === "number" &&
      Array.isArray(info.keyframes) &&
      typeof info.hash === "string"
      ? { ...info, path: clip }
      : undefined;
  } catch {
    return undefined; // not there yet (or unreadable): probe again
  }
}

async function probeClip(file: string, ffprobe: string, signal?: AbortSignal): Promise<ClipInfo> {
  const [json, hash] = await Promise.all([ffprobeJson(ffprobe, file, signal), fileHash(file)]);
  const parsed = probeJson.safeParse(json);
  if (!parsed.success) throw new Error(`ffprobe gave unexpected output for ${file}`);
  const { streams, packets, format } = parsed.data;
  const v = streams[0];
  if (!v?.width || !v.height) throw new Error(`${file} has no video stream`);
  const [sn, sd] = (v.sample_aspect_ratio ?? "1:1").split(":").map(Number);
  const sar = sn > 0 && sd > 0 ? sn / sd : 1;

  const keyframes: number[] = [];
  let notShared: string | undefined;
  packets.forEach((p, i) => {
    if (p.flags?.includes("K")) keyframes.push(i);
    if (!notShared && (p.pts !== i * TICKS_PER_FRAME || p.dts !== p.pts))
      notShared = `frame ${i} is not at ${i}/${FPS} s`;
  });
  notShared ??=
    v.codec_name !== "h264"
      ? `codec ${v.codec_name}`
      : v.pix_fmt !== "yuv420p"
        ? `pixel format ${v.pix_fmt}`
        : v.time_base !== `1/${TIMESCALE}`
          ? `time base ${v.time_base}`
          : (v.has_b_frames ?? 0) > 0
            ? "B-frames"
            : format.nb_streams !== 1
              ? "has other streams than video"
              : sar !== 1
                ? "non-square pixels"
                : keyframes[0] !== 0
                  ? "does not start on a keyframe"
                  : undefined;

  const info: ClipInfo = {
    path: file,
    width: v.width,
    height: v.height,
    displayAspect: (v.width * sar) / v.height,
    frames: packets.length,
    durationSeconds: Number(format.duration ?? packets.length / FPS),
    keyframes,
    avcC: notShared ? undefined : await readAvcC(file),
    notShared,
    hash,
  };
  if (!info.notShared && !info.avcC) info.notShared = "no avcC header";
  return info;
}

/**
 * The clip's facts from its MP4 boxes when it is in the shared encoding of `known`; undefined
 * for anything else (ffprobe then reads it). Spawning ffprobe costs ~85 ms of CPU with a
 * dynamically linked system build — with 50 clips finishing together, a third of the clip
 * stage (#12) — while this is a read of the moov box.
 */
async function readOwnClip(file: string, known: KnownEncoding): Promise<ClipInfo | undefined> {
  const [avcC, index] = await Promise.all([
    readAvcC(file).catch(() => undefined),
    readVideoIndex(file),
  ]);
  if (avcC !== known.avcC || !index) return undefined;
  const timed =
    index.timescale === TIMESCALE &&
    index.frameDuration === TICKS_PER_FRAME &&
    !index.reordered &&
    index.tracks.length === 1 &&
    index.keyframes[0] === 0;
  if (!timed) return undefined;
  return {
    path: file,
    width: known.width,
    height: known.height,
    displayAspect: known.width / known.height,
    frames: index.frames,
    durationSeconds: index.durationSeconds,
    keyframes: index.keyframes,
    avcC,
    hash: await fileHash(file),
  };
}

/** SHA-256 of a file's bytes (clips are a few MB: one read). */
async function fileHash(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex")
    .slice(0, 32);
}

/** Whether a clip can be used as it is for an output of this size and encoding. */
export function fitsEncoding(
  info: ClipInfo,
  target: { width: number; height: number; avcC: string },
): string | undefined {
  if (info.notShared) return info.notShared;
  if (info.width !== target.width || info.height !== target.height)
    return `size ${info.width}×${info.height}`;
  if (info.avcC !== target.avcC) return "encoded with other settings";
  return undefined;
}
