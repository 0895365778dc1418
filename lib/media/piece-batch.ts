// The pieces every format of a compose must encode (the title, the card until its text is
// in), shared out together among one ffmpeg run per core. Planned format by format, three
// formats made six runs of uneven length for two cores, and the last one ran alone while
// the other core idled; planned together, a run may hold pieces of several formats and the
// runs end together. Each format either asks for its pieces or leaves (it will not render
// by the fast path, or failed); the runs start when every format has done one or the other.
import path from "node:path";
import { type RangeSources, renderPiecesArgs } from "./args/render-range";
import { FormatBatch } from "./format-batch";
import { FPS, outputSize } from "./formats";
import { type Piece, planRuns } from "./piece-runs";

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

type Runner = (
  args: string[],
  extra?: { durationSeconds?: number; onProgress?: (f: number) => void },
) => Promise<void>;
const FULL_PIXELS = (() => {
  const { width, height } = outputSize("9:16", 1);
  return width * height;
})();

export class PieceBatch extends FormatBatch<PieceRequest, PieceResult> {
  constructor(
    formats: number,
    /** ffmpeg runs to share the pieces among (one per core). */
    runs: number,
    /** Encoder arguments of every piece (one compose's formats share the spec's preset and CRF). */
    encode: string[],
    run: Runner,
  ) {
    super(formats, (requests) => renderTogether(requests, runs, encode, run));
  }

  /** Encodes this format's pieces with the others'; resolves when its pieces are written. */
  render(req: PieceRequest): Promise<PieceResult> {
    return this.ask(req);
  }
}

/** All formats' pieces in one plan, among `runs` ffmpeg runs; one result per request. */
async function renderTogether(
  requests: PieceRequest[],
  runs: number,
  encode: string[],
  run: Runner,
): Promise<PieceResult[]> {
  const all = requests.flatMap((req, owner) =>
    req.todo.map(
      (p): Piece => ({ ...p, owner, scale: (req.src.width * req.src.height) / FULL_PIXELS }),
    ),
  );
  const plan = planRuns(all, runs);
  // Names and posters per format, once the cuts are known.
  const results = requests.map((req, owner): PieceResult => {
    const pieces = plan
      .flat()
      .filter((p) => p.owner === owner)
      .sort((a, b) => a.seg.from - b.seg.from);
    pieces.forEach((p, n) => (p.output = path.join(req.tmp, `piece-${n}.mp4`)));
    const { frame } = req.poster;
    return { pieces, poster: pieces.find((p) => frame >= p.seg.from && frame < p.seg.to) };
  });
  const total = Math.max(
    1,
    plan.flat().reduce((n, p) => n + p.seg.to - p.seg.from, 0),
  );
  const done = plan.map(() => 0);
  await Promise.all(
    plan.map((group, i) => {
      const weight = group.reduce((n, p) => n + p.seg.to - p.seg.from, 0);
      const args = renderPiecesArgs(
        group.map((p) => {
          const req = requests[p.owner!];
          const snapshot =
            p === results[p.owner!].poster
              ? { frame: req.poster.frame - p.seg.from, output: req.poster.output }
              : undefined;
          return { seg: p.seg, output: p.output, snapshot, src: req.src };
        }),
        requests[0].src,
        encode,
      );
      return run(args, {
        durationSeconds: Math.max(...group.map((p) => p.seg.to - p.seg.from)) / FPS,
        onProgress: (f) => {
          done[i] = f * weight;
          const sum = done.reduce((a, b) => a + b, 0) / total;
          requests.forEach((req) => req.progress(sum));
        },
      });
    }),
  );
  return results;
}
