// Renders the final ad(s) from a composition spec. Fast by design (render-formats.ts): clips
// are already in one shared encoding, so only the frames that change are re-encoded and
// the rest is stream-copied; the audio bed is encoded once for every format. Given the cache
// folder that prepareEdit filled when the clips were approved, only the text is encoded here
// (the title, the card until its words are in); the rest is joined ready-made. Anything not
// prepared is made here, and kept there for the next compose.
// A one-pass render of the whole edit (method 'reference', render-reference.ts) is the
// fallback for anything the fast path cannot prove correct, and the benchmark's baseline.
import { copyFile, mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RangeSources } from "./args/render-range";
import { binaries } from "./binaries";
import { toSrt, toVtt } from "./captions/subtitle-files";
import { preparedCardBackground } from "./card-background";
import {
  type CompositionSpec,
  type CompositionSpecInput,
  parseCompositionSpec,
} from "./composition-spec";
import { addCornerLogo, cornerMark } from "./corner-logo";
import { type EndCardLayers, endCard } from "./end-card";
import { type Runner, runFfmpeg } from "./ffmpeg";
import { planFormat } from "./format-plan";
import { type AspectRatio, FPS, outputSize } from "./formats";
import { mixAdSound } from "./loudness";
import { Pool } from "./pool";
import { writePosterAndThumbnail } from "./poster";
import {
  type FastOutcome,
  type FastRenderStats,
  type FormatJob,
  renderFormats,
} from "./render-formats";
import { renderReference } from "./render-reference";
import { sharedTextImages, type TextImage, type TextImageOptions } from "./text-image";
import { textOverlays } from "./text-overlays";

export type ComposeOptions = {
  /** Where the finished files go (created if missing). */
  outDir: string;
  /** Parent folder (created if missing) of the call's private temp folder, removed when it ends. Default: the OS temp dir. */
  workDir?: string;
  /** Keeps normalised clips and clip-only pieces between calls (prepareEdit fills it). Without it they live in the temp folder. */
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
  /**
   * The spec's music file is still being made (the music provider runs meanwhile): the
   * pictures are rendered at once and only the audio waits for this. Its failure is the call's.
   */
  musicReady?: Promise<unknown>;
};

