// 16-bit PCM WAV, the simplest file every player, browser and ffmpeg version reads.

export function encodeWav(left: Float32Array, right: Float32Array, sampleRate: number): Buffer {
  const frames = left.length;
  const data = frames * 4;
  const out = Buffer.alloc(44 + data);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + data, 4);
  out.write("WAVEfmt ", 8, "ascii");
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(2, 22); // channels
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 4, 28); // bytes per second
  out.writeUInt16LE(4, 32); // bytes per frame
  out.writeUInt16LE(16, 34); // bits per sample
  out.write("data", 36, "ascii");
  out.writeUInt32LE(data, 40);
  const pcm = (v: number) => Math.max(-32767, Math.min(32767, Math.round(v * 32767)));
  for (let i = 0; i < frames; i++) {
    out.writeInt16LE(pcm(left[i]), 44 + i * 4);
    out.writeInt16LE(pcm(right[i]), 46 + i * 4);
  }
  return out;
}
