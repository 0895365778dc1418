// Reads the H.264 decoder configuration (the `avcC` box: SPS + PPS) out of an MP4. Pieces
// can be joined by stream copy only if this is byte-identical in all of them: the joined
// file keeps one copy of it, and a piece encoded with other settings would decode garbled.
import { readMoov } from "./mp4-index";

/** Hex of the first avcC box in the file's moov, or undefined when there is none. */
export async function readAvcC(file: string): Promise<string | undefined> {
  const moov = await readMoov(file);
  return moov && findAvcC(moov);
}

function findAvcC(moov: Buffer): string | undefined {
  // The box sits deep inside trak/mdia/minf/stbl/stsd/avc1; its 4-byte tag is distinctive
  // enough to search for, and the size field in front of it bounds the payload.
  const at = moov.indexOf("avcC", 0, "latin1");
  if (at < 4) return undefined;
  const size = moov.readUInt32BE(at - 4);
  if (size < 8 || at - 4 + size > moov.length) return undefined;
  return moov.subarray(at + 4, at - 4 + size).toString("hex");
}
