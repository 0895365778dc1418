// The final joins of a compose's formats (pieces + audio → MP4, all stream copy) in one
// ffmpeg run. A join is light, so most of its cost is starting ffmpeg (≈ 50 ms of CPU for a
// dynamically linked build) and opening the audio track: one run for three formats saves two
// of each. Each format either joins or leaves (it fell back or failed); the run starts when
// every format has done one or the other.
import { concatInputArgs, joinOutputArgs } from "./args/join";
import { FormatBatch } from "./format-batch";

export type JoinRequest = { list: string; audio: string; output: string };

export class JoinBatch extends FormatBatch<JoinRequest, void> {
  constructor(formats: number, run: (args: string[]) => Promise<void>) {
    super(formats, async (requests) => {
      await run(joinManyArgs(requests));
      return requests.map(() => undefined);
    });
  }

  /** Joins with the others; resolves when this format's file is written. */
  join(req: JoinRequest): Promise<void> {
    return this.ask(req);
  }
}

/** One ffmpeg run: each list (concat demuxer) with its audio track into its own MP4. */
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
