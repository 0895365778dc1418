// The audio bed, as ffmpeg inputs plus a filter chain: the music looped if short, trimmed to
// the video, faded in and out and set under; or silence, so every ad has an audio stream
// (some players and platforms reject video-only MP4s). Filters exist in ffmpeg 4 and 5+.

export type MusicPlan = { path: string; volume: number; fadeSeconds: number };

export type AudioPlan = { durationSeconds: number; music?: MusicPlan };

/** `-i` arguments for the audio input (one input). */
export function audioInputArgs(plan: AudioPlan): string[] {
  return plan.music
    ? ["-stream_loop", "-1", "-i", plan.music.path]
    : ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"];
}

/** Filter chain from input `index` to the label `[out]`. */
export function audioFilter(plan: AudioPlan, index: number, out: string): string {
  const samples = Math.round(plan.durationSeconds * 48000);
  // Timestamps are rebuilt from the sample count first: a looped file can jump or overlap
  // at the loop point (encoder priming), and trimming by time would then come out short.
  const common = `aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,asetpts=N/SR/TB`;
  if (!plan.music) return `[${index}:a]${common},atrim=end_sample=${samples}[${out}]`;
  // Fades never longer than a third of the ad, so a short ad still reaches full level.
  const f = Math.max(0, Math.min(plan.music.fadeSeconds, plan.durationSeconds / 3));
  const fades =
    f > 0
      ? `,afade=t=in:st=0:d=${f.toFixed(3)},afade=t=out:st=${(plan.durationSeconds - f).toFixed(6)}:d=${f.toFixed(3)}`
      : "";
  // apad covers a file -stream_loop cannot loop; atrim then cuts to the exact length.
  return `[${index}:a]${common},volume=${plan.music.volume.toFixed(3)},apad,atrim=end_sample=${samples}${fades}[${out}]`;
}

/** AAC-LC 128 kb/s stereo, 48 kHz. */
export const AUDIO_ENCODE_ARGS = ["-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"];

/**
 * The bed on its own, as an AAC file. It depends on neither the pictures nor the format, so
 * a compose encodes it once, beside the video pieces, and every ratio copies it in.
 */
export function audioTrackArgs(plan: AudioPlan, output: string): string[] {
  return [
    ...audioInputArgs(plan),
    "-filter_complex",
    audioFilter(plan, 0, "a"),
    "-map",
    "[a]",
    "-vn",
    ...AUDIO_ENCODE_ARGS,
    output,
  ];
}
