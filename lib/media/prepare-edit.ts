// Prepares an edit before anyone composes it, for each format: the clips normalised to it
// (probed, with their facts kept on disk), the crossfades and the card's dissolve rendered,
// the card's background made — what depends only on the clips in their order — and, with
// what the spec already knows of the words, the pieces that show them: the designed end card
// with its name and call to action, and with a voice-over the clips held for their sentences
// and the pieces under its captions. All of it goes into the cache folder that composeVideo
// is later given, under content keys (what each piece shows), so a compose with the same
// words encodes only its title, one with other words makes what differs, and a re-ordered
// edit re-renders only the transitions whose neighbours changed.
// Its ffmpeg runs at a lower priority: it yields the cores to a compose someone waits for.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type ConcatEntry, concatList, joinVideoArgs } from "./args/join";
import { type RangeSources, renderPiecesArgs } from "./args/render-range";
import { binaries } from "./binaries";
import { cardBackground } from "./card-background";
import { designedEndCard } from "./compose-video";
import {
  type CompositionSpec,
  type CompositionSpecInput,
  parseCompositionSpec,
} from "./composition-spec";
import { runFfmpeg } from "./ffmpeg";
import { type FormatPlan, planFormat } from "./format-plan";
import { type AspectRatio, FPS, TRACK_TIMESCALE, videoEncodeArgs } from "./formats";
import { holdFrom, makeHoldTail } from "./hold-tail";
import { readAvcC } from "./mp4-avcc";
import { readVideoIndex } from "./mp4-index";
import {
  findPiece,
  keepPiece,
  pieceKey,
  piecePath,
  type Stretch,
  textFreeStretches,
} from "./piece-cache";
import { type Piece, planRuns } from "./piece-runs";
import { Pool } from "./pool";
import { copyEntry } from "./render-formats";
import { framesDuration } from "./timeline";

export type PrepareOptions = {
  /** The cache folder composeVideo will be given (created if missing). */
  cacheDir: string;
  /** Formats to prepare, in this order (the likeliest first). Default: the spec's ratios. */
  ratios?: AspectRatio[];
  /** Parent of the call's private temp folder. Default: the OS temp dir. */
  workDir?: string;
  binary?: string;
  ffprobe?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** ffmpeg processes at once. Default: the number of cores. */
  concurrency?: number;
  /** Niceness of its ffmpeg processes. Default 10. */
  niceness?: number;
  /** False when the spec's words are placeholders: the designed end card waits for the compose. Default true. */
  endCard?: boolean;
};

export type PreparedRatio = {
  ratio: AspectRatio;
  /** Clips normalised now (0 when the clips are already in this format, or were normalised before). */
  normalizedClips: number;
  /** Pieces (crossfades, the card's dissolve) rendered now, and found already made. */
  renderedPieces: number;
  reusedPieces: number;
  renderedFrames: number;
  /** Stretches without text joined now (each into one file). */
  joinedStretches: number;
  ms: number;
};

