// The offline voice, as a user meets it: real flite audio, its length as ffprobe reads it,
// words at the moments they are heard (loud inside a word, quiet in the pause after a comma).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { probe } from "../../../media/probe";
import { type PcmAudio, readWav } from "../../../media/wav";
import { ProviderError } from "../../types";
import { localSpeech } from ".";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "local-speech-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ctx = () => ({ workDir: dir, sessionId: "s" });

/** Root-mean-square level, in dBFS, of the audio between two times. */
function level(audio: PcmAudio, from: number, to: number): number {
  const a = Math.floor(from * audio.sampleRate);
  const b = Math.max(a + 1, Math.floor(to * audio.sampleRate));
  let sum = 0;
  for (let i = a; i < b; i++) sum += (audio.samples[i] ?? 0) ** 2;
  return 10 * Math.log10(sum / (b - a) + 1e-12);
}

describe("offline speech (flite under node:wasi)", () => {
  const text = "Hello world, it's 20% off: 3 bottles for $25 today! 🙂";

  test("speaks the text: a WAV as long as it says, every token timed in order", async () => {
    const { output, call } = await localSpeech.synthesize(
      { text, voice: "flite-slt", language: "en", speed: 1 },
      ctx(),
    );
    const info = await probe(output.filePath);
    expect(info.audio?.codec).toBe("pcm_s16le");
    expect(info.durationSeconds).toBeCloseTo(output.durationSeconds, 1);
    expect(output.durationSeconds).toBeGreaterThan(3);
    expect(output.wordTimingSource).toBe("synthesizer");
    // The emoji is not spoken: it rides with the last word.
    expect(output.words.map((w) => w.word)).toEqual([
      "Hello",
      "world,",
      "it's",
      "20%",
      "off:",
      "3",
      "bottles",
      "for",
      "$25",
      "today! 🙂",
    ]);
    for (const [i, w] of output.words.entries()) {
      expect(w.end).toBeGreaterThan(w.start);
      if (i > 0) expect(w.start).toBeGreaterThanOrEqual(output.words[i - 1].end);
    }
    expect(output.words.at(-1)!.end).toBeLessThanOrEqual(output.durationSeconds);
    // "twenty per cent" and "twenty five dollars" take longer to say than "off" and "for".
    const len = (i: number) => output.words[i].end - output.words[i].start;
    expect(len(3)).toBeGreaterThan(len(4));
    expect(len(8)).toBeGreaterThan(len(7));
    expect(call).toMatchObject({ provider: "local", model: "local-flite-1", amountUsd: 0 });

    // Each word is heard where it is placed: loud inside, quieter in the comma's pause.
    const audio = await readWav(output.filePath);
    const quietest = Math.min(...output.words.map((w) => level(audio, w.start, w.end)));
    expect(quietest).toBeGreaterThan(-40);
    const [, world, its] = output.words;
    if (its.start - world.end > 0.05)
      expect(level(audio, world.end, its.start)).toBeLessThan(quietest - 10);
  });

  test("speed: 1.5 is shorter than 1, 0.75 longer; the words stay in the audio", async () => {
    const say = (speed: number) =>
      localSpeech.synthesize({ text, voice: "flite-kal", language: "en-US", speed }, ctx());
    const [normal, fast, slow] = await Promise.all([say(1), say(1.5), say(0.75)]);
    expect(fast.output.durationSeconds).toBeLessThan(normal.output.durationSeconds * 0.8);
    expect(slow.output.durationSeconds).toBeGreaterThan(normal.output.durationSeconds * 1.2);
    expect(fast.output.words.at(-1)!.end).toBeLessThanOrEqual(fast.output.durationSeconds);
  });

  test("several sentences: the second sentence's words are timed after the first's", async () => {
    const { output } = await localSpeech.synthesize(
      {
        text: "Cold all day. Hot all morning. Shop now.",
        voice: "flite-rms",
        language: "en",
        speed: 1,
      },
      ctx(),
    );
    expect(output.words).toHaveLength(8);
    expect(output.words.at(-1)!.end).toBeGreaterThan(output.durationSeconds - 0.6);
  });

  test("an unknown voice, another language or no text is refused with a clear message", async () => {
    const bad = [
      { text, voice: "nobody", language: "en", speed: 1 },
      { text, voice: "flite-slt", language: "de", speed: 1 },
      { text: "  ", voice: "flite-slt", language: "en", speed: 1 },
    ];
    for (const input of bad) {
      const err = await localSpeech.synthesize(input, ctx()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as ProviderError).kind).toBe("permanent");
    }
    expect(localSpeech.voices("de")).toEqual([]);
    expect(localSpeech.voices("en").length).toBeGreaterThanOrEqual(4);
  });
});
