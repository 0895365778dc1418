// The naive render of one format: the whole edit in one ffmpeg pass from the clips, with the
// same encoder settings as the fast path. The fallback for anything the fast path cannot
// prove correct, and the benchmark's baseline.
import type { AudioPlan } from "./args/audio";
import { renderRangeArgs } from "./args/render-range";
import { checkOutput } from "./check-output";
import type { CompositionSpec } from "./composition-spec";
import type { Runner } from "./ffmpeg";
import { FPS, videoEncodeArgs } from "./formats";
import { posterFrameArgs } from "./poster";
import type { FormatJob } from "./render-formats";
import { singleRenderSegment } from "./timeline";

export function audioPlan(spec: CompositionSpec, frames: number): AudioPlan {
  return { durationSeconds: frames / FPS, music: spec.music };
}

/** Renders, grabs the poster frame and checks the result; resolves with its duration. */
export async function renderReference(
  job: FormatJob,
  spec: CompositionSpec,
  ctx: {
    run: Runner;
    ffprobe: string;
    signal: AbortSignal;
    progress: (f: number) => void;
    /** The finished sound (compose-video.ts), copied in; without it, the plain music bed. */
    audio?: string;
  },
): Promise<number> {
  const { tl, ratio } = job.plan;
  const audio = audioPlan(spec, tl.totalFrames);
  const { preset, crf } = spec.outputs;
  await ctx.run(
    renderRangeArgs(singleRenderSegment(tl), job.src, {
      encode: videoEncodeArgs({ preset, crf }),
      output: job.output,
      audio,
      audioTrack: ctx.audio,
      extra: ["-movflags", "+faststart"],
    }),
    { durationSeconds: audio.durationSeconds, onProgress: ctx.progress },
  );
  await ctx.run(posterFrameArgs(job.output, job.posterFrame, job.posterRaw));
  const checked = await checkOutput(job.output, tl.totalFrames, ctx.ffprobe, ctx.signal);
  if (checked.problem) throw new Error(`the rendered ${ratio} video is wrong: ${checked.problem}`);
  await job.writePoster();
  return checked.durationSeconds;
}
