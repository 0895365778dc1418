// Renders the final ad(s) from a composition spec. Fast by design: clips are already in one
// shared encoding, so only the frames that change — crossfades, text, the end card — are
// re-encoded (short pieces, in parallel); everything else is stream-copied out of the clips
// by the concat demuxer, and the audio bed is muxed in the same pass.
// A one-pass render of the whole edit (method 'reference') is kept as the fallback for
// anything the fast path cannot prove correct, and as the benchmark's baseline.
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { AudioPlan } from "./args/audio";
import { frameGrabArgs } from "./args/frame-grab";
import { concatList, joinArgs, type ConcatEntry } from "./args/join";
import { renderRangeArgs, type RangeSources } from "./args/render-range";
import { binaries } from "./binaries";
import { inspectClip } from "./clip-info";
import { parseCompositionSpec, type CompositionSpec, type CompositionSpecInput } from "./composition-spec";
import { runFfmpeg } from "./ffmpeg";
import { FPS, outputSize, videoEncodeArgs, type AspectRatio } from "./formats";
import { readAvcC } from "./mp4-avcc";
import { encodingSignature, prepareClip, type PreparedClip } from "./normalize";
import { Pool } from "./pool";
import { probe } from "./probe";
import { baseFontSize, placeInSafeArea, safeArea } from "./safe-area";
import { renderTextImage } from "./text-image";
import { framesToSeconds, planTimeline, singleRenderSegment, type Segment, type Timeline } from "./timeline";
import { env } from "../env";

export type ComposeOptions = {
  /** Where the finished files go (created if missing). */
  outDir: string;
  /** Parent folder for each render's private temp folder (removed when it ends). Default: the OS temp dir. */
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
  stats: { renderedFrames: number; copiedFrames: number; pieces: number; normalizedClips: number; ms: number };
};

export class ComposeCancelledError extends Error {
  constructor() {
    super("composition was cancelled");
    this.name = "AbortError";
  }
}

/** Duration in seconds the spec will produce for clips of these lengths (see timeline.ts). */
export function expectedDurationSeconds(spec: CompositionSpec, clipFrames: number[]): number {
  return planTimeline(timelineInput(spec, clipFrames.map((frames) => ({ frames, keyframes: [0] })))).totalFrames / FPS;
}

export async function composeVideo(input: CompositionSpecInput | CompositionSpec, opts: ComposeOptions): Promise<ComposeResult[]> {
  const spec = parseCompositionSpec(input);
  if (opts.signal?.aborted) throw new ComposeCancelledError();
  // One failure (or the caller's abort) stops every ffmpeg of this call.
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const pool = new Pool(opts.concurrency ?? Math.max(1, os.availableParallelism()));
  const progress = new Progress(spec.outputs.ratios.length, opts.onProgress);
  await mkdir(opts.outDir, { recursive: true });

  const settled = await Promise.allSettled(
    spec.outputs.ratios.map((ratio, i) =>
      composeRatio(spec, ratio, { ...opts, signal, pool, progress: (f) => progress.set(i, f) }).catch((err) => {
        stop.abort();
        throw err;
      }),
    ),
  );
  // Wait for every ratio (and its temp-folder cleanup) before reporting anything.
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (opts.signal?.aborted) throw new ComposeCancelledError();
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<ComposeResult>).value);
}

type RatioContext = Omit<ComposeOptions, "onProgress"> & { signal: AbortSignal; pool: Pool; progress: (f: number) => void };

