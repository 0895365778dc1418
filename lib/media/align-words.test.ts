// The aligner against a reference: flite's own phone times for the same audio. A caption
// must appear when its word is heard, so the goal is a median word-start error ≤ 100 ms.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { localSpeech } from "../providers/local/speech";
import { alignWords } from "./align-words";
import { readWav } from "./wav";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "align-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const SCRIPTS = [
  "Cold for 24 hours, hot for 12. Leak-proof, dishwasher safe, and built to last.",
  "Summer sale: 20% off every pair, today only! Tap Shop Now.",
  "Soft, breathable cotton tees from $25. Free returns for 30 days. Order yours today.",
];

test("word starts land within 100 ms (median) of the synthesiser's own, at two voices and speeds", async () => {
  const errors: number[] = [];
  for (const [voice, speed] of [
    ["flite-slt", 1],
    ["flite-rms", 1.3],
  ] as const) {
    for (const text of SCRIPTS) {
      const { output } = await localSpeech.synthesize(
        { text, voice, language: "en", speed },
        { workDir: dir, sessionId: "s" },
      );
      expect(output.wordTimingSource).toBe("synthesizer");
      const aligned = alignWords(text, await readWav(output.filePath));
      expect(aligned.map((w) => w.word)).toEqual(output.words.map((w) => w.word));
      for (const [i, w] of aligned.entries()) {
        expect(w.end).toBeGreaterThanOrEqual(w.start);
        if (i > 0) expect(w.start).toBeGreaterThanOrEqual(aligned[i - 1].start);
        errors.push(Math.abs(w.start - output.words[i].start));
      }
      expect(aligned.at(-1)!.end).toBeLessThanOrEqual(output.durationSeconds + 0.01);
    }
  }
  errors.sort((a, b) => a - b);
  const median = errors[Math.floor(errors.length / 2)];
  expect(median).toBeLessThanOrEqual(0.1);
});

test("silence gives no words; an emoji-only token rides with its neighbour", () => {
  const rate = 16000;
  const silent = { sampleRate: rate, samples: new Float32Array(rate) };
  expect(alignWords("Hello there", silent)).toEqual([]);
  // Two bursts of sound with a pause between: "Hello" is in the first, "there 🙂" in the second.
  const samples = new Float32Array(rate * 2);
  for (let i = 0; i < samples.length; i++) {
    const t = i / rate;
    const on = (t > 0.2 && t < 0.6) || (t > 1.1 && t < 1.5);
    samples[i] = on ? 0.3 * Math.sin(2 * Math.PI * 180 * t) : 0;
  }
  const words = alignWords("Hello, there 🙂", { sampleRate: rate, samples });
  expect(words.map((w) => w.word)).toEqual(["Hello,", "there 🙂"]);
  expect(words[0].start).toBeCloseTo(0.2, 1);
  expect(words[0].end).toBeCloseTo(0.6, 1);
  expect(words[1].start).toBeCloseTo(1.1, 1);
  expect(words[1].end).toBeCloseTo(1.5, 1);
});
