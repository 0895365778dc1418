// Reads the H.264 decoder configuration (the `avcC` box: SPS + PPS) out of an MP4. Pieces
// can be joined by stream copy only if this is byte-identical in all of them: the joined
// file keeps one copy of it, and a piece encoded with other settings would decode garbled.
import { open } from "node:fs/promises";

/** Hex of the first avcC box in the file's moov, or undefined when there is none. */
export async function readAvcC(file: string): Promise<string | undefined> {
  const fh = await open(file, "r");
  try {
    const { size: fileSize } = await fh.stat();
    const head = Buffer.alloc(16);
    let pos = 0;
    // Walk the top-level boxes to find moov (at the start with +faststart, else at the end).
    while (pos + 8 <= fileSize) {
      await fh.read(head, 0, 16, pos);
      let size = head.readUInt32BE(0);
      const type = head.toString("latin1", 4, 8);
      let headerSize = 8;
      if (size === 1) {
        size = Number(head.readBigUInt64BE(8));
        headerSize = 16;
      } else if (size === 0) {
        size = fileSize - pos;
      }
      if (size < headerSize) return undefined; // corrupt
      if (type === "moov") {
        if (size > 64 * 1024 * 1024) return undefined; // not a clip we made
        const moov = Buffer.alloc(size - headerSize);
        await fh.read(moov, 0, moov.length, pos + headerSize);
        return findAvcC(moov);
      }
      pos += size;
    }
    return undefined;
  } finally {
    await fh.close();
  }
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
