// What every use of one format needs first — to compose it or to prepare it ahead: the
// clips in that format's shared encoding (as they are, or normalised into the cache), the
// signature every piece must share with them, and the timeline.

import { env } from "../env";
import { binaries } from "./binaries";
import type { CompositionSpec } from "./composition-spec";
import { type AspectRatio, FPS, outputSize } from "./formats";
import { encodingSignature, type PreparedClip, prepareClip } from "./normalize";
import type { Pool } from "./pool";
import { planTimeline, type Timeline } from "./timeline";

/** What every use of one format needs first: its clips in the shared encoding, and the timeline. */
export type RatioPlan = {
  size: { width: number; height: number };
  enc: {
    scale: number;
    preset: string;
    crf: number;
    binary: string;
    ffprobe: string;
    signal: AbortSignal;
    timeoutMs?: number;
  };
  clips: PreparedClip[];
  signature: string;
  tl: Timeline;
};

export async function planRatio(
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
): Promise<RatioPlan> {
  const enc = {
    scale: spec.outputs.scale ?? env.RENDER_SCALE,
    ...encoderSettings(spec),
    binary: ctx.binary,
    ffprobe: ctx.ffprobe ?? binaries().ffprobe,
    signal: ctx.signal,
    timeoutMs: ctx.timeoutMs,
  };
  const size = outputSize(ratio, enc.scale);
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
  return { size, enc, clips, signature, tl };
}

/** The x264 preset and CRF of every encode of this spec. */
export function encoderSettings(spec: CompositionSpec): { preset: string; crf: number } {
  return { preset: spec.outputs.preset ?? env.RENDER_PRESET, crf: spec.outputs.crf };
}

export function timelineInput(
  spec: CompositionSpec,
  clips: { frames: number; keyframes: number[] }[],
) {
  return {
    clips,
    crossfadeFrames: Math.round(spec.crossfadeSeconds * FPS),
    title: spec.title ? { frames: Math.round(spec.title.durationSeconds * FPS) } : undefined,
    endCard: spec.endCard
      ? { frames: Math.round(spec.endCard.durationSeconds * FPS), mode: spec.endCard.mode }
      : undefined,
  };
}
