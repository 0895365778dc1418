// Rendered pieces that do not depend on a composition's settings — the crossfades, the
// card's dissolve — depend only on the clips, the format and the encoding. They are kept in
// a session's cache folder under a key made of exactly those, so a compose, a re-compose or
// an edit re-ordered with some neighbours kept takes them instead of rendering them again,
// and the edit can be prepared before anyone composes (prepare-edit.ts).
//
// A stretch is a run of such segments and the copied clip parts between them — for a usual
// ad, everything between the title and the call to action — joined ahead of time into one
// file: the compose then joins a handful of entries instead of one per cut.
import { createHash, randomBytes } from "node:crypto";
import { copyFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { readAvcC } from "./mp4-avcc";
import type { Segment, Timeline } from "./timeline";

/** Bump when a piece's pictures change for the same key (filters, card look). */
const PIECE_VERSION = 1;
const STRETCH_VERSION = 1;

type RenderSegment = Extract<Segment, { kind: "render" }>;

export type PieceContext = {
  /** Index-aligned with the timeline's clips: what each clip is (its content hash) and its length. */
  clips: { hash: string; frames: number }[];
  width: number;
  height: number;
  preset: string;
  crf: number;
  binary: string;
  /** The captions' key (format-captions.ts): a piece showing only captions is kept under it. */
  captions?: string;
  /**
   * The designed end card (end-card.ts) replaces the blurred still: it shows the words, so its
   * pieces are kept only under the card's own key (what it shows), once it is known.
   */
  designedCard?: boolean;
  /** The designed card's key (end-card.ts): its pieces, the call to action drawn in, are kept under it. */
  cardKey?: string;
};

/** The key of a segment that depends only on the clips; undefined when it shows text. */
export function pieceKey(seg: RenderSegment, ctx: PieceContext): string | undefined {
  // Captions are known before the compose (script and voice), so a piece showing only them
  // is kept too, under their key and its place in the ad; a title is not. The designed card
  // draws its own call to action: its pieces are kept under the card's key.
  const card = ctx.designedCard && seg.parts.some((p) => p.kind === "card" || p.kind === "card-in");
  if (card && !ctx.cardKey) return undefined;
  const overlays = seg.overlays.filter((o) => !(card && o.kind === "cta"));
  const captioned = overlays.length > 0;
  if (captioned && (!ctx.captions || overlays.some((o) => o.kind !== "captions"))) return undefined;
  const clip = (i: number) => [ctx.clips[i].hash, ctx.clips[i].frames];
  const parts = seg.parts.map((p) => {
    if (p.kind === "clip") return ["clip", ...clip(p.clip), p.srcFrom, p.srcTo];
    if (p.kind === "crossfade")
      return ["crossfade", ...clip(p.from), ...clip(p.to), p.frames, p.held ?? 0];
    return [p.kind, ...clip(p.clip), p.frames];
  });
  const id = JSON.stringify([
    PIECE_VERSION,
    ctx.width,
    ctx.height,
    ctx.preset,
    ctx.crf,
    ctx.binary,
    parts,
    ...(captioned ? [ctx.captions, seg.from, seg.to] : []),
    ...(card ? [ctx.cardKey] : []),
  ]);
  return createHash("sha256").update(id).digest("hex").slice(0, 32);
}

/** Segments [first, last] of the timeline, none showing text, to be joined as one file. */
export type Stretch = { first: number; last: number; from: number; to: number; key: string };

/** The maximal runs of two or more consecutive segments that show no text. */
export function textFreeStretches(tl: Timeline, ctx: PieceContext): Stretch[] {
  const keys = tl.segments.map((seg) =>
    seg.kind === "copy"
      ? createHash("sha256")
          .update(JSON.stringify(["copy", ctx.clips[seg.clip], seg.srcFrom, seg.srcTo]))
          .digest("hex")
          .slice(0, 32)
      : pieceKey(seg, ctx),
  );
  const out: Stretch[] = [];
  for (let first = 0; first < keys.length; first++) {
    if (!keys[first]) continue;
    let last = first;
    while (last + 1 < keys.length && keys[last + 1]) last++;
    if (last > first) {
      const id = JSON.stringify([
        STRETCH_VERSION,
        ctx.width,
        ctx.height,
        ctx.preset,
        ctx.crf,
        ctx.binary,
        keys.slice(first, last + 1),
      ]);
      out.push({
        first,
        last,
        from: tl.segments[first].from,
        to: tl.segments[last].to,
        key: createHash("sha256").update(id).digest("hex").slice(0, 32),
      });
    }
    first = last;
  }
  return out;
}

export function piecePath(dir: string, key: string, kind: "piece" | "stretch" = "piece"): string {
  return path.join(dir, `${kind}-${key}.mp4`);
}

/** The kept piece (or stretch), if there is one with the headers every piece of this output must share. */
export async function findPiece(
  dir: string,
  key: string,
  signature: string,
  kind: "piece" | "stretch" = "piece",
): Promise<string | undefined> {
  const file = piecePath(dir, key, kind);
  const avcC = await readAvcC(file).catch(() => undefined);
  return avcC === signature ? file : undefined;
}

/** Copies a freshly rendered piece (or stretch) into the cache, atomically (a reader never sees half a file). */
export async function keepPiece(
  dir: string,
  key: string,
  file: string,
  kind: "piece" | "stretch" = "piece",
): Promise<void> {
  const dest = piecePath(dir, key, kind);
  const tmp = `${dest}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await copyFile(file, tmp);
    await rename(tmp, dest);
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * What the cache holds of this timeline: stretches joined ahead of time (covering their
 * segments whole), then single pieces for the text-free segments outside them.
 */
export async function findPrepared(
  tl: Timeline,
  ctx: PieceContext,
  dir: string,
  signature: string,
): Promise<{ joined: (Stretch & { file: string })[]; ready: Map<number, string> }> {
  const stretches = textFreeStretches(tl, ctx);
  const files = await Promise.all(
    stretches.map((st) => findPiece(dir, st.key, signature, "stretch")),
  );
  const joined = stretches.flatMap((st, i) => (files[i] ? [{ ...st, file: files[i] }] : []));
  const ready = new Map<number, string>();
  await Promise.all(
    tl.segments.map(async (seg, k) => {
      const key =
        seg.kind === "render" && !joined.some((st) => k >= st.first && k <= st.last)
          ? pieceKey(seg, ctx)
          : undefined;
      const file = key && (await findPiece(dir, key, signature));
      if (file) ready.set(k, file);
    }),
  );
  return { joined, ready };
}
