// The held end of the call to action. Once its text has faded in, the card is one picture
// shown for a second or more; x264 still spends a few milliseconds on every such frame.
// H.264 can say "same as the previous picture" with a P-frame whose every macroblock is
// skipped, and such a frame does not depend on the picture at all: only on its position in
// the piece (frame number) and the stream's headers (identical for every piece, see
// formats.ts). So the frames after the fade come from a "tail" made once per size and
// encoding — skip frames encoded from a still black picture — and the compose encodes only
// the fade. A tail is kept only after a check that it really repeats an unrelated detailed
// picture exactly; without one the compose encodes the whole hold as before.
import { createHash, randomBytes } from "node:crypto";
import { copyFile, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { concatList, joinVideoArgs } from "./args/join";
import { FPS, TRACK_TIMESCALE, videoEncodeArgs } from "./formats";
import { readVideoIndex } from "./mp4-index";
import { CUT_GRID, framesDuration, framesToSeconds, type Segment, splitRender } from "./timeline";

/** Bump when the way tails are made changes. */
const TAIL_VERSION = 1;

type RenderSegment = Extract<Segment, { kind: "render" }>;

export type TailSpec = {
  width: number;
  height: number;
  preset: string;
  crf: number;
  binary: string;
  from: number;
  to: number;
};

/**
 * Where a segment stops changing: the frames of the piece from `from` on repeat frame
 * `from - 1` (a held card whose text has fully faded in), or undefined. `from` is on the cut
 * grid, so the encoded part and the tail both last whole tenths of a second.
 */
export function holdFrom(seg: RenderSegment): { from: number; to: number } | undefined {
  if (!seg.parts.every((p) => p.kind === "card")) return undefined;
  if (seg.overlays.some((o) => o.to < seg.to || o.fadeOut > 0)) return undefined;
  const settled = Math.max(1, ...seg.overlays.map((o) => o.from + o.fadeIn - seg.from + 1));
  const from = Math.ceil(settled / CUT_GRID) * CUT_GRID;
  const to = seg.to - seg.from;
  return to - from >= 2 * CUT_GRID && (to - from) % CUT_GRID === 0 ? { from, to } : undefined;
}

/**
 * Cuts each held card among `pieces` (text pieces, rendered now) back to its fade where the
 * cache holds a tail for it; returns the tails to join after them, by segment index.
 */
export async function applyHoldTails(
  pieces: { seg: RenderSegment; k: number; key?: string }[],
  dir: string,
  enc: Omit<TailSpec, "from" | "to">,
): Promise<Map<number, { file: string; frames: number }>> {
  const tails = new Map<number, { file: string; frames: number }>();
  for (const p of pieces) {
    const hold = p.key ? undefined : holdFrom(p.seg);
    const file = hold && tailPath(dir, { ...enc, ...hold });
    if (!hold || !file || !(await stat(file).catch(() => undefined))) continue;
    p.seg = splitRender(p.seg, p.seg.from + hold.from)![0];
    tails.set(p.k, { file, frames: hold.to - hold.from });
  }
  return tails;
}

export function tailPath(dir: string, t: TailSpec): string {
  const key = createHash("sha256")
    .update(
      JSON.stringify([TAIL_VERSION, t.width, t.height, t.preset, t.crf, t.binary, t.from, t.to]),
    )
    .digest("hex")
    .slice(0, 32);
  return path.join(dir, `tail-${key}.mp4`);
}

/** Makes the tail into `dir` (if missing) and checks it; false when it did not pass. */
export async function makeHoldTail(
  t: TailSpec,
  dir: string,
  tmp: string,
  run: (args: string[]) => Promise<void>,
): Promise<boolean> {
  const file = tailPath(dir, t);
  if (await readVideoIndex(file)) return true;
  const size = `${t.width}x${t.height}`;
  const encode = videoEncodeArgs({ preset: t.preset, crf: t.crf, role: "piece" });
  const f = (name: string) => path.join(tmp, `${name}-${randomBytes(4).toString("hex")}`);
  const template = `${f("template")}.mp4`;
  const tail = `${f("tail")}.mp4`;
  const still = `${f("still")}.mp4`;
  const list = `${f("list")}.ffconcat`;
  const joined = `${f("joined")}.mp4`;
  const sums = `${f("sums")}.txt`;
  try {
    await run([
      "-f",
      "lavfi",
      "-i",
      `color=c=black:s=${size}:r=${FPS}`,
      "-frames:v",
      String(t.to),
      ...encode,
      "-an",
      template,
    ]);
    // The template's frames from `from` on, copied as they are (none is a keyframe).
    await run([
      "-i",
      template,
      "-map",
      "0:v:0",
      "-c",
      "copy",
      "-copyinkf",
      "-ss",
      framesToSeconds(t.from, FPS),
      "-video_track_timescale",
      String(TRACK_TIMESCALE),
      tail,
    ]);
    // The check: after a detailed picture, every tail frame must decode to that picture.
    await run([
      "-f",
      "lavfi",
      "-i",
      `testsrc2=s=${size}:r=${FPS}`,
      "-vf",
      `trim=end_frame=1,loop=loop=${t.from - 1}:size=1:start=0,setpts=N`,
      "-frames:v",
      String(t.from),
      ...encode,
      "-an",
      still,
    ]);
    await writeFile(
      list,
      concatList([
        { path: still, duration: framesDuration(t.from, FPS) },
        { path: tail, duration: framesDuration(t.to - t.from, FPS) },
      ]),
    );
    await run(joinVideoArgs(list, joined));
    const index = await readVideoIndex(joined);
    if (
      !index ||
      index.frames !== t.to ||
      index.frameDuration !== TRACK_TIMESCALE / FPS ||
      index.reordered
    )
      return false;
    await run(["-i", joined, "-vf", `trim=start_frame=${t.from - 1}`, "-f", "framemd5", sums]);
    const hashes = (await readFile(sums, "utf8"))
      .split("\n")
      .filter((l) => /^\s*0,/.test(l))
      .map((l) => l.trim().split(/,\s*/).pop());
    if (hashes.length !== t.to - t.from + 1 || new Set(hashes).size !== 1) return false;
    const dest = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    await copyFile(tail, dest);
    await rename(dest, file);
    return true;
  } finally {
    await Promise.all(
      [template, tail, still, list, joined, sums].map((x) => rm(x, { force: true })),
    );
  }
}
