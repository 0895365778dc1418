// Renders the final ad(s) from a composition spec. Fast by design (render-fast.ts): clips
// are already in one shared encoding, so only the frames that change are re-encoded and
// the rest is stream-copied; the audio bed is encoded once for every format. Given the cache
// folder that prepareEdit filled when the clips were approved, only the text is encoded here
// (the title, the card until its words are in); the rest is joined ready-made. Anything not
// prepared is made here, and kept there for the next compose. Several formats share one
// pool: their text pieces are shared out together among one ffmpeg run per core
// (piece-batch.ts) and their joins run as one (join-batch.ts).
// A one-pass render of the whole edit (method 'reference') is the fallback for anything the
// fast path cannot prove correct, and the benchmark's baseline.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { audioTrackArgs } from "./args/audio";
import { binaries } from "./binaries";
import { audioPlan, composeRatio, type Runner } from "./compose-ratio";
import {
  type CompositionSpec,
  type CompositionSpecInput,
  parseCompositionSpec,
} from "./composition-spec";
import { runFfmpeg } from "./ffmpeg";
import { type AspectRatio, FPS, videoEncodeArgs } from "./formats";
import { JoinBatch } from "./join-batch";
import { PieceBatch } from "./piece-batch";
import { Pool } from "./pool";
import { encoderSettings, timelineInput } from "./ratio-plan";
import type { FastRenderStats } from "./render-fast";
import { sharedTextImages } from "./text-image";
import { planTimeline } from "./timeline";

export type ComposeOptions = {
  /** Where the finished files go (created if missing). */
  outDir: string;
  /** Parent folder (created if missing) of the call's private temp folder, removed when it ends. Default: the OS temp dir. */
  workDir?: string;
  /** Keeps normalised clips between calls (see prepareClip). Without it they live in the temp folder. */
  cacheDir?: string;
  /** 0–1 over the whole call (all ratios). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** ffmpeg binary (tests force the shipped 2018 build). Default binaries().ffmpeg. */
  binary?: string;
  ffprobe?: string;
  /** Per ffmpeg run. Default 10 minutes. */
  timeoutMs?: number;
  /** Output file names start with this. Default "final". */
  fileStem?: string;
  /** ffmpeg processes at once, across ratios. Default: the number of cores. */
  concurrency?: number;
  /** 'fast' (default) or 'reference' (the whole edit in one ffmpeg pass). */
  method?: "fast" | "reference";
};

export type ComposeResult = {
  ratio: AspectRatio;
  videoPath: string;
  /** Full-size JPEG of the title moment (or one second in). */
  posterPath: string;
  /** 320 px wide WebP of the same frame. */
  thumbnailPath: string;
  /** From ffprobe. */
  durationSeconds: number;
  width: number;
  height: number;
  fileSizeBytes: number;
  frames: number;
  /** How it was rendered; 'reference' after a fast-path fallback says why in fallbackReason. */
  method: "fast" | "reference";
  fallbackReason?: string;
  stats: FastRenderStats & { normalizedClips: number; ms: number };
};

export class ComposeCancelledError extends Error {
  constructor() {
    super("composition was cancelled");
    this.name = "AbortError";
  }
}

/** Duration in seconds the spec will produce for clips of these lengths (see timeline.ts). */
export function expectedDurationSeconds(
  spec: CompositionSpecInput | CompositionSpec,
  clipFrames: number[],
): number {
  const parsed = parseCompositionSpec(spec);
  return (
    planTimeline(
      timelineInput(
        parsed,
        clipFrames.map((frames) => ({ frames, keyframes: [0] })),
      ),
    ).totalFrames / FPS
  );
}

export async function composeVideo(
  input: CompositionSpecInput | CompositionSpec,
  opts: ComposeOptions,
): Promise<ComposeResult[]> {
  const spec = parseCompositionSpec(input);
  if (opts.signal?.aborted) throw new ComposeCancelledError();
  // One failure (or the caller's abort) stops every ffmpeg of this call.
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const pool = new Pool(opts.concurrency ?? Math.max(1, os.availableParallelism()));
  const progress = new Progress(spec.outputs.ratios.length, opts.onProgress);
  const binary = opts.binary ?? binaries().ffmpeg;
  const run: Runner = (args, extra = {}) =>
    pool.run(() => runFfmpeg(args, { binary, signal, timeoutMs: opts.timeoutMs, ...extra }));
  const workDir = opts.workDir ?? os.tmpdir();
  await Promise.all([mkdir(opts.outDir, { recursive: true }), mkdir(workDir, { recursive: true })]);
  const tmp = await mkdtemp(path.join(workDir, "compose-"));
  try {
    // The audio bed depends only on the ad's length: one encode serves every ratio. It is
    // light (one core for a fraction of a second) and starts at once, beside the pool.
    const tracks = new Map<number, Promise<string>>();
    const audioTrack = (frames: number) => {
      let track = tracks.get(frames);
      if (!track) {
        const file = path.join(tmp, `audio-${frames}.m4a`);
        track = runFfmpeg(audioTrackArgs(audioPlan(spec, frames), file), {
          binary,
          signal,
          timeoutMs: opts.timeoutMs,
        }).then(() => file);
        track.catch(() => {}); // awaited by the ratios that use it
        tracks.set(frames, track);
      }
      return track;
    };
    const pieces = new PieceBatch(
      spec.outputs.ratios.length,
      pool.size,
      videoEncodeArgs({ ...encoderSettings(spec), role: "piece" }),
      run,
    );
    const textImage = sharedTextImages();
    const joins = new JoinBatch(spec.outputs.ratios.length, (args) => run(args));
    // The first failure is the cause; the ratios it stopped fail with "cancelled" after it.
    let cause: unknown;
    const settled = await Promise.allSettled(
      spec.outputs.ratios.map((ratio, i) =>
        composeRatio(spec, ratio, {
          ...opts,
          binary,
          signal,
          pool,
          run,
          audioTrack,
          textImage,
          pieces,
          joins,
          tmp,
          progress: (f) => progress.set(i, f),
        }).catch((err) => {
          cause ??= err;
          stop.abort();
          throw err;
        }),
      ),
    );
    // Every ffmpeg has ended before the temp folder goes.
    await Promise.allSettled(tracks.values());
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (opts.signal?.aborted) throw new ComposeCancelledError();
    if (failed) throw cause ?? failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<ComposeResult>).value);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Overall progress of several ratios, reported in steps of at least 1 %. */
class Progress {
  private readonly parts: number[];
  private last = 0;
  constructor(
    n: number,
    private readonly onProgress?: (fraction: number) => void,
  ) {
    this.parts = new Array(n).fill(0);
  }
  set(i: number, f: number) {
    this.parts[i] = Math.max(this.parts[i], Math.min(1, f));
    const total = this.parts.reduce((a, b) => a + b, 0) / this.parts.length;
    if (total >= this.last + 0.01 || (total === 1 && this.last < 1)) {
      this.last = total;
      this.onProgress?.(total);
    }
  }
}
