// The fast path, for every format of a compose at once: only the frames the edit changes
// are encoded, as short pieces side by side; every other frame is stream-copied out of the
// clips by the concat demuxer, and the finished audio track is copied in. Pieces that
// depend only on the clips (crossfades, the card's dissolve) are taken from the cache when
// the edit's preparation or an earlier compose made them, and kept there when made now.
// The formats' pieces are encoded together (encode-pieces.ts) and their joins are one ffmpeg
// run: the steps run one after the other for all formats, inside this one function.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { type ConcatEntry, concatList, joinManyArgs } from "./args/join";
import type { RangeSources } from "./args/render-range";
import { checkOutput } from "./check-output";
import { encodePieces } from "./encode-pieces";
import type { Runner } from "./ffmpeg";
import type { FormatPlan } from "./format-plan";
import { FPS, videoEncodeArgs } from "./formats";
import { applyHoldTails } from "./hold-tail";
import { readAvcC } from "./mp4-avcc";
import type { PreparedClip } from "./normalize";
import { findPrepared, keepPiece, pieceKey, type Stretch } from "./piece-cache";
import type { Piece } from "./piece-runs";
import { posterFrameArgs } from "./poster";
import { framesDuration, framesToSeconds, type Segment, type Timeline } from "./timeline";

/** One format to render: its plan, its sources (text images included) and where things go. */
export type FormatJob = {
  plan: FormatPlan;
  src: RangeSources;
  /** This format's temp folder. */
  tmp: string;
  output: string;
  /** Timeline frame for the poster, written as raw RGB to posterRaw. */
  posterFrame: number;
  posterRaw: string;
  /** Makes the poster's images from posterRaw (called as soon as it exists, beside the join). */
  writePoster: () => Promise<void>;
};

export type FastRenderStats = {
  /** Frames encoded by this compose. */
  renderedFrames: number;
  /** Frames stream-copied from the clips. */
  copiedFrames: number;
  /** Pieces encoded by this compose. */
  pieces: number;
  /** Frames (and pieces) taken ready-made from the cache: prepared ahead or kept by an earlier compose. */
  preparedFrames: number;
  preparedPieces: number;
};

/** Per format: rendered and checked, or why not (the caller renders it by the reference). */
export type FastOutcome =
  | { ok: true; stats: FastRenderStats; durationSeconds: number }
  | { ok: false; reason: string };

export type RenderContext = {
  run: Runner;
  /** ffmpeg runs the pieces are shared among (one per core). */
  runs: number;
  encode: { preset: string; crf: number };
  /** The finished audio track of every format (being encoded meanwhile). */
  audio: Promise<string>;
  /** Where pieces that depend only on the clips are kept and looked for (piece-cache.ts). */
  cacheDir?: string;
  ffprobe: string;
  signal: AbortSignal;
  /** 0–1 over the whole render. */
  progress: (f: number) => void;
};

type Found = Awaited<ReturnType<typeof findPrepared>>;

