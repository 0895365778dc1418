// What every use of one format needs first — to compose it or to prepare it ahead: the
// clips in that format's shared encoding (as they are, or normalised into the cache), the
// signature every piece must share with them, and the timeline.
import { binaries } from "./binaries";
import { type CompositionSpec, timelineInput } from "./composition-spec";
import { type AspectRatio, outputSize } from "./formats";
import { encodingSignature, type PreparedClip, prepareClip } from "./normalize";
import type { PieceContext } from "./piece-cache";
import type { Pool } from "./pool";
import { planTimeline, type Timeline } from "./timeline";

export type FormatPlan = {
  ratio: AspectRatio;
  size: { width: number; height: number };
  clips: PreparedClip[];
  /** The avcC every piece must have: the clips' own (checked by prepareClip). */
  signature: string;
  tl: Timeline;
  /** What the cache keys of this format's pieces are made of (piece-cache.ts). */
  pieceCtx: PieceContext;
};

export async function planFormat(
  spec: CompositionSpec,
  ratio: AspectRatio,
  ctx: {
    binary: string;
    ffprobe?: string;
    signal: AbortSignal;
    timeoutMs?: number;
    pool: Pool;
    cacheDir?: string;
    workDir: string;
    niceness?: number;
  },
): Promise<FormatPlan> {
  const { scale, preset, crf } = spec.outputs;
  const enc = {
    scale,
    preset,
    crf,
    binary: ctx.binary,
    ffprobe: ctx.ffprobe ?? binaries().ffprobe,
    signal: ctx.signal,
    timeoutMs: ctx.timeoutMs,
  };
  const size = outputSize(ratio, scale);
  const [clips, signature] = await Promise.all([
    Promise.all(
      spec.clips.map((c) =>
        prepareClip(c.path, ratio, {
          ...enc,
          fit: spec.fit,
          cacheDir: ctx.cacheDir,
          workDir: ctx.workDir,
          niceness: ctx.niceness,
          limit: (job) => ctx.pool.run(job),
        }),
      ),
    ),
    encodingSignature({ ...enc, ...size, workDir: ctx.workDir }),
  ]);
  const tl = planTimeline(
    timelineInput(
      spec,
      clips.map((c) => ({ frames: c.info.frames, keyframes: c.info.keyframes })),
    ),
  );
  const pieceCtx: PieceContext = {
    clips: clips.map((c) => ({ hash: c.info.hash, frames: c.info.frames })),
    ...size,
    preset,
    crf,
    binary: ctx.binary,
    designedCard: !!spec.brand && spec.endCard?.mode === "append",
  };
  return { ratio, size, clips, signature, tl, pieceCtx };
}