export async function prepareEdit(
  input: CompositionSpecInput | CompositionSpec,
  opts: PrepareOptions,
): Promise<PreparedRatio[]> {
  const spec = parseCompositionSpec(input);
  const signal = opts.signal ?? new AbortController().signal;
  const binary = opts.binary ?? binaries().ffmpeg;
  const pool = new Pool(opts.concurrency ?? Math.max(1, os.availableParallelism()));
  const niceness = opts.niceness ?? 10;
  const run = (args: string[]) =>
    pool.run(() => runFfmpeg(args, { binary, signal, timeoutMs: opts.timeoutMs, niceness }));
  const workDir = opts.workDir ?? os.tmpdir();
  await Promise.all([
    mkdir(opts.cacheDir, { recursive: true }),
    mkdir(workDir, { recursive: true }),
  ]);
  const tmp = await mkdtemp(path.join(workDir, "prepare-"));
  try {
    const done: PreparedRatio[] = [];
    for (const ratio of opts.ratios ?? spec.outputs.ratios) {
      signal.throwIfAborted();
      done.push(
        await prepareRatio(spec, ratio, { ...opts, binary, signal, pool, run, niceness, tmp }),
      );
    }
    return done;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

type RatioContext = PrepareOptions & {
  binary: string;
  signal: AbortSignal;
  pool: Pool;
  run: (args: string[]) => Promise<void>;
  niceness: number;
  tmp: string;
};

async function prepareRatio(
  spec: CompositionSpec,
  ratio: AspectRatio,
  ctx: RatioContext,
): Promise<PreparedRatio> {
  const started = Date.now();
  const dir = await mkdtemp(path.join(ctx.tmp, `${ratio.replace(":", "x")}-`));
  const plan = await planFormat(spec, ratio, { ...ctx, workDir: dir });
  const { tl, clips, size, pieceCtx } = plan;
  const { preset, crf } = spec.outputs;
  // The designed end card (spec.brand) with the words the spec has: kept under what it shows,
  // so a compose with the same words takes it and its pieces; other words make their own.
  const card =
    ctx.endCard === false ? undefined : await designedEndCard(spec, ratio, size, ctx.cacheDir);
  if (card) pieceCtx.cardKey = card.key;
  const background =
    tl.card && !spec.brand
      ? await cardBackground(clips[clips.length - 1], size, ctx.cacheDir, ctx.run, {
          signal: ctx.signal,
          lowPriority: ctx.niceness > 0,
        })
      : undefined;

  // The pieces without text, rendered where the cache lacks them.
  const candidates: Piece[] = [];
  tl.segments.forEach((seg, k) => {
    const key = seg.kind === "render" ? pieceKey(seg, pieceCtx) : undefined;
    if (seg.kind === "render" && key)
      candidates.push({
        seg,
        k,
        key,
        output: path.join(dir, `piece-${k}.mp4`),
        movingCard: !!(card && tl.card),
      });
  });
  const found = await Promise.all(
    candidates.map((p) => findPiece(ctx.cacheDir, p.key!, plan.signature)),
  );
  const missing = candidates.filter((_, i) => !found[i]);
  const src: RangeSources = {
    clips: clips.map((c) => ({ path: c.path, frames: c.info.frames })),
    ...size,
    fps: FPS,
    images: {},
    cardBackground: background,
    captions: plan.captions?.filter,
    endCard: card && tl.card ? { card, from: tl.card.from } : undefined,
  };
  const encode = videoEncodeArgs({ preset, crf, role: "piece" });
  await Promise.all(
    planRuns(missing, ctx.pool.size).map((g) => ctx.run(renderPiecesArgs(g, src, encode))),
  );
  for (const p of missing) {
    // A piece that cannot be joined is not kept: the compose renders it (and finds out why).
    if ((await readAvcC(p.output).catch(() => undefined)) === plan.signature)
      await keepPiece(ctx.cacheDir, p.key!, p.output);
  }

  // The card's held end as skip frames (hold-tail.ts); optional: without it the compose encodes the hold.
  for (const seg of tl.segments) {
    const hold =
      seg.kind === "render" && !card && !pieceKey(seg, pieceCtx) ? holdFrom(seg) : undefined;
    const tail = hold && { ...size, preset, crf, binary: ctx.binary, ...hold };
    if (tail)
      await makeHoldTail(tail, ctx.cacheDir, dir, ctx.run).catch(() => ctx.signal.throwIfAborted());
  }

  let joinedStretches = 0;
  for (const st of textFreeStretches(tl, pieceCtx)) {
    if (await findPiece(ctx.cacheDir, st.key, plan.signature, "stretch")) continue;
    if (await joinStretch(st, plan, dir, ctx)) joinedStretches++;
  }
  await rm(dir, { recursive: true, force: true });
  return {
    ratio,
    normalizedClips: clips.filter((c) => c.normalized && !c.cached).length,
    renderedPieces: missing.length,
    reusedPieces: candidates.length - missing.length,
    renderedFrames: missing.reduce((n, p) => n + p.seg.to - p.seg.from, 0),
    joinedStretches,
    ms: Date.now() - started,
  };
}

/** A stretch without text (copied clip parts and the kept pieces between them) joined into one kept file. */
async function joinStretch(
  st: Stretch,
  plan: FormatPlan,
  dir: string,
  ctx: RatioContext,
): Promise<boolean> {
  const entries: ConcatEntry[] = [];
  for (let k = st.first; k <= st.last; k++) {
    const seg = plan.tl.segments[k];
    entries.push(
      seg.kind === "copy"
        ? copyEntry(seg, plan.clips[seg.clip])
        : {
            path: piecePath(ctx.cacheDir, pieceKey(seg, plan.pieceCtx)!),
            duration: framesDuration(seg.to - seg.from, FPS),
          },
    );
  }
  const list = path.join(dir, `stretch-${st.first}.ffconcat`);
  const out = path.join(dir, `stretch-${st.first}.mp4`);
  await writeFile(list, concatList(entries));
  const joined = await ctx.run(joinVideoArgs(list, out)).then(
    () => readVideoIndex(out),
    () => ctx.signal.throwIfAborted(), // e.g. a piece that was not kept: the compose joins the parts itself
  );
  // Kept only when every frame is where it belongs.
  const exact =
    joined &&
    joined.frames === st.to - st.from &&
    joined.timescale === TRACK_TIMESCALE &&
    joined.frameDuration === TRACK_TIMESCALE / FPS &&
    !joined.reordered;
  if (!exact || (await readAvcC(out)) !== plan.signature) return false;
  await keepPiece(ctx.cacheDir, st.key, out, "stretch");
  return true;
}
