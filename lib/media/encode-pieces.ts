// The pieces every format of a compose must encode (the title, the card until its text is
// in, and in a cold compose the crossfades), shared out together among one ffmpeg run per
// core. Planned format by format, three formats made six runs of uneven length for two
// cores, and the last one ran alone while the other core idled; planned together, a run
// may hold pieces of several formats and the runs end together.
import path from "node:path";
import { type RangeSources, renderPiecesArgs } from "./args/render-range";
import type { Runner } from "./ffmpeg";
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
};

export type PieceResult = {
  /** This format's pieces in timeline order, each written to its `output`. */
  pieces: Piece[];
  /** The piece whose run wrote the poster; undefined when no piece holds the poster frame. */
  poster?: Piece;
};

const FULL_PIXELS = (() => {
  const { width, height } = outputSize("9:16", 1);
  return width * height;
})();

/** All formats' pieces in one plan, among `runs` ffmpeg runs; one result per request. */
export async function encodePieces(
  requests: PieceRequest[],
  opts: {
    /** ffmpeg runs to share the pieces among (one per core). */
    runs: number;
    /** Encoder arguments of every piece (one compose's formats share the spec's preset and CRF). */
    encode: string[];
    run: Runner;
    /** 0–1 over all the runs. */
    progress?: (f: number) => void;
  },
): Promise<PieceResult[]> {
  const all = requests.flatMap((req, owner) =>
    req.todo.map(
      (p): Piece => ({
        ...p,
        owner,
        scale: (req.src.width * req.src.height) / FULL_PIXELS,
        movingCard: !!req.src.endCard,
      }),
    ),
  );
  const plan = planRuns(all, opts.runs);
  // Names and posters per format, once the cuts are known.
  const results = requests.map((req, owner): PieceResult => {
    const pieces = plan
      .flat()
      .filter((p) => p.owner === owner)
      .sort((a, b) => a.seg.from - b.seg.from);
    for (const [n, p] of pieces.entries()) p.output = path.join(req.tmp, `piece-${n}.mp4`);
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
        opts.encode,
      );
      return opts.run(args, {
        durationSeconds: Math.max(...group.map((p) => p.seg.to - p.seg.from)) / FPS,
        onProgress: (f) => {
          done[i] = f * weight;
          opts.progress?.(done.reduce((a, b) => a + b, 0) / total);
        },
      });
    }),
  );
  return results;
}
