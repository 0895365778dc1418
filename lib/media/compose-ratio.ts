// One format of a composition: prepare the clips (as they are, or normalised into the
// cache), draw the texts, plan the timeline, render by the fast path (falling back to the
// one-pass reference if its result fails the check), then poster, thumbnail, final files.
import { copyFile, mkdtemp, rename, stat } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import type { AudioPlan } from "./args/audio";
import { type RangeSources, renderRangeArgs } from "./args/render-range";
import { cardBackground } from "./card-background";
import { inspectClip } from "./clip-info";
import type { ComposeOptions, ComposeResult } from "./compose";
import type { CompositionSpec } from "./composition-spec";
import { type AspectRatio, FPS, outputSize, TRACK_TIMESCALE, videoEncodeArgs } from "./formats";
import type { JoinBatch, JoinRequest } from "./join-batch";
import { readVideoIndex } from "./mp4-index";
import type { PieceBatch, PieceRequest } from "./piece-batch";
import type { Pool } from "./pool";
import { posterFrameArgs, writePosterAndThumbnail } from "./poster";
import { planRatio } from "./ratio-plan";
import { type FastRenderStats, renderFast } from "./render-fast";
import type { TextImage, TextImageOptions } from "./text-image";
import { textOverlays } from "./text-overlays";
import { singleRenderSegment, type Timeline } from "./timeline";

export type Runner = (
  args: string[],
  extra?: { durationSeconds?: number; onProgress?: (f: number) => void },
) => Promise<void>;

export type RatioContext = Omit<ComposeOptions, "onProgress"> & {
  binary: string;
  signal: AbortSignal;
  pool: Pool;
  run: Runner;
  audioTrack: (frames: number) => Promise<string>;
  /** Renders the texts, sharing images between formats that need the same one. */
  textImage: (opts: TextImageOptions) => Promise<TextImage>;
  /** The text pieces of all formats, shared out together among the cores. */
  pieces: PieceBatch;
  /** The final joins of all formats, run together. */
  joins: JoinBatch;
  tmp: string;
  progress: (f: number) => void;
};

export async function composeRatio(
  spec: CompositionSpec,
  ratio: AspectRatio,
  ctx: RatioContext,
): Promise<ComposeResult> {
  // Every format asks or leaves each batch once, whatever happens, so the others never wait.
  const pieces = member(ctx.pieces);
  const joins = member(ctx.joins);
  const batches: Batches = {
    pieces: (req) => pieces.use((b) => b.render(req)),
    join: (req) => joins.use((b) => b.join(req)),
    leave: () => {
      pieces.leave();
      joins.leave();
    },
  };
  try {
    return await composeFormat(spec, ratio, ctx, batches);
  } finally {
    batches.leave();
  }
}

type Batches = {
  pieces: (req: PieceRequest) => ReturnType<PieceBatch["render"]>;
  join: (req: JoinRequest) => Promise<void>;
  leave: () => void;
};

/** A format's place in a batch: used once, or left once. */
function member<B extends { leave(): void }>(batch: B) {
  let inBatch = true;
  return {
    use<T>(ask: (b: B) => T): T {
      inBatch = false;
      return ask(batch);
    },
    leave() {
      if (inBatch) batch.leave();
      inBatch = false;
    },
  };
}

