// The final joins of a compose's formats (pieces + audio → MP4, all stream copy) in one
// ffmpeg run. A join is light, so most of its cost is starting ffmpeg (≈ 50 ms of CPU for a
// dynamically linked build) and opening the audio track: one run for three formats saves two
// of each. Each format either joins or leaves (it fell back or failed); the run starts when
// every format has done one or the other.
import { concatInputArgs, joinOutputArgs } from "./args/join";

export type JoinRequest = { list: string; audio: string; output: string };

export class JoinBatch {
  private readonly requests: { req: JoinRequest; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private pending: number;

  constructor(
    formats: number,
    private readonly run: (args: string[]) => Promise<void>,
  ) {
    this.pending = formats;
  }

  /** Joins with the others; resolves when this format's file is written. */
  join(req: JoinRequest): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.requests.push({ req, resolve, reject });
      this.settle();
    });
  }

  /** This format will not join (it fell back to a one-pass render, or failed). Once per format that does not join. */
  leave(): void {
    this.settle();
  }

  private settle(): void {
    if (--this.pending > 0 || this.requests.length === 0) return;
    const batch = this.requests.splice(0);
    this.run(joinManyArgs(batch.map((b) => b.req))).then(
      () => batch.forEach((b) => b.resolve()),
      (err) => batch.forEach((b) => b.reject(err)),
    );
  }
}

/** One ffmpeg run: each list (concat demuxer) with its audio track into its own MP4. */
export function joinManyArgs(requests: JoinRequest[]): string[] {
  const audios = [...new Set(requests.map((r) => r.audio))];
  const inputs = [...requests.flatMap((r) => concatInputArgs(r.list)), ...audios.flatMap((a) => ["-i", a])];
  const outputs = requests.flatMap((r, i) => joinOutputArgs(i, requests.length + audios.indexOf(r.audio), r.output));
  return [...inputs, ...outputs];
}
