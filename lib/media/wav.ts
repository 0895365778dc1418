// Reads and writes PCM WAV: the speech providers hand every voice-over on as 16-bit mono
// WAV, and the word aligner reads the samples back. Only what those need: PCM 16-bit,
// any rate and channel count (mixed down to mono on reading).
import { readFile, writeFile } from "node:fs/promises";

export type PcmAudio = { sampleRate: number; samples: Float32Array };

/** Samples (−1…1, mono) and rate of a 16-bit PCM WAV; throws a clear error on anything else. */
export function decodeWav(buf: Buffer): PcmAudio {
  if (buf.toString("latin1", 0, 4) !== "RIFF" || buf.toString("latin1", 8, 12) !== "WAVE")
    throw new Error("not a WAV file");
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number } | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString("latin1", offset, offset + 4);
    // flite and some encoders write 0 or 0xFFFFFFFF as the data size: read to the end then.
    let size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      format = {
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bits: buf.readUInt16LE(body + 14),
      };
      if (buf.readUInt16LE(body) !== 1 || format.bits !== 16)
        throw new Error("only 16-bit PCM WAV is supported");
    } else if (id === "data") {
      if (!format) throw new Error("WAV data before its format");
      if (size === 0 || body + size > buf.length) size = buf.length - body;
      const frames = Math.floor(size / (2 * format.channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < format.channels; c++)
          sum += buf.readInt16LE(body + (i * format.channels + c) * 2);
        samples[i] = sum / format.channels / 32768;
      }
      return { sampleRate: format.sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error("WAV file has no audio data");
}

export async function readWav(file: string): Promise<PcmAudio> {
  return decodeWav(await readFile(file));
}

/** A 16-bit mono PCM WAV of the samples (clipped to −1…1). */
export function encodeWav(audio: PcmAudio): Buffer {
  const n = audio.samples.length;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write("RIFF", 0, "latin1");
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write("WAVEfmt ", 8, "latin1");
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(audio.sampleRate, 24);
  buf.writeUInt32LE(audio.sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36, "latin1");
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++)
    buf.writeInt16LE(Math.round(Math.max(-1, Math.min(1, audio.samples[i])) * 32767), 44 + i * 2);
  return buf;
}

export async function writeWav(file: string, audio: PcmAudio): Promise<void> {
  await writeFile(file, encodeWav(audio));
}

export const wavDuration = (audio: PcmAudio) => audio.samples.length / audio.sampleRate;
