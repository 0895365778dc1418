// The pieces every format of a compose must encode (the title, the card until its text is
// in), shared out together among one ffmpeg run per core. Planned format by format, three
// formats made six runs of uneven length for two cores, and the last one ran alone while
// the other core idled; planned together, a run may hold pieces of several formats and the
// runs end together. Each format either asks for its pieces or leaves (it will not render
// by the fast path, or failed); the runs start when every format has done one or the other.
import path from "node:path";
import { renderPiecesArgs, type RangeSources } from "./args/render-range";
import { FPS, outputSize } from "./formats";
import { planRuns, type Piece } from "./piece-runs";

export type PieceRequest = {
  /** The segments (or whole kept-to-be pieces) this format needs encoded. */
  todo: Piece[];
  src: RangeSources;
  /** Where this format's pieces are written. */
  tmp: string;
  /** The timeline frame written as raw RGB to `output` by the run that renders it. */
  poster: { frame: number; output: string };
  /** 0–1 over the batch's runs. */
  progress: (f: number) => void;
};

export type PieceResult = {
  /** This format's pieces in timeline order, each written to its `output`. */
  pieces: Piece[];
  /** The piece whose run wrote the poster; undefined when no piece holds the poster frame. */
  poster?: Piece;
};

type Runner = (args: string[], extra?: { durationSeconds?: number; onProgress?: (f: number) => void }) => Promise<void>;
type Waiting = { req: PieceRequest; resolve: (r: PieceResult) => void; reject: (err: unknown) => void };

const FULL_PIXELS = (() => {
  const { width, height } = outputSize("9:16", 1);
  return width * height;
})();

export class PieceBatch {
  private readonly requests: Waiting[] = [];
  private pending: number;

  constructor(
    formats: number,
    /** ffmpeg runs to share the pieces among (one per core). */
    private readonly runs: number,
    /** Encoder arguments of every piece (one compose's formats share the spec's preset and CRF). */
    private readonly encode: string[],
    private readonly run: Runner,
  ) {
    this.pending = formats;
  }

  /** Encodes this format's pieces with the others'; resolves when its pieces are written. */
  render(req: PieceRequest): Promise<PieceResult> {
    return new Promise<PieceResult>((resolve, reject) => {
      this.requests.push({ req, resolve, reject });
      this.settle();
    });
  }

  /** This format will not ask (it renders by the one-pass reference, or failed). Once per format that does not ask. */
  leave(): void {
    this.settle();
  }

  private settle(): void {
    if (--this.pending > 0 || this.requests.length === 0) return;
    const batch = this.requests.splice(0);
    this.start(batch).catch((err) => batch.forEach((w) => w.reject(err)));
  }

  private async start(batch: Waiting[]): Promise<void> {
    const all = batch.flatMap((w, owner) => w.req.todo.map((p): Piece => ({ ...p, owner, scale: (w.req.src.width * w.req.src.height) / FULL_PIXELS })));
    const runs = planRuns(all, this.runs);
    // Names and posters per format, once the cuts are known.
    const results = batch.map((w, owner): PieceResult => {
      const pieces = runs.flat().filter((p) => p.owner === owner).sort((a, b) => a.seg.from - b.seg.from);
      pieces.forEach((p, n) => (p.output = path.join(w.req.tmp, `piece-${n}.mp4`)));
      const { frame } = w.req.poster;
      return { pieces, poster: pieces.find((p) => frame >= p.seg.from && frame < p.seg.to) };
    });
    const total = Math.max(1, runs.flat().reduce((n, p) => n + p.seg.to - p.seg.from, 0));
    const done = runs.map(() => 0);
    await Promise.all(
      runs.map((run, i) => {
        const weight = run.reduce((n, p) => n + p.seg.to - p.seg.from, 0);
        const args = renderPiecesArgs(
          run.map((p) => {
            const { req } = batch[p.owner!];
            const snapshot = p === results[p.owner!].poster ? { frame: req.poster.frame - p.seg.from, output: req.poster.output } : undefined;
            return { seg: p.seg, output: p.output, snapshot, src: req.src };
          }),
          batch[0].req.src,
          this.encode,
        );
        return this.run(args, {
          durationSeconds: Math.max(...run.map((p) => p.seg.to - p.seg.from)) / FPS,
          onProgress: (f) => {
            done[i] = f * weight;
            const sum = done.reduce((a, b) => a + b, 0) / total;
            batch.forEach((w) => w.req.progress(sum));
          },
        });
      }),
    );
    batch.forEach((w, owner) => w.resolve(results[owner]));
  }
}
