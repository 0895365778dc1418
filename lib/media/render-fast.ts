// The fast path for one format: only the frames the edit changes (crossfades, text, the end
// card) are re-encoded, as short pieces side by side; every other frame is stream-copied
// out of the clips by the concat demuxer, and the finished audio track is copied in.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { concatList, joinArgs, type ConcatEntry } from "./args/join";
import { renderPiecesArgs, type RangeSources } from "./args/render-range";
import { readAvcC } from "./mp4-avcc";
import type { PreparedClip } from "./normalize";
import { posterFrameArgs } from "./poster";
import { FPS, videoEncodeArgs } from "./formats";
import { framesToSeconds, type Segment, type Timeline } from "./timeline";

type RenderSegment = Extract<Segment, { kind: "render" }>;

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
  run: (args: string[], extra?: { durationSeconds?: number; onProgress?: (f: number) => void }) => Promise<void>;
  /** 0–1 over this render. */
  progress: (f: number) => void;
  /** ffmpeg runs the pieces are shared among (one per core). */
  groups: number;
};

export type FastRenderStats = { renderedFrames: number; copiedFrames: number; pieces: number };

/** Renders and joins; `ok: false` when a piece came out unjoinable (the caller falls back). */
export async function renderFast(r: FastRenderInput): Promise<{ ok: true; stats: FastRenderStats } | { ok: false; reason: string }> {
  const { tl, clips, tmp } = r;
  const pieceFile = (k: number) => path.join(tmp, `piece-${k}.mp4`);
  const renders = tl.segments
    .map((seg, k) => ({ seg, k }))
    .filter((x): x is { seg: RenderSegment; k: number } => x.seg.kind === "render");
  const renderedFrames = renders.reduce((n, x) => n + length(x.seg), 0);

  const groups = shareOut(renders, r.groups);
  const done = groups.map(() => 0);
  await Promise.all(
    groups.map((g, i) => {
      const frames = Math.max(...g.map((x) => length(x.seg)));
      const weight = g.reduce((n, x) => n + length(x.seg), 0);
      return r.run(
        renderPiecesArgs(g.map((x) => ({ seg: x.seg, output: pieceFile(x.k) })), r.src, videoEncodeArgs({ ...r.encode, role: "piece" })),
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
  for (const x of renders) {
    if ((await readAvcC(pieceFile(x.k))) !== r.signature) return { ok: false, reason: `piece ${x.k} was encoded with different H.264 headers` };
  }

  const entries: ConcatEntry[] = tl.segments.map((seg, k) => {
    if (seg.kind === "render") return { path: pieceFile(k) };
    const clip = clips[seg.clip];
    return {
      path: path.resolve(clip.path),
      inpoint: seg.srcFrom > 0 ? framesToSeconds(seg.srcFrom, FPS) : undefined,
      outpoint: seg.srcTo < clip.info.frames ? framesToSeconds(seg.srcTo, FPS) : undefined,
    };
  });
  const list = path.join(tmp, "pieces.ffconcat");
  await writeFile(list, concatList(entries));
  const at = locate(tl, r.posterFrame, clips, pieceFile);
  await Promise.all([r.run(joinArgs(list, await r.audio, r.output)), r.run(posterFrameArgs(at.file, at.frame, r.posterRaw))]);
  r.progress(1);
  return { ok: true, stats: { renderedFrames, copiedFrames: tl.totalFrames - renderedFrames, pieces: renders.length } };
}

function length(seg: Segment): number {
  return seg.to - seg.from;
}

/**
 * Splits the pieces into `n` runs of about equal work. Costs measured on 1080×1920 veryfast
 * pieces, per frame: a blended frame (crossfade, the card's fade) ≈ 2.4 copied-through clip
 * frames, a held still ≈ 0.5, plus a start-up of ≈ 5. Two runs (one per core, the usual
 * case) are split exactly when there are few pieces; otherwise biggest first to the lightest.
 */
function shareOut<T extends { seg: RenderSegment }>(pieces: T[], n: number): T[][] {
  const cost = (seg: RenderSegment) =>
    5 + seg.parts.reduce((c, p) => c + (p.kind === "clip" ? p.srcTo - p.srcFrom : p.kind === "crossfade" ? 2.4 * p.frames : 2.4 * p.fadeFrames + 0.5 * (p.frames - p.fadeFrames)), 0);
  const costs = pieces.map((p) => cost(p.seg));
  const runs = Math.min(n, pieces.length);
  if (runs === 2 && pieces.length <= 16) {
    const total = costs.reduce((a, b) => a + b, 0);
    let bestMask = 1;
    let bestMax = Infinity;
    for (let mask = 1; mask < 1 << pieces.length; mask += 2) { // piece 0 always in run A
      const a = costs.reduce((sum, c, i) => sum + (mask & (1 << i) ? c : 0), 0);
      const worst = Math.max(a, total - a);
      if (worst < bestMax) [bestMax, bestMask] = [worst, mask];
    }
    return [pieces.filter((_, i) => bestMask & (1 << i)), pieces.filter((_, i) => !(bestMask & (1 << i)))].filter((g) => g.length);
  }
  const out = Array.from({ length: runs }, () => ({ cost: 0, pieces: [] as T[] }));
  for (const i of costs.map((_, i) => i).sort((x, y) => costs[y] - costs[x])) {
    const lightest = out.reduce((a, b) => (b.cost < a.cost ? b : a));
    lightest.cost += costs[i];
    lightest.pieces.push(pieces[i]);
  }
  return out.map((r) => r.pieces).filter((g) => g.length);
}

/** The file and frame that show timeline frame `f` (a rendered piece or a clip). */
function locate(tl: Timeline, f: number, clips: PreparedClip[], pieceFile: (k: number) => string): { file: string; frame: number } {
  const k = Math.max(0, tl.segments.findIndex((s) => f >= s.from && f < s.to));
  const seg = tl.segments[k];
  if (seg.kind === "render") return { file: pieceFile(k), frame: Math.max(0, f - seg.from) };
  return { file: clips[seg.clip].path, frame: seg.srcFrom + f - seg.from };
}
