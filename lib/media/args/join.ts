// Joining the pieces: a concat-demuxer list (rendered pieces whole, untouched stretches of
// the clips by in/out point) and the encoded audio track, both stream-copied into one MP4
// with the index at the front (+faststart) so browsers start playing at once.

export type ConcatEntry = {
  path: string;
  inpoint?: string;
  outpoint?: string;
  /**
   * How long the entry plays (framesDuration). Where the next entry starts: without it the
   * concat demuxer takes the file's duration from its movie header, in milliseconds, and a
   * piece of 20 frames (0.6667 s) put every later frame 5 ticks (1/15360 s) late.
   */
  duration?: string;
};

/** Quotes a path for the concat list; any character is allowed in the path. */
function quote(p: string): string {
  return `'${p.replace(/'/g, `'\\''`)}'`;
}

export function concatList(entries: ConcatEntry[]): string {
  if (entries.some((e) => /[\n\r]/.test(e.path)))
    throw new Error("a path in a concat list cannot contain a newline");
  const lines = ["ffconcat version 1.0"];
  for (const e of entries) {
    lines.push(`file ${quote(e.path)}`);
    if (e.inpoint) lines.push(`inpoint ${e.inpoint}`);
    if (e.outpoint) lines.push(`outpoint ${e.outpoint}`);
    if (e.duration) lines.push(`duration ${e.duration}`);
  }
  return `${lines.join("\n")}\n`;
}

/** `-i` arguments reading a concat list (any path allowed in it). */
export function concatInputArgs(listPath: string): string[] {
  return ["-f", "concat", "-safe", "0", "-i", listPath];
}

export type JoinRequest = { list: string; audio: string; output: string };

/**
 * One ffmpeg run for every format of a compose: each list with its audio track into its own
 * MP4. A join is light, so most of its cost is starting ffmpeg (≈ 50 ms of CPU for a
 * dynamically linked build) and opening the audio track: one run for three formats saves two.
 */
export function joinManyArgs(requests: JoinRequest[]): string[] {
  const audios = [...new Set(requests.map((r) => r.audio))];
  const inputs = [
    ...requests.flatMap((r) => concatInputArgs(r.list)),
    ...audios.flatMap((a) => ["-i", a]),
  ];
  const outputs = requests.flatMap((r, i) =>
    joinOutputArgs(i, requests.length + audios.indexOf(r.audio), r.output),
  );
  return [...inputs, ...outputs];
}

/** Output arguments: video of input `video`, audio of input `audio`, both copied, index in front. */
function joinOutputArgs(video: number, audio: number, output: string): string[] {
  return [
    "-map",
    `${video}:v:0`,
    "-map",
    `${audio}:a:0`,
    "-c",
    "copy",
    "-video_track_timescale",
    "15360",
    "-movflags",
    "+faststart",
    output,
  ];
}

/** The listed pieces as one video-only file (a stretch joined ahead of a compose). */
export function joinVideoArgs(listPath: string, output: string): string[] {
  return [
    ...concatInputArgs(listPath),
    "-map",
    "0:v:0",
    "-c",
    "copy",
    "-video_track_timescale",
    "15360",
    output,
  ];
}
