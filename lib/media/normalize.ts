// Brings clips into an output format's shared encoding, once per clip and ratio. The
// pipeline can call prepareClip for every extra ratio as soon as a clip exists, so that
// composing later only cuts and copies; composeVideo calls it too and reuses the cache.
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Fit, normalizeArgs, normalizeFilter } from "./args/normalize";
import { binaries } from "./binaries";
import { type ClipInfo, fitsEncoding, inspectClip } from "./clip-info";
import { runFfmpeg } from "./ffmpeg";
import {
  ASPECT_RATIOS,
  type AspectRatio,
  FPS,
  outputSize,
  renderSettings,
  videoEncodeArgs,
} from "./formats";
import { readAvcC } from "./mp4-avcc";
import { sharedWork } from "./shared-work";

/** Bump when the normalised output changes, so stale cache entries are not reused. */
const CACHE_VERSION = 4;

export type EncodeOptions = {
  /** Output scale (1 = 1080p formats); default renderSettings() (RENDER_SCALE). */
  scale?: number;
  /** x264 preset; default renderSettings() (RENDER_PRESET). Must match the clips' preset. */
  preset?: string;
  /** x264 CRF; default 21. */
  crf?: number;
  /** ffmpeg binary; default binaries().ffmpeg. */
  binary?: string;
  /** ffprobe binary; default binaries().ffprobe. */
  ffprobe?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
};

export type NormalizeOptions = EncodeOptions & {
  fit?: Fit;
  onProgress?: (fraction: number) => void;
  /** Also keep what ffprobe found out about the clips here (clip-info.ts). */
  cacheDir?: string;
  /** Run ffmpeg at this niceness (background preparation yields the CPU to a compose). */
  niceness?: number;
};

function settings(opts: EncodeOptions) {
  return {
    ...renderSettings(opts),
    binary: opts.binary ?? binaries().ffmpeg,
    ffprobe: opts.ffprobe ?? binaries().ffprobe,
  };
}

/**
 * Re-encodes `input` for `ratio` (scale + crop or pad, square pixels, 30 fps, yuv420p,
 * videoEncodeArgs, no audio) into `outPath`, written atomically. Returns the new clip's info.
 */
export async function normalizeClip(
  input: string,
  ratio: AspectRatio,
  outPath: string,
  opts: NormalizeOptions = {},
): Promise<ClipInfo> {
  if (!ASPECT_RATIOS.includes(ratio)) throw new Error(`unknown aspect ratio ${ratio}`);
  const s = settings(opts);
  const target = outputSize(ratio, s.scale);
  const info = await inspectClip(input, s.ffprobe, opts.signal, opts.cacheDir);
  const filter = normalizeFilter(info, target, opts.fit ?? "auto", FPS);
  const tmp = `${outPath}.${randomBytes(4).toString("hex")}.tmp.mp4`;
  try {
    await runFfmpeg(
      normalizeArgs(input, filter, videoEncodeArgs({ preset: s.preset, crf: s.crf }), tmp),
      {
        binary: s.binary,
        signal: opts.signal,
        timeoutMs: opts.timeoutMs,
        durationSeconds: info.durationSeconds,
        onProgress: opts.onProgress,
        niceness: opts.niceness,
      },
    );
    await rename(tmp, outPath);
  } finally {
    await rm(tmp, { force: true });
  }
  return inspectClip(outPath, s.ffprobe, opts.signal, opts.cacheDir);
}

// The avcC our encoder writes for a size and preset. One frame is enough: with
// `stitchable=1` the headers do not depend on the content or on its length.
const signatures = new Map<string, Promise<string>>();

export function encodingSignature(
  opts: EncodeOptions & { width: number; height: number; workDir?: string },
): Promise<string> {
  const s = settings(opts);
  const key = `${s.binary}|${opts.width}x${opts.height}|${s.preset}`;
  // Kept once known; a failed or cancelled probe is not (the next caller probes again).
  return sharedWork(
    signatures,
    key,
    async () => {
      const dir = await mkdtemp(path.join(opts.workDir ?? tmpdir(), "sig-"));
      try {
        const out = path.join(dir, "sig.mp4");
        await runFfmpeg(
          [
            "-f",
            "lavfi",
            "-i",
            `color=c=black:s=${opts.width}x${opts.height}:r=${FPS}`,
            "-frames:v",
            "1",
            ...videoEncodeArgs({ preset: s.preset, crf: s.crf, role: "piece" }),
            "-an",
            out,
          ],
          { binary: s.binary, signal: opts.signal, timeoutMs: opts.timeoutMs },
        );
        const avcC = await readAvcC(out);
        if (!avcC) throw new Error("the encoder wrote no avcC header");
        return avcC;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    { signal: opts.signal, keep: true },
  );
}

export type PreparedClip = { path: string; info: ClipInfo; normalized: boolean; cached: boolean };

const inFlight = new Map<string, Promise<PreparedClip>>();

/**
 * The clip as it must be for `ratio`: the input itself when it is already in the shared
 * encoding at that size, otherwise a normalised copy — in `cacheDir` (reused across calls
 * and processes; keyed by the input's content and the encoding settings) or, without a
 * cache, in `workDir` (the caller removes it).
 */
export async function prepareClip(
  input: string,
  ratio: AspectRatio,
  opts: NormalizeOptions & {
    workDir: string;
    /** Runs the normalising encode (only that: a clip already prepared is a file lookup) in the caller's pool. */
    limit?: <T>(job: () => Promise<T>) => Promise<T>;
  },
): Promise<PreparedClip> {
  const s = settings(opts);
  const target = outputSize(ratio, s.scale);
  // The signature first (known after the first clip of a process): a clip already in that
  // encoding is then inspected from its boxes, without ffprobe (clip-info.ts).
  const avcC = await encodingSignature({ ...opts, ...target });
  const info = await inspectClip(input, s.ffprobe, opts.signal, opts.cacheDir, {
    avcC,
    ...target,
  });
  if (!fitsEncoding(info, { ...target, avcC }))
    return { path: input, info, normalized: false, cached: false };

  const key = createHash("sha256")
    .update(
      JSON.stringify([
        CACHE_VERSION,
        info.hash,
        target,
        opts.fit ?? "auto",
        s.preset,
        s.crf,
        s.binary,
      ]),
    )
    .digest("hex")
    .slice(0, 32);
  const dir = opts.cacheDir ?? opts.workDir;
  const out = path.join(dir, `clip-${key}.mp4`);
  return sharedWork(
    inFlight,
    out,
    async (): Promise<PreparedClip> => {
      if (existsSync(out)) {
        const cachedInfo = await inspectClip(out, s.ffprobe, opts.signal, opts.cacheDir).catch(
          () => undefined,
        );
        if (cachedInfo && !fitsEncoding(cachedInfo, { ...target, avcC }))
          return { path: out, info: cachedInfo, normalized: true, cached: true };
      }
      await mkdir(dir, { recursive: true });
      const normalize = () => normalizeClip(input, ratio, out, opts);
      const fresh = await (opts.limit ? opts.limit(normalize) : normalize());
      const why = fitsEncoding(fresh, { ...target, avcC });
      if (why) throw new Error(`normalising ${input} did not give the shared encoding (${why})`);
      return { path: out, info: fresh, normalized: true, cached: false };
    },
    { signal: opts.signal, lowPriority: (opts.niceness ?? 0) > 0 },
  );
}