async function composeFormat(
  spec: CompositionSpec,
  ratio: AspectRatio,
  ctx: RatioContext,
  batches: Batches,
): Promise<ComposeResult> {
  const started = Date.now();
  const slug = ratio.replace(":", "x");
  const tmp = await mkdtemp(path.join(ctx.tmp, `${slug}-`));
  const size = outputSize(ratio, spec.outputs.scale ?? env.RENDER_SCALE);
  const [plan, images] = await Promise.all([
    planRatio(spec, ratio, { ...ctx, workDir: tmp }),
    textOverlays(spec, ratio, size, tmp, ctx.textImage),
  ]);
  const { enc, clips, tl } = plan;
  ctx.signal.throwIfAborted();
  ctx.progress(0.1);

  const src: RangeSources = {
    clips: clips.map((c) => ({ path: c.path, frames: c.info.frames })),
    ...size,
    fps: FPS,
    images,
  };
  const output = path.join(tmp, `${slug}.mp4`);
  const posterRaw = path.join(tmp, "poster.rgb");
  const stills = { poster: path.join(tmp, "poster.jpg"), thumbnail: path.join(tmp, "thumb.webp") };
  let posterWritten = false;
  const writePoster = () =>
    writePosterAndThumbnail(posterRaw, size, stills).then(() => void (posterWritten = true));
  // Mid-title, where the product name is fully faded in; else one second in.
  const posterFrame =
    tl.overlays[0]?.kind === "title"
      ? Math.floor(tl.overlays[0].to / 2)
      : Math.min(FPS, Math.floor(tl.totalFrames / 2));
  const toProgress = (f: number) => ctx.progress(0.1 + 0.85 * f);

  let method: "fast" | "reference" = ctx.method ?? "fast";
  let fallbackReason: string | undefined;
  let checked: { problem?: string; durationSeconds: number } = { durationSeconds: 0 };
  let stats: FastRenderStats = {
    renderedFrames: tl.totalFrames,
    copiedFrames: 0,
    pieces: 1,
    preparedFrames: 0,
    preparedPieces: 0,
  };
  if (method === "fast") {
    // The card's background is read from a file (in the cache when the edit was prepared).
    const last = clips[clips.length - 1];
    const background = tl.card
      ? await cardBackground(last, size, ctx.cacheDir ?? tmp, (args) => ctx.run(args), {
          signal: ctx.signal,
        })
      : undefined;
    const fast = await renderFast({
      tl,
      clips,
      tmp,
      output,
      posterFrame,
      posterRaw,
      onPoster: writePoster,
      src: { ...src, cardBackground: background },
      signature: plan.signature,
      encode: { preset: enc.preset, crf: enc.crf },
      audio: ctx.audioTrack(tl.totalFrames),
      run: ctx.run,
      pieces: batches.pieces,
      join: batches.join,
      progress: toProgress,
      cache: ctx.cacheDir ? { dir: ctx.cacheDir, binary: enc.binary } : undefined,
    });
    batches.leave(); // when it stopped before its join (a piece came out unjoinable)
    const problem = fast.ok
      ? (checked = await checkOutput(output, tl, enc.ffprobe, ctx.signal)).problem
      : fast.reason;
    if (fast.ok && !problem) stats = fast.stats;
    else {
      method = "reference";
      fallbackReason = problem;
    }
  }
  batches.leave();
  if (method === "reference") {
    const audio = audioPlan(spec, tl.totalFrames);
    await ctx.run(
      // The same encoder settings as the fast path's output (and its clips), one pass.
      renderRangeArgs(singleRenderSegment(tl), src, {
        encode: videoEncodeArgs(enc),
        output,
        audio,
        extra: ["-movflags", "+faststart"],
      }),
      { durationSeconds: audio.durationSeconds, onProgress: toProgress },
    );
    await ctx.run(posterFrameArgs(output, posterFrame, posterRaw));
    checked = await checkOutput(output, tl, enc.ffprobe, ctx.signal);
    if (checked.problem)
      throw new Error(`the rendered ${ratio} video is wrong: ${checked.problem}`);
  }

  const stem = ctx.fileStem ?? "final";
  const final = {
    video: path.join(ctx.outDir, `${stem}-${slug}.mp4`),
    poster: path.join(ctx.outDir, `${stem}-${slug}-poster.jpg`),
    thumbnail: path.join(ctx.outDir, `${stem}-${slug}-thumb.webp`),
  };
  if (method === "reference" || !posterWritten) await writePoster();
  await Promise.all([
    move(output, final.video),
    move(stills.poster, final.poster),
    move(stills.thumbnail, final.thumbnail),
  ]);
  ctx.progress(1);
  return {
    ratio,
    videoPath: final.video,
    posterPath: final.poster,
    thumbnailPath: final.thumbnail,
    durationSeconds: checked.durationSeconds,
    width: size.width,
    height: size.height,
    fileSizeBytes: (await stat(final.video)).size,
    frames: tl.totalFrames,
    method,
    fallbackReason,
    stats: {
      ...stats,
      normalizedClips: clips.filter((c) => c.normalized).length,
      ms: Date.now() - started,
    },
  };
}

export function audioPlan(spec: CompositionSpec, frames: number): AudioPlan {
  return { durationSeconds: frames / FPS, music: spec.music };
}

/**
 * Frame count and every frame's timestamp: catches a bad join (dropped, doubled or shifted
 * frames) before anyone sees it. Read from the file's sample tables; ffprobe when they hold
 * anything unexpected.
 */
async function checkOutput(
  file: string,
  tl: Timeline,
  ffprobe: string,
  signal: AbortSignal,
): Promise<{ problem?: string; durationSeconds: number }> {
  const index = await readVideoIndex(file);
  if (
    index &&
    !index.reordered &&
    index.timescale === TRACK_TIMESCALE &&
    index.frameDuration === TRACK_TIMESCALE / FPS
  ) {
    return {
      problem:
        index.frames !== tl.totalFrames
          ? `${index.frames} frames instead of ${tl.totalFrames}`
          : undefined,
      durationSeconds: index.durationSeconds,
    };
  }
  const info = await inspectClip(file, ffprobe, signal);
  const problem =
    info.frames !== tl.totalFrames
      ? `${info.frames} frames instead of ${tl.totalFrames}`
      : info.notShared?.startsWith("frame ")
        ? info.notShared
        : undefined;
  return { problem, durationSeconds: info.durationSeconds };
}

async function move(from: string, to: string) {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    await copyFile(from, to); // temp folder on another filesystem
  }
}
