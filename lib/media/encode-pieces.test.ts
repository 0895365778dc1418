import { expect, test } from "vitest";
import type { RangeSources } from "./args/render-range";
import { encodePieces, type PieceRequest } from "./encode-pieces";
import type { Piece } from "./piece-runs";
import { planTimeline, type Segment, type TimelineClip } from "./timeline";

type RenderSegment = Extract<Segment, { kind: "render" }>;
const clip = (frames: number): TimelineClip => ({
  frames,
  keyframes: Array.from({ length: Math.ceil(frames / 15) }, (_, i) => i * 15),
});
const tl = planTimeline({
  clips: [clip(90), clip(90), clip(90)],
  crossfadeFrames: 15,
  title: { frames: 60 },
  endCard: { frames: 60, mode: "append" },
});
const [title] = tl.segments.filter((s): s is RenderSegment => s.kind === "render");

/** A format's request for its title: its own clips, title image and size. */
function request(name: string, width: number, height: number): PieceRequest {
  const src: RangeSources = {
    clips: [0, 1, 2].map((i) => ({ path: `${name}-clip-${i}.mp4`, frames: 90 })),
    width,
    height,
    fps: 30,
    images: { title: { path: `${name}-title.png`, x: width / 100, y: height / 100 } },
  };
  const todo: Piece[] = [{ seg: title, k: tl.segments.indexOf(title), output: "" }];
  return {
    todo,
    src,
    tmp: `/tmp/${name}`,
    poster: { frame: 30, output: `/tmp/${name}/poster.rgb` },
  };
}

test("the formats' pieces are planned together: one run per core, and a run may hold several formats", async () => {
  const runs: string[][] = [];
  const progressed: number[] = [];
  const tall = request("tall", 1080, 1920);
  const wide = request("wide", 1920, 1080);
  const [ra, rb] = await encodePieces([tall, wide], {
    runs: 2,
    encode: ["-c:v", "libx264"],
    run: async (args, extra) => {
      runs.push(args);
      extra?.onProgress?.(1);
    },
    progress: (f) => progressed.push(f),
  });
  expect(runs).toHaveLength(2); // one per core, not one per format
  expect(progressed.at(-1)).toBe(1);

  for (const [req, res] of [
    [tall, ra],
    [wide, rb],
  ] as const) {
    // Its title, whole, in timeline order, written under its own folder.
    expect(res.pieces.reduce((n, p) => n + p.seg.to - p.seg.from, 0)).toBe(60);
    expect(res.pieces.map((p) => p.seg.from)).toEqual(
      [...res.pieces.map((p) => p.seg.from)].sort((x, y) => x - y),
    );
    expect(res.pieces.every((p) => p.output.startsWith(`${req.tmp}/`))).toBe(true);
    // The poster comes out of the piece that holds frame 30, and only that one.
    expect(res.poster && 30 >= res.poster.seg.from && 30 < res.poster.seg.to).toBe(true);
    expect(runs.flat().filter((x) => x === req.poster.output)).toHaveLength(1);
  }
  // Every piece is rendered once, from its own format's clips and title image.
  const all = runs.flat();
  for (const p of [...ra.pieces, ...rb.pieces])
    expect(all.filter((x) => x === p.output)).toHaveLength(1);
  for (const run of runs) {
    const graph = run[run.indexOf("-filter_complex") + 1];
    for (const [name, req] of [
      ["tall", tall],
      ["wide", wide],
    ] as const) {
      const used = run.some((x) => x.startsWith(`${name}-`));
      const outputs = run.filter((x) => x.startsWith(`${req.tmp}/piece-`));
      expect(used).toBe(outputs.length > 0);
      // Its title placed where that format's image goes.
      expect(graph.includes(`overlay=x=${req.src.width / 100}:y=${req.src.height / 100}`)).toBe(
        used,
      );
    }
  }
  // The wide pieces were made from the wide clips only (a mix-up would take the other format's).
  const widePieceRuns = runs.filter((r) => r.some((x) => x.startsWith(`${wide.tmp}/piece-`)));
  for (const r of widePieceRuns) expect(r.some((x) => x.startsWith("wide-clip-"))).toBe(true);
});

test("a failed run fails the call; no format with pieces to encode runs nothing", async () => {
  const failing = encodePieces([request("a", 108, 192), request("b", 108, 108)], {
    runs: 2,
    encode: [],
    run: async () => {
      throw new Error("disk full");
    },
  });
  await expect(failing).rejects.toThrow("disk full");
  let ran = false;
  const run = async () => {
    ran = true;
  };
  expect(await encodePieces([], { runs: 2, encode: [], run })).toEqual([]);
  expect(ran).toBe(false);
});

test("a format with nothing left to encode still gets its answer", async () => {
  const req = { ...request("done", 108, 192), todo: [] };
  const answers = await encodePieces([req], { runs: 2, encode: [], run: async () => {} });
  expect(answers).toEqual([{ pieces: [], poster: undefined }]);
});