export async function renderFormats(jobs: FormatJob[], ctx: RenderContext): Promise<FastOutcome[]> {
  // What the cache holds; the rest is encoded now. A held card is encoded only until its
  // text is in when a prepared tail of skip frames holds it (hold-tail.ts).
  const found = await Promise.all(jobs.map((job) => lookUp(job, ctx.cacheDir)));
  const encoded = await encodePieces(
    jobs.map((job, i) => ({
      todo: found[i].todo,
      src: job.src,
      tmp: job.tmp,
      poster: { frame: job.posterFrame, output: job.posterRaw },
    })),
    {
      runs: ctx.runs,
      encode: videoEncodeArgs({ ...ctx.encode, role: "piece" }),
      run: ctx.run,
      progress: (f) => ctx.progress(0.85 * f),
    },
  );

  // Stream copy is only correct if every piece has the clips' exact headers.
  const outcomes: (FastOutcome | undefined)[] = await Promise.all(
    jobs.map(async (job, i) => {
      for (const p of encoded[i].pieces) {
        const avcC = await readAvcC(p.output).catch(() => undefined);
        // ffmpeg said it wrote the piece, yet it cannot be read: a failed write (a full disk), not a bug to fall back from.
        if (!avcC)
          throw new Error(`the piece at frame ${p.seg.from} came out unreadable (${p.output})`);
        if (avcC !== job.plan.signature)
          return {
            ok: false as const,
            reason: `piece at frame ${p.seg.from} was encoded with different H.264 headers`,
          };
      }
      return undefined;
    }),
  );
  const joining = jobs.flatMap((_, i) => (outcomes[i] ? [] : [i]));
  const lists = await Promise.all(
    joining.map(async (i) => {
      const list = path.join(jobs[i].tmp, "pieces.ffconcat");
      await writeFile(list, concatList(concatEntries(jobs[i].plan, found[i], encoded[i].pieces)));
      return list;
    }),
  );
  // Where each poster comes from: the run that rendered its frame, a file now, or the output.
  const grabs = joining.map((i) =>
    encoded[i].poster ? undefined : locate(jobs[i], found[i], jobs[i].output),
  );
  const grabPoster = (i: number, g: { file: string; frame: number }) =>
    ctx.run(posterFrameArgs(g.file, g.frame, jobs[i].posterRaw)).then(() => jobs[i].writePoster());
  const audio = await ctx.audio;
  await Promise.all([
    (joining.length
      ? ctx.run(
          joinManyArgs(joining.map((i, n) => ({ list: lists[n], audio, output: jobs[i].output }))),
        )
      : Promise.resolve()
    ).then(() =>
      // A frame of the held card exists only in the joined output: grabbed from it afterwards.
      Promise.all(
        joining.map((i, n) => (grabs[n]?.file === jobs[i].output ? grabPoster(i, grabs[n]) : 0)),
      ),
    ),
    // Else the poster's images are made while the join runs.
    ...joining.map((i, n) => {
      const g = grabs[n];
      return !g ? jobs[i].writePoster() : g.file !== jobs[i].output ? grabPoster(i, g) : 0;
    }),
    // Kept for the next compose (whole segments only: a cut one has no key).
    ...(ctx.cacheDir
      ? encoded.flatMap((e, i) =>
          outcomes[i]
            ? []
            : e.pieces.filter((p) => p.key).map((p) => keepPiece(ctx.cacheDir!, p.key!, p.output)),
        )
      : []),
  ]);
  ctx.progress(1);

  return Promise.all(
    jobs.map(async (job, i): Promise<FastOutcome> => {
      const failed = outcomes[i];
      if (failed) return failed;
      const checked = await checkOutput(
        job.output,
        job.plan.tl.totalFrames,
        ctx.ffprobe,
        ctx.signal,
      );
      if (checked.problem) return { ok: false, reason: checked.problem };
      return {
        ok: true,
        stats: stats(job, found[i], encoded[i].pieces),
        durationSeconds: checked.durationSeconds,
      };
    }),
  );
}

/** The format's cached pieces and stretches, and the pieces left to encode now. */
async function lookUp(job: FormatJob, cacheDir: string | undefined) {
  const { tl, pieceCtx, signature } = job.plan;
  const keyed = tl.segments.flatMap((seg, k) =>
    seg.kind === "render" ? [{ seg, k, key: cacheDir ? pieceKey(seg, pieceCtx) : undefined }] : [],
  );
  const { joined, ready }: Found = cacheDir
    ? await findPrepared(tl, pieceCtx, cacheDir, signature)
    : { joined: [], ready: new Map<number, string>() };
  const covered = (k: number) => joined.some((st) => k >= st.first && k <= st.last);
  const todo: Piece[] = keyed
    .filter((x) => !ready.has(x.k) && !covered(x.k))
    .map((x) => ({ ...x, output: "" }));
  // A designed end card moves: it has no held stretch to take from a tail.
  const tails =
    cacheDir && !job.src.endCard
      ? await applyHoldTails(todo, cacheDir, { ...job.src, ...pieceCtx })
      : new Map<number, { file: string; frames: number }>();
  const prepared = keyed.filter((x) => ready.has(x.k) || covered(x.k));
  return { joined, ready, todo, tails, prepared };
}

