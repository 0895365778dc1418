// The fast path for one format: only the frames the edit changes are encoded, as short
// pieces side by side; every other frame is stream-copied out of the clips by the concat
// demuxer, and the finished audio track is copied in. Pieces that depend only on the clips
// (crossfades, the card's dissolve) are taken from the cache when an earlier compose or the
// edit's preparation made them, and kept there when this compose has to make them.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { type ConcatEntry, concatList } from "./args/join";
import type { RangeSources } from "./args/render-range";
import { FPS } from "./formats";
import { useHoldTails } from "./hold-tail";
import type { JoinRequest } from "./join-batch";
import { readAvcC } from "./mp4-avcc";
import type { PreparedClip } from "./normalize";
import type { PieceRequest, PieceResult } from "./piece-batch";
import { findPrepared, keepPiece, type PieceContext, pieceKey } from "./piece-cache";
import type { Piece } from "./piece-runs";
import { posterFrameArgs } from "./poster";
import { framesToSeconds, type Segment, type Timeline } from "./timeline";

type RenderSegment = Extract<Segment, { kind: "render" }>;
type Runner = (
  args: string[],
  extra?: { durationSeconds?: number; onProgress?: (f: number) => void },
) => Promise<void>;

export type FastRenderInput = {
  tl: Timeline;
  clips: PreparedClip[];
  src: RangeSources;
  encode: { preset: string; crf: number };
  /** The avcC every piece must have: the clips' own (checked by prepareClip). */
  signature: string;
  /** The finished audio track (being encoded meanwhile). */
  audio: Promise<string>;
  tmp: string;
  output: string;
  /** Timeline frame for the poster, written as raw RGB to posterRaw. */
  posterFrame: number;
  posterRaw: string;
  /** Makes the poster's images from posterRaw, as soon as it exists (beside the join). */
  onPoster: () => Promise<void>;
  run: Runner;
  /** Encodes the pieces, with the compose's other formats' (piece-batch.ts). */
  pieces: (req: PieceRequest) => Promise<PieceResult>;
  /** The final join (batched with the compose's other formats, join-batch.ts). */
  join: (req: JoinRequest) => Promise<void>;
  /** 0–1 over this render. */
  progress: (f: number) => void;
  /** Where pieces that depend only on the clips are kept and looked for (piece-cache.ts). */
  cache?: { dir: string; binary: string };
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

/** Renders and joins; `ok: false` when a piece came out unjoinable (the caller falls back). */
export async function renderFast(
  r: FastRenderInput,
): Promise<{ ok: true; stats: FastRenderStats } | { ok: false; reason: string }> {
  const { tl, clips, tmp } = r;
  const ctx: PieceContext = {
    clips: clips.map((c) => ({ hash: c.info.hash, frames: c.info.frames })),
    width: r.src.width,
    height: r.src.height,
    ...r.encode,
    binary: r.cache?.binary ?? "",
  };
  const cache = r.cache;
  const keyed = tl.segments.flatMap((seg, k) =>
    seg.kind === "render" ? [{ seg, k, key: cache ? pieceKey(seg, ctx) : undefined }] : [],
  );
  const { joined, ready } = cache
    ? await findPrepared(tl, ctx, cache.dir, r.signature)
    : { joined: [], ready: new Map<number, string>() };
  const covered = (k: number) => joined.some((st) => k >= st.first && k <= st.last);

  // What is left is encoded now, shared among the runs; text pieces may be cut to balance them.
  const todo: Piece[] = keyed
    .filter((x) => !ready.has(x.k) && !covered(x.k))
    .map((x) => ({ ...x, output: "" }));
  // A held card is encoded only until its text is in; a prepared tail of skip frames holds it.
  const tails = cache
    ? await useHoldTails(todo, cache.dir, { ...r.src, ...r.encode, binary: cache.binary })
    : new Map<number, { file: string; frames: number }>();
  const { pieces: rendered, poster: posterPiece } = await r.pieces({
    todo,
    src: r.src,
    tmp,
    poster: { frame: r.posterFrame, output: r.posterRaw },
    progress: (f) => r.progress(0.85 * f),
  });
  const renderedFrames = rendered.reduce((sum, p) => sum + length(p.seg), 0);

  // Stream copy is only correct if every piece has the clips' exact headers.
  for (const p of rendered) {
    const avcC = await readAvcC(p.output).catch(() => undefined);
    // ffmpeg said it wrote the piece, yet it cannot be read: a failed write (a full disk), not a bug to fall back from.
    if (!avcC)
      throw new Error(`the piece at frame ${p.seg.from} came out unreadable (${p.output})`);
    if (avcC !== r.signature)
      return {
        ok: false,
        reason: `piece at frame ${p.seg.from} was encoded with different H.264 headers`,
      };
  }

  const entries: ConcatEntry[] = tl.segments.flatMap((seg, k): ConcatEntry[] => {
    const stretch = joined.find((st) => k >= st.first && k <= st.last);
    if (stretch) return k === stretch.first ? [{ path: stretch.file }] : [];
    if (seg.kind === "render") {
      if (ready.has(k)) return [{ path: ready.get(k)! }];
      const tail = tails.get(k);
      return [
        ...rendered.filter((p) => p.k === k).map((p) => ({ path: p.output })),
        ...(tail ? [{ path: tail.file }] : []),
      ];
    }
    return [copyEntry(seg, clips[seg.clip])];
  });
  const list = path.join(tmp, "pieces.ffconcat");
  await writeFile(list, concatList(entries));
  const grab = posterPiece ? undefined : locate(tl, r.posterFrame, clips, ready, joined, r.output);
  const poster = () =>
    r.run(posterFrameArgs(grab!.file, grab!.frame, r.posterRaw)).then(r.onPoster);
  await Promise.all([
    // A frame of the held card exists only in the joined output: grabbed from it afterwards.
    r
      .join({ list, audio: await r.audio, output: r.output })
      .then(() => (grab?.file === r.output ? poster() : undefined)),
    // Else the poster's images are made while the join runs (its frame came out of a piece, or is grabbed now).
    !grab ? r.onPoster() : grab.file !== r.output ? poster() : undefined,
    // Kept for the next compose (whole segments only: a cut one has no key).
    ...(cache
      ? rendered.filter((p) => p.key).map((p) => keepPiece(cache.dir, p.key!, p.output))
      : []),
  ]);
  r.progress(1);
  const prepared = keyed.filter((x) => ready.has(x.k) || covered(x.k));
  const preparedFrames =
    prepared.reduce((sum, x) => sum + length(x.seg), 0) +
    [...tails.values()].reduce((sum, t) => sum + t.frames, 0);
  return {
    ok: true,
    stats: {
      renderedFrames,
      copiedFrames: tl.totalFrames - renderedFrames - preparedFrames,
      pieces: rendered.length,
      preparedFrames,
      preparedPieces: prepared.length,
    },
  };
}

function length(seg: Segment): number {
  return seg.to - seg.from;
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
  };
}

/** The file and frame that show timeline frame `f`: a joined stretch, a kept piece, a clip, or else the joined output. */
function locate(
  tl: Timeline,
  f: number,
  clips: PreparedClip[],
  ready: Map<number, string>,
  joined: { from: number; to: number; file: string }[],
  output: string,
): { file: string; frame: number } {
  const stretch = joined.find((st) => f >= st.from && f < st.to);
  if (stretch) return { file: stretch.file, frame: f - stretch.from };
  const k = Math.max(
    0,
    tl.segments.findIndex((s) => f >= s.from && f < s.to),
  );
  const seg = tl.segments[k];
  if (seg.kind === "render")
    return ready.has(k)
      ? { file: ready.get(k)!, frame: Math.max(0, f - seg.from) }
      : { file: output, frame: f };
  return { file: clips[seg.clip].path, frame: seg.srcFrom + f - seg.from };
}