export type ComposeResult = {
  ratio: AspectRatio;
  videoPath: string;
  /** SRT and WebVTT files of the burned-in captions (none without captions). */
  captions?: { srtPath: string; vttPath: string };
  /** Full-size JPEG of the title moment (or one second in). */
  posterPath: string;
  /** 320 px wide WebP of the same frame. */
  thumbnailPath: string;
  /** From the file's sample tables (ffprobe when unusual). */
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

type Context = {
  spec: CompositionSpec;
  binary: string;
  ffprobe: string;
  signal: AbortSignal;
  pool: Pool;
  run: Runner;
  tmp: string;
  textImage: (opts: TextImageOptions) => Promise<TextImage>;
  musicReady: Promise<unknown>;
};

export async function composeVideo(
  input: CompositionSpecInput | CompositionSpec,
  opts: ComposeOptions,
): Promise<ComposeResult[]> {
  opts.musicReady?.catch(() => {}); // handled below, once the temp folder exists
  const spec = parseCompositionSpec(input);
  if (opts.signal?.aborted) throw new ComposeCancelledError();
  const started = Date.now();
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
  const ctx: Context = {
    spec,
    binary,
    ffprobe: opts.ffprobe ?? binaries().ffprobe,
    signal,
    pool,
    run,
    tmp,
    textImage: sharedTextImages(),
    musicReady: Promise.resolve(),
  };
  const pending: Promise<unknown>[] = [];
  // The first failure is the cause: it stops the rest, which then fail as cancelled.
  let cause: unknown;
  const stopOnFailure = <T>(work: Promise<T>): Promise<T> => {
    pending.push(work.catch(() => {}));
    return work.catch((err) => {
      cause ??= err;
      stop.abort();
      throw err;
    });
  };
  try {
    ctx.musicReady = stopOnFailure(opts.musicReady ?? Promise.resolve());
    ctx.musicReady.catch(() => {}); // awaited by the audio (or the reference render)
    const jobs = await Promise.all(
      spec.outputs.ratios.map((ratio, i) =>
        stopOnFailure(startFormat(ratio, ctx, opts)).then((job) => {
          progress.set(i, 0.1);
          return job;
        }),
      ),
    );
    const audio = audioTrack(ctx, jobs, pending);
    const outcomes: FastOutcome[] =
      (opts.method ?? "fast") === "fast"
        ? await stopOnFailure(
            renderFormats(jobs, {
              run,
              runs: pool.size,
              encode: spec.outputs,
              audio,
              cacheDir: opts.cacheDir,
              ffprobe: ctx.ffprobe,
              signal,
              progress: (f) => {
                for (let i = 0; i < jobs.length; i++) progress.set(i, 0.1 + 0.85 * f);
              },
            }),
          )
        : jobs.map(() => ({ ok: false, reason: "" }));
    const results = await Promise.all(
      jobs.map((job, i) =>
        stopOnFailure(
          finishFormat(job, outcomes[i], ctx, opts, audio, (f) => progress.set(i, f)).then((r) => ({
            ...r,
            stats: { ...r.stats, ms: Date.now() - started },
          })),
        ),
      ),
    );
    return results;
  } catch (err) {
    if (opts.signal?.aborted) throw new ComposeCancelledError();
    throw cause ?? err;
  } finally {
    // Every ffmpeg has ended before the temp folder goes.
    await Promise.allSettled(pending);
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The sound depends only on the ad's timing (the same for every format of one edit): one
 * mix serves them all — the voice placed sentence by sentence, the music ducked under it and
 * faded, the whole at −14 LUFS, true peak ≤ −1 dBTP; silence when there is nothing to hear
 * (loudness.ts). It is light (one core, a few short runs) and starts at once, beside the pool.
 */
function audioTrack(ctx: Context, jobs: FormatJob[], pending: Promise<unknown>[]): Promise<string> {
  const { spec } = ctx;
  const { tl, voice } = jobs[0].plan;
  const file = path.join(ctx.tmp, `audio-${tl.totalFrames}.m4a`);
  const spoken = spec.voiceOver && voice?.pieces.length ? spec.voiceOver : undefined;
  const track = ctx.musicReady
    .then(() =>
      mixAdSound({
        voicePath: spoken?.path,
        voicePieces: spoken ? voice?.pieces : undefined,
        words: spoken ? voice?.words : undefined,
        musicPath: spec.music?.path,
        fadeIn: spec.music?.fadeSeconds,
        fadeOut: spec.music?.fadeSeconds,
        durationSeconds: tl.totalFrames / FPS,
        output: file,
        binary: ctx.binary,
        signal: ctx.signal,
      }),
    )
    .then(() => file);
  // Awaited only once the pieces are made: a failure before then is the pieces' to report.
  pending.push(track.catch(() => {}));
  return track;
}

/** A format's plan, its text images and where its files go. */
async function startFormat(
  ratio: AspectRatio,
  ctx: Context,
  opts: ComposeOptions,
): Promise<FormatJob> {
  const { spec } = ctx;
  const slug = ratio.replace(":", "x");
  const tmp = await mkdtemp(path.join(ctx.tmp, `${slug}-`));
  const size = outputSize(ratio, spec.outputs.scale);
  const [plan, images, card] = await Promise.all([
    planFormat(spec, ratio, {
      ...ctx,
      timeoutMs: opts.timeoutMs,
      cacheDir: opts.cacheDir,
      workDir: tmp,
    }),
    textOverlays(spec, ratio, size, tmp, ctx.textImage),
    designedEndCard(spec, ratio, size, opts.cacheDir ?? tmp),
  ]);
  const { tl, clips } = plan;
  // The card's pieces are kept (and found, when prepared ahead) under what it shows.
  if (card) plan.pieceCtx.cardKey = card.key;
  ctx.signal.throwIfAborted();
  // The card's background, when the edit's preparation made it; else the pieces make it.
  const cardBackground =
    tl.card && opts.cacheDir
      ? await preparedCardBackground(clips[clips.length - 1], size, opts.cacheDir)
      : undefined;
  const src: RangeSources = {
    clips: clips.map((c) => ({ path: c.path, frames: c.info.frames })),
    ...size,
    fps: FPS,
    images,
    cardBackground,
    captions: plan.captions?.filter,
    endCard: card && tl.card ? { card, from: tl.card.from } : undefined,
  };
  const posterRaw = path.join(tmp, "poster.rgb");
  const stills = { poster: path.join(tmp, "poster.jpg"), thumbnail: path.join(tmp, "thumb.webp") };
  return {
    plan,
    src,
    tmp,
    output: path.join(tmp, `${slug}.mp4`),
    // Mid-title, where the product name is fully faded in; else one second in.
    posterFrame:
      tl.overlays[0]?.kind === "title"
        ? Math.floor(tl.overlays[0].to / 2)
        : Math.min(FPS, Math.floor(tl.totalFrames / 2)),
    posterRaw,
    writePoster: () => writePosterAndThumbnail(posterRaw, size, stills),
  };
}

/** The fast path's result, or a one-pass render when it failed; then the final files. */
async function finishFormat(
  job: FormatJob,
  outcome: FastOutcome,
  ctx: Context,
  opts: ComposeOptions,
  audio: Promise<string>,
  progress: (f: number) => void,
): Promise<
  Omit<ComposeResult, "stats"> & { stats: FastRenderStats & { normalizedClips: number } }
> {
  const { plan } = job;
  const { tl, ratio, size } = plan;
  let stats: FastRenderStats = {
    renderedFrames: tl.totalFrames,
    copiedFrames: 0,
    pieces: 1,
    preparedFrames: 0,
    preparedPieces: 0,
  };
  let durationSeconds: number;
  if (outcome.ok) {
    stats = outcome.stats;
    durationSeconds = outcome.durationSeconds;
  } else {
    durationSeconds = await renderReference(job, ctx.spec, {
      ...ctx,
      audio: await audio,
      progress: (f) => progress(0.1 + 0.85 * f),
    });
  }
  const logo = ctx.spec.brand;
  if (logo?.cornerLogo && logo.logoPath) {
    const mark = await cornerMark(logo.logoPath, ratio, size, path.join(job.tmp, "mark.png"));
    const title = tl.overlays.find((o) => o.kind === "title");
    const range = {
      from: title?.to ?? 0,
      to: tl.card?.from ?? tl.totalFrames,
      total: tl.totalFrames,
    };
    await addCornerLogo(job.output, mark, range, ctx.spec.outputs, ctx.run);
  }
  const slug = ratio.replace(":", "x");
  const stem = opts.fileStem ?? "final";
  const final = {
    video: path.join(opts.outDir, `${stem}-${slug}.mp4`),
    poster: path.join(opts.outDir, `${stem}-${slug}-poster.jpg`),
    thumbnail: path.join(opts.outDir, `${stem}-${slug}-thumb.webp`),
  };
  // The captions as files beside the video: the same lines, at the same times, as drawn.
  const lines = plan.captions?.lines;
  const captions = lines && {
    srtPath: path.join(opts.outDir, `${stem}-${slug}.srt`),
    vttPath: path.join(opts.outDir, `${stem}-${slug}.vtt`),
  };
  await Promise.all([
    move(job.output, final.video),
    move(path.join(job.tmp, "poster.jpg"), final.poster),
    move(path.join(job.tmp, "thumb.webp"), final.thumbnail),
    ...(lines && captions
      ? [writeFile(captions.srtPath, toSrt(lines)), writeFile(captions.vttPath, toVtt(lines))]
      : []),
  ]);
  progress(1);
  return {
    ratio,
    videoPath: final.video,
    captions,
    posterPath: final.poster,
    thumbnailPath: final.thumbnail,
    durationSeconds,
    ...size,
    fileSizeBytes: (await stat(final.video)).size,
    frames: tl.totalFrames,
    method: outcome.ok ? "fast" : "reference",
    fallbackReason: outcome.ok ? undefined : outcome.reason || undefined,
    stats: { ...stats, normalizedClips: plan.clips.filter((c) => c.normalized).length },
  };
}

/** The brand's end card for this format (end-card.ts), when the spec has a brand and an appended card. */
export function designedEndCard(
  spec: CompositionSpec,
  ratio: AspectRatio,
  size: { width: number; height: number },
  dir: string,
): Promise<EndCardLayers | undefined> {
  const card = spec.endCard;
  if (!spec.brand || card?.mode !== "append") return Promise.resolve(undefined);
  return endCard(
    {
      ratio,
      ...size,
      frames: Math.round(card.durationSeconds * FPS),
      productName: spec.title?.text,
      callToAction: card.text,
      font: spec.font,
      colors: spec.brand.colors,
      logoPath: spec.brand.logoPath,
      productImagePath: spec.brand.productImagePath,
    },
    { dir },
  );
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

async function move(from: string, to: string) {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    await copyFile(from, to); // temp folder on another filesystem
  }
}