type Lookup = Awaited<ReturnType<typeof lookUp>>;

function concatEntries(plan: FormatPlan, found: Lookup, rendered: Piece[]): ConcatEntry[] {
  const { joined, ready, tails } = found;
  return plan.tl.segments.flatMap((seg, k): ConcatEntry[] => {
    const stretch = joined.find((st) => k >= st.first && k <= st.last);
    // Every entry says how long it plays (join.ts): its frames, not its file's rounded duration.
    const d = (frames: number) => framesDuration(frames, FPS);
    if (stretch)
      return k === stretch.first
        ? [{ path: stretch.file, duration: d(stretch.to - stretch.from) }]
        : [];
    if (seg.kind === "render") {
      if (ready.has(k)) return [{ path: ready.get(k)!, duration: d(seg.to - seg.from) }];
      const tail = tails.get(k);
      return [
        ...rendered
          .filter((p) => p.k === k)
          .map((p) => ({ path: p.output, duration: d(p.seg.to - p.seg.from) })),
        ...(tail ? [{ path: tail.file, duration: d(tail.frames) }] : []),
      ];
    }
    return [copyEntry(seg, plan.clips[seg.clip])];
  });
}

function stats(job: FormatJob, found: Lookup, rendered: Piece[]): FastRenderStats {
  const length = (seg: Segment) => seg.to - seg.from;
  const renderedFrames = rendered.reduce((sum, p) => sum + length(p.seg), 0);
  const preparedFrames =
    found.prepared.reduce((sum, x) => sum + length(x.seg), 0) +
    [...found.tails.values()].reduce((sum, t) => sum + t.frames, 0);
  return {
    renderedFrames,
    copiedFrames: job.plan.tl.totalFrames - renderedFrames - preparedFrames,
    pieces: rendered.length,
    preparedFrames,
    preparedPieces: found.prepared.length,
  };
}

/** A stretch of a clip, stream-copied from its keyframe `srcFrom`. */
export function copyEntry(
  seg: Extract<Segment, { kind: "copy" }>,
  clip: PreparedClip,
): ConcatEntry {
  return {
    path: path.resolve(clip.path),
    inpoint: seg.srcFrom > 0 ? framesToSeconds(seg.srcFrom, FPS) : undefined,
    outpoint: seg.srcTo < clip.info.frames ? framesToSeconds(seg.srcTo, FPS) : undefined,
    duration: framesDuration(seg.srcTo - seg.srcFrom, FPS),
  };
}

/** The file and frame that show the poster frame: a joined stretch, a kept piece, a clip, or else the joined output. */
function locate(job: FormatJob, found: Lookup, output: string): { file: string; frame: number } {
  const { tl, clips }: { tl: Timeline; clips: PreparedClip[] } = job.plan;
  const f = job.posterFrame;
  const stretch = found.joined.find((st: Stretch & { file: string }) => f >= st.from && f < st.to);
  if (stretch) return { file: stretch.file, frame: f - stretch.from };
  const k = Math.max(
    0,
    tl.segments.findIndex((s) => f >= s.from && f < s.to),
  );
  const seg = tl.segments[k];
  if (seg.kind === "render")
    return found.ready.has(k)
      ? { file: found.ready.get(k)!, frame: Math.max(0, f - seg.from) }
      : { file: output, frame: f };
  return { file: clips[seg.clip].path, frame: seg.srcFrom + f - seg.from };
}
