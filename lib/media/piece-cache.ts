// Rendered pieces that do not depend on a composition's settings — the crossfades, the
// card's dissolve — depend only on the clips, the format and the encoding. They are kept in
// a session's cache folder under a key made of exactly those, so a compose, a re-compose or
// an edit re-ordered with some neighbours kept takes them instead of rendering them again,
// and the edit can be prepared before anyone composes (prepare-edit.ts).
import { createHash, randomBytes } from "node:crypto";
import { copyFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { readAvcC } from "./mp4-avcc";
import type { Segment } from "./timeline";

/** Bump when a piece's pictures change for the same key (filters, card look). */
const PIECE_VERSION = 1;

type RenderSegment = Extract<Segment, { kind: "render" }>;

export type PieceContext = {
  /** Index-aligned with the timeline's clips: what each clip is (its content hash) and its length. */
  clips: { hash: string; frames: number }[];
  width: number;
  height: number;
  preset: string;
  crf: number;
  binary: string;
};

/** The key of a segment that depends only on the clips; undefined when it shows text. */
export function pieceKey(seg: RenderSegment, ctx: PieceContext): string | undefined {
  if (seg.overlays.length > 0) return undefined;
  const clip = (i: number) => [ctx.clips[i].hash, ctx.clips[i].frames];
  const parts = seg.parts.map((p) => {
    if (p.kind === "clip") return ["clip", ...clip(p.clip), p.srcFrom, p.srcTo];
    if (p.kind === "crossfade") return ["crossfade", ...clip(p.from), ...clip(p.to), p.frames];
    return [p.kind, ...clip(p.clip), p.frames];
  });
  const id = JSON.stringify([PIECE_VERSION, ctx.width, ctx.height, ctx.preset, ctx.crf, ctx.binary, parts]);
  return createHash("sha256").update(id).digest("hex").slice(0, 32);
}

export function piecePath(dir: string, key: string): string {
  return path.join(dir, `piece-${key}.mp4`);
}

/** The kept piece, if there is one with the headers every piece of this output must share. */
export async function findPiece(dir: string, key: string, signature: string): Promise<string | undefined> {
  const file = piecePath(dir, key);
  const avcC = await readAvcC(file).catch(() => undefined);
  return avcC === signature ? file : undefined;
}

/** Copies a freshly rendered piece into the cache, atomically (a reader never sees half a file). */
export async function keepPiece(dir: string, key: string, file: string): Promise<void> {
  const dest = piecePath(dir, key);
  const tmp = `${dest}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await copyFile(file, tmp);
    await rename(tmp, dest);
  } finally {
    await rm(tmp, { force: true });
  }
}
