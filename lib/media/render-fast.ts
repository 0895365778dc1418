// The fast path for one format: only the frames the edit changes are encoded, as short
// pieces side by side; every other frame is stream-copied out of the clips by the concat
// demuxer, and the finished audio track is copied in. Pieces that depend only on the clips
// (crossfades, the card's dissolve) are taken from the cache when an earlier compose or the
// edit's preparation made them, and kept there when this compose has to make them.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { concatList, joinArgs, type ConcatEntry } from "./args/join";
import { renderPiecesArgs, type PieceSnapshot, type RangeSources } from "./args/render-range";
import { readAvcC } from "./mp4-avcc";
import type { PreparedClip } from "./normalize";
import { findPiece, keepPiece, pieceKey, type PieceContext } from "./piece-cache";
import { posterFrameArgs } from "./poster";
import { FPS, videoEncodeArgs } from "./formats";
import { framesToSeconds, type Segment, type Timeline } from "./timeline";
import { planRuns, type Piece } from "./piece-runs";

type RenderSegment = Extract<Segment, { kind: "render" }>;
type Runner = (args: string[], extra?: { durationSeconds?: number; onProgress?: (f: number) => void }) => Promise<void>;

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
  run: Runner;
  /** 0–1 over this render. */
  progress: (f: number) => void;
  /** ffmpeg runs the pieces are shared among (one per core). */
  groups: number;
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
export async function renderFast(r: FastRenderInput): Promise<{ ok: true; stats: FastRenderStats } | { ok: false; reason: string }> {
  const { tl, clips, tmp } = r;
  const ctx: PieceContext = { clips: clips.map((c) => ({ hash: c.info.hash, frames: c.info.frames })), width: r.src.width, height: r.src.height, ...r.encode, binary: r.cache?.binary ?? "" };
  const segments = tl.segments.map((seg, k) => ({ seg, k })).filter((x): x is { seg: RenderSegment; k: number } => x.seg.kind === "render");
  const keyed = segments.map((x) => ({ ...x, key: r.cache ? pieceKey(x.seg, ctx) : undefined }));
  const found = await Promise.all(keyed.map((x) => (x.key && r.cache ? findPiece(r.cache.dir, x.key, r.signature) : undefined)));
  const ready = new Map(keyed.flatMap((x, i) => (found[i] ? [[x.k, found[i]] as const] : [])));

  // What is left is encoded now, shared among the runs; text pieces may be cut to balance them.
  const todo: Piece[] = keyed.filter((x) => !ready.has(x.k)).map((x) => ({ seg: x.seg, k: x.k, key: x.key, output: "" }));
  const runs = planRuns(todo, r.groups);
  let n = 0;
  for (const p of runs.flat()) p.output = path.join(tmp, `piece-${n++}.mp4`);
  const rendered = runs.flat().sort((a, b) => a.seg.from - b.seg.from);
  const renderedFrames = rendered.reduce((sum, p) => sum + length(p.seg), 0);

  // The poster comes out of the run that renders its frame; else it is grabbed afterwards.
  const posterPiece = rendered.find((p) => r.posterFrame >= p.seg.from && r.posterFrame < p.seg.to);
  const snapshot = (p: Piece): PieceSnapshot | undefined => (p === posterPiece ? { frame: r.posterFrame - p.seg.from, output: r.posterRaw } : undefined);
  const done = runs.map(() => 0);
  await Promise.all(
    runs.map((g, i) => {
      const frames = Math.max(...g.map((p) => length(p.seg)));
      const weight = g.reduce((sum, p) => sum + length(p.seg), 0);
      return r.run(
        renderPiecesArgs(g.map((p) => ({ seg: p.seg, output: p.output, snapshot: snapshot(p) })), r.src, videoEncodeArgs({ ...r.encode, role: "piece" })),
        {
          durationSeconds: frames / FPS,
          onProgress: (f) => {
            done[i] = f * weight;
            r.progress((0.85 * done.reduce((a, b) => a + b, 0)) / Math.max(1, renderedFrames));
          },
        },
      );
    }),
  );
  // Stream copy is only correct if every piece has the clips' exact headers.
  for (const p of rendered) {
    if ((await readAvcC(p.output)) !== r.signature) return { ok: false, reason: `piece at frame ${p.seg.from} was encoded with different H.264 headers` };
  }

  const entries: ConcatEntry[] = tl.segments.flatMap((seg, k): ConcatEntry[] => {
    if (seg.kind === "render") return ready.has(k) ? [{ path: ready.get(k)! }] : rendered.filter((p) => p.k === k).map((p) => ({ path: p.output }));
    const clip = clips[seg.clip];
    return [
      {
        path: path.resolve(clip.path),
        inpoint: seg.srcFrom > 0 ? framesToSeconds(seg.srcFrom, FPS) : undefined,
        outpoint: seg.srcTo < clip.info.frames ? framesToSeconds(seg.srcTo, FPS) : undefined,
      },
    ];
  });
  const list = path.join(tmp, "pieces.ffconcat");
  await writeFile(list, concatList(entries));
  const grab = posterPiece ? undefined : locate(tl, r.posterFrame, clips, ready);
  const cache = r.cache;
  await Promise.all([
    r.run(joinArgs(list, await r.audio, r.output)),
    grab ? r.run(posterFrameArgs(grab.file, grab.frame, r.posterRaw)) : undefined,
    // Kept for the next compose (whole segments only: a cut one has no key).
    ...(cache ? rendered.filter((p) => p.key).map((p) => keepPiece(cache.dir, p.key!, p.output)) : []),
  ]);
  r.progress(1);
  const preparedFrames = keyed.filter((x) => ready.has(x.k)).reduce((sum, x) => sum + length(x.seg), 0);
  return {
    ok: true,
    stats: { renderedFrames, copiedFrames: tl.totalFrames - renderedFrames - preparedFrames, pieces: rendered.length, preparedFrames, preparedPieces: ready.size },
  };
}

function length(seg: Segment): number {
  return seg.to - seg.from;
}

/** The file and frame that show timeline frame `f`: a kept piece or a clip. */
function locate(tl: Timeline, f: number, clips: PreparedClip[], ready: Map<number, string>): { file: string; frame: number } {
  const k = Math.max(0, tl.segments.findIndex((s) => f >= s.from && f < s.to));
  const seg = tl.segments[k];
  if (seg.kind === "render") return { file: ready.get(k)!, frame: Math.max(0, f - seg.from) };
  return { file: clips[seg.clip].path, frame: seg.srcFrom + f - seg.from };
}
