// Reads an MP4's sample tables (the `moov` box) without decoding anything: how many video
// frames it has and when each is shown. The compose checks its joined output with this
// instead of running ffprobe over the whole file: a bad join (a dropped, doubled or shifted
// frame) shows in these tables. Only what the check needs is parsed; anything unexpected
// gives undefined, and the caller asks ffprobe instead.
import { open } from "node:fs/promises";

export type VideoIndex = {
  /** Video samples (frames). */
  frames: number;
  timescale: number;
  /** Every frame's duration, in timescale units, when they are all equal; undefined otherwise. */
  frameDuration?: number;
  /** Whether presentation differs from decoding order or is shifted (ctts, or an edit list that does not start at 0). */
  reordered: boolean;
  /** Movie duration in seconds (the longest track). */
  durationSeconds: number;
  /** Track handlers present, e.g. ["vide", "soun"]. */
  tracks: string[];
  /** Indices (from 0) of the sync samples (keyframes); every frame when the track has no stss. */
  keyframes: number[];
};

type Box = { type: string; start: number; end: number };

function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let pos = from;
  while (pos + 8 <= to) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(pos + 8));
      header = 16;
    } else if (size === 0) size = to - pos;
    if (size < header || pos + size > to) return;
    yield { type, start: pos + header, end: pos + size };
    pos += size;
  }
}

function child(buf: Buffer, parent: Box, type: string): Box | undefined {
  for (const b of boxes(buf, parent.start, parent.end)) if (b.type === type) return b;
  return undefined;
}

function path(buf: Buffer, parent: Box, types: string[]): Box | undefined {
  let at: Box | undefined = parent;
  for (const t of types) at = at && child(buf, at, t);
  return at;
}

/** The moov box's bytes (found by walking the top-level boxes; at the front with +faststart). */
export async function readMoov(file: string): Promise<Buffer | undefined> {
  const fh = await open(file, "r");
  try {
    const { size: fileSize } = await fh.stat();
    const head = Buffer.alloc(16);
    let pos = 0;
    while (pos + 8 <= fileSize) {
      await fh.read(head, 0, 16, pos);
      let size = head.readUInt32BE(0);
      let header = 8;
      if (size === 1) {
        size = Number(head.readBigUInt64BE(8));
        header = 16;
      } else if (size === 0) size = fileSize - pos;
      if (size < header) return undefined;
      if (head.toString("latin1", 4, 8) === "moov") {
        if (size > 64 * 1024 * 1024) return undefined;
        const moov = Buffer.alloc(size - header);
        await fh.read(moov, 0, moov.length, pos + header);
        return moov;
      }
      pos += size;
    }
    return undefined;
  } finally {
    await fh.close();
  }
}

export async function readVideoIndex(file: string): Promise<VideoIndex | undefined> {
  const moov = await readMoov(file).catch(() => undefined);
  if (!moov) return undefined;
  try {
    const root: Box = { type: "moov", start: 0, end: moov.length };
    const mvhd = child(moov, root, "mvhd");
    if (!mvhd) return undefined;
    const v1 = moov[mvhd.start] === 1;
    const movieScale = moov.readUInt32BE(mvhd.start + (v1 ? 20 : 12));
    const movieDuration = v1
      ? Number(moov.readBigUInt64BE(mvhd.start + 24))
      : moov.readUInt32BE(mvhd.start + 16);
    const tracks: string[] = [];
    let video: VideoIndex | undefined;
    for (const trak of boxes(moov, 0, moov.length)) {
      if (trak.type !== "trak") continue;
      const hdlr = path(moov, trak, ["mdia", "hdlr"]);
      const handler = hdlr ? moov.toString("latin1", hdlr.start + 8, hdlr.start + 12) : "";
      tracks.push(handler);
      if (handler !== "vide" || video) continue;
      const mdhd = path(moov, trak, ["mdia", "mdhd"]);
      const stbl = path(moov, trak, ["mdia", "minf", "stbl"]);
      const stts = stbl && child(moov, stbl, "stts");
      const stsz = stbl && child(moov, stbl, "stsz");
      if (!mdhd || !stts || !stsz) return undefined;
      const timescale = moov.readUInt32BE(mdhd.start + (moov[mdhd.start] === 1 ? 20 : 12));
      const frames = moov.readUInt32BE(stsz.start + 8);
      let counted = 0;
      const deltas = new Set<number>();
      const entries = moov.readUInt32BE(stts.start + 4);
      for (let i = 0; i < entries; i++) {
        counted += moov.readUInt32BE(stts.start + 8 + i * 8);
        deltas.add(moov.readUInt32BE(stts.start + 12 + i * 8));
      }
      if (counted !== frames) return undefined;
      const stss = stbl && child(moov, stbl, "stss");
      const keyframes: number[] = [];
      if (stss) {
        const n = moov.readUInt32BE(stss.start + 4);
        for (let i = 0; i < n; i++) keyframes.push(moov.readUInt32BE(stss.start + 8 + i * 4) - 1);
      } else for (let i = 0; i < frames; i++) keyframes.push(i);
      const elst = path(moov, trak, ["edts", "elst"]);
      const shifted = elst ? editShift(moov, elst) !== 0 : false;
      video = {
        frames,
        timescale,
        frameDuration: deltas.size === 1 ? [...deltas][0] : undefined,
        reordered: !!child(moov, stbl!, "ctts") || shifted,
        durationSeconds: movieScale > 0 ? movieDuration / movieScale : 0,
        tracks,
        keyframes,
      };
    }
    return video && { ...video, tracks };
  } catch {
    return undefined; // a box shorter than it claims: not a file we wrote
  }
}

/** Media time where presentation starts (the first non-empty edit), or -1 for anything but one plain edit. */
function editShift(buf: Buffer, elst: Box): number {
  const version = buf[elst.start];
  const count = buf.readUInt32BE(elst.start + 4);
  if (count !== 1) return -1;
  const at = elst.start + 8;
  return version === 1 ? Number(buf.readBigInt64BE(at + 8)) : buf.readInt32BE(at + 4);
}