async function composeRatio(spec: CompositionSpec, ratio: AspectRatio, ctx: RatioContext): Promise<ComposeResult> {
  const started = Date.now();
  const scale = spec.outputs.scale ?? env.RENDER_SCALE;
  const preset = spec.outputs.preset ?? env.RENDER_PRESET;
  const crf = spec.outputs.crf;
  const binary = ctx.binary ?? binaries().ffmpeg;
  const ffprobe = ctx.ffprobe ?? binaries().ffprobe;
  const size = outputSize(ratio, scale);
  const slug = ratio.replace(":", "x");
  const run = (args: string[], extra: { durationSeconds?: number; onProgress?: (f: number) => void } = {}) =>
    ctx.pool.run(() => runFfmpeg(args, { binary, signal: ctx.signal, timeoutMs: ctx.timeoutMs, ...extra }));

  const tmp = await mkdtemp(path.join(ctx.workDir ?? os.tmpdir(), `compose-${slug}-`));
  try {
    const enc = { scale, preset, crf, binary, ffprobe, signal: ctx.signal, timeoutMs: ctx.timeoutMs };
    const [clips, images] = await Promise.all([
      Promise.all(
        spec.clips.map((c) =>
          ctx.pool.run(() => prepareClip(c.path, ratio, { ...enc, fit: spec.fit, cacheDir: ctx.cacheDir, workDir: tmp })),
        ),
      ),
      textImages(spec, ratio, size, tmp),
    ]);
    ctx.signal.throwIfAborted();
    ctx.progress(0.2);

    const tl = planTimeline(timelineInput(spec, clips.map((c) => ({ frames: c.info.frames, keyframes: c.info.keyframes }))));
    const src: RangeSources = {
      clips: clips.map((c) => ({ path: c.path, frames: c.info.frames })),
      ...size,
      fps: FPS,
      images,
    };
    const audio: AudioPlan = { durationSeconds: tl.totalFrames / FPS, music: spec.music };
    const output = path.join(tmp, `${slug}.mp4`);
    const posterRaw = path.join(tmp, "poster.rgb");
    const posterFrame = spec.title
      ? Math.floor(Math.min(tl.overlays[0]?.to ?? 0, tl.totalFrames) / 2)
      : Math.min(FPS, Math.floor(tl.totalFrames / 2));

    let method: "fast" | "reference" = ctx.method ?? "fast";
    let fallbackReason: string | undefined;
    let stats = { renderedFrames: tl.totalFrames, copiedFrames: 0, pieces: 1 };
    if (method === "fast") {
      const fast = await renderFast();
      if (fast.ok) stats = fast.stats;
      else {
        method = "reference";
        fallbackReason = fast.reason;
      }
    }
    if (method === "reference") {
      const whole = singleRenderSegment(tl);
      await run(
        renderRangeArgs(whole, src, { encode: videoEncodeArgs({ preset, crf }), output, audio, extra: ["-movflags", "+faststart"] }),
        { durationSeconds: audio.durationSeconds, onProgress: (f) => ctx.progress(0.2 + 0.75 * f) },
      );
      await run(frameGrabArgs(output, posterFrame, FPS, posterRaw));
      const check = await verifyOutput(output, tl.totalFrames, ffprobe, ctx.signal);
      if (check) throw new Error(`the rendered ${ratio} video is wrong: ${check}`);
    }

    async function renderFast(): Promise<{ ok: true; stats: typeof stats } | { ok: false; reason: string }> {
      const signature = await encodingSignature({ ...enc, ...size, workDir: tmp });
      const renders = tl.segments
        .map((seg, k) => ({ seg, k, file: path.join(tmp, `piece-${k}.mp4`) }))
        .filter((r): r is { seg: Extract<Segment, { kind: "render" }>; k: number; file: string } => r.seg.kind === "render");
      const renderedFrames = renders.reduce((n, r) => n + r.seg.to - r.seg.from, 0);
      const done = new Map<number, number>();
      const report = () => ctx.progress(0.2 + (0.6 * [...done.entries()].reduce((n, [k, f]) => n + f * frames(tl.segments[k]), 0)) / Math.max(1, renderedFrames));
      // Longest first, so the pool does not end on one long piece.
      const order = [...renders].sort((a, b) => frames(b.seg) - frames(a.seg));
      await Promise.all(
        order.map((r) =>
          run(renderRangeArgs(r.seg, src, { encode: videoEncodeArgs({ preset, crf, fastAnalysis: true }), output: r.file }), {
            durationSeconds: frames(r.seg) / FPS,
            onProgress: (f) => {
              done.set(r.k, f);
              report();
            },
          }),
        ),
      );
      // Stream copy is only correct if every piece has the clips' exact headers.
      for (const r of renders) {
        const avcC = await readAvcC(r.file);
        if (avcC !== signature) return { ok: false, reason: `piece ${r.k} was encoded with different H.264 headers` };
      }
      const entries: ConcatEntry[] = tl.segments.map((seg, k) => {
        if (seg.kind === "render") return { path: path.join(tmp, `piece-${k}.mp4`) };
        const clip = clips[seg.clip];
        return {
          path: path.resolve(clip.path),
          inpoint: seg.srcFrom > 0 ? framesToSeconds(seg.srcFrom, FPS) : undefined,
          outpoint: seg.srcTo < clip.info.frames ? framesToSeconds(seg.srcTo, FPS) : undefined,
        };
      });
      const list = path.join(tmp, "pieces.ffconcat");
      await writeFile(list, concatList(entries));
      const at = locate(tl, posterFrame, clips, tmp);
      await Promise.all([
        run(joinArgs(list, audio, output), { durationSeconds: audio.durationSeconds, onProgress: (f) => ctx.progress(0.8 + 0.15 * f) }),
        run(frameGrabArgs(at.file, at.frame, FPS, posterRaw)),
      ]);
      const check = await verifyOutput(output, tl.totalFrames, ffprobe, ctx.signal);
      if (check) return { ok: false, reason: `joined video failed its check: ${check}` };
      return { ok: true, stats: { renderedFrames, copiedFrames: tl.totalFrames - renderedFrames, pieces: renders.length } };
    }

    // Poster (JPEG, full size) and thumbnail (WebP, 320 px wide) from the same frame.
    const posterPath = path.join(tmp, `${slug}-poster.jpg`);
    const thumbnailPath = path.join(tmp, `${slug}-thumb.webp`);
    const rgb = await readFile(posterRaw);
    const frame = sharp(rgb, { raw: { width: size.width, height: size.height, channels: 3 } });
    await Promise.all([
      frame.clone().jpeg({ quality: 85, mozjpeg: true }).toFile(posterPath),
      frame.clone().resize({ width: Math.min(320, size.width) }).webp({ quality: 75 }).toFile(thumbnailPath),
    ]);

    const info = await probe(output, ffprobe);
    const stem = ctx.fileStem ?? "final";
    const finalVideo = path.join(ctx.outDir, `${stem}-${slug}.mp4`);
    const finalPoster = path.join(ctx.outDir, `${stem}-${slug}-poster.jpg`);
    const finalThumb = path.join(ctx.outDir, `${stem}-${slug}-thumb.webp`);
    await Promise.all([move(output, finalVideo), move(posterPath, finalPoster), move(thumbnailPath, finalThumb)]);
    ctx.progress(1);
    return {
      ratio,
      videoPath: finalVideo,
      posterPath: finalPoster,
      thumbnailPath: finalThumb,
      durationSeconds: info.durationSeconds,
      width: info.video?.width ?? 0,
      height: info.video?.height ?? 0,
      fileSizeBytes: (await stat(finalVideo)).size,
      frames: tl.totalFrames,
      method,
      fallbackReason,
      stats: { ...stats, normalizedClips: clips.filter((c) => c.normalized).length, ms: Date.now() - started },
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function timelineInput(spec: CompositionSpec, clips: { frames: number; keyframes: number[] }[]) {
  return {
    clips,
    crossfadeFrames: Math.round(spec.crossfadeSeconds * FPS),
    title: spec.title ? { frames: Math.round(spec.title.durationSeconds * FPS) } : undefined,
    endCard: spec.endCard ? { frames: Math.round(spec.endCard.durationSeconds * FPS), mode: spec.endCard.mode } : undefined,
  };
}

function frames(seg: Segment): number {
  return seg.to - seg.from;
}

/** The file and frame that show timeline frame `f` (a rendered piece or a clip). */
function locate(tl: Timeline, f: number, clips: PreparedClip[], tmp: string): { file: string; frame: number } {
  const k = tl.segments.findIndex((s) => f >= s.from && f < s.to);
  const seg = tl.segments[k];
  if (!seg) return { file: path.join(tmp, `piece-0.mp4`), frame: 0 };
  if (seg.kind === "render") return { file: path.join(tmp, `piece-${k}.mp4`), frame: f - seg.from };
  return { file: clips[seg.clip].path, frame: seg.srcFrom + f - seg.from };
}

/** Frame count and timestamps of the result: catches a bad join (dropped, doubled or shifted frames). */
async function verifyOutput(file: string, expectedFrames: number, ffprobe: string, signal: AbortSignal): Promise<string | undefined> {
  const info = await inspectClip(file, ffprobe, signal);
  if (info.frames !== expectedFrames) return `${info.frames} frames instead of ${expectedFrames}`;
  if (info.notShared?.startsWith("frame ")) return info.notShared;
  return undefined;
}

async function textImages(spec: CompositionSpec, ratio: AspectRatio, size: { width: number; height: number }, dir: string) {
  const area = safeArea(ratio, size.width, size.height);
  const images: RangeSources["images"] = {};
  const make = async (kind: "title" | "cta", text: string, maxHeight: number, position: "top" | "center" | "bottom") => {
    const img = await renderTextImage({
      text,
      font: spec.font,
      color: spec.textColor,
      maxWidth: area.width,
      maxHeight: Math.round(maxHeight),
      fontSize: baseFontSize(kind, size.width, size.height),
    });
    const file = path.join(dir, `${kind}.png`);
    await writeFile(file, img.png);
    images[kind] = { path: file, ...placeInSafeArea(area, img.width, img.height, position) };
  };
  await Promise.all([
    spec.title ? make("title", spec.title.text, area.height * 0.3, spec.title.position) : undefined,
    spec.endCard
      ? spec.endCard.mode === "append"
        ? make("cta", spec.endCard.text, area.height * 0.5, "center")
        : make("cta", spec.endCard.text, area.height * 0.3, "bottom")
      : undefined,
  ]);
  return images;
}

async function move(from: string, to: string) {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    await copyFile(from, to); // temp folder on another filesystem
  }
}

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
