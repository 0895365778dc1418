// Offline speech on this machine: flite's CPU time per second of speech it makes (goal
// ≤ 0.3× realtime), and how far the text-to-audio aligner (lib/media/align-words.ts) puts
// each word's start from where flite's own phone times put it (goal: median ≤ 100 ms).
// CPU time is the whole process's (the worker thread that runs flite included).
//
//   npm run bench:speech
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { alignWords } from "../lib/media/align-words";
import { readWav } from "../lib/media/wav";
import { localSpeech } from "../lib/providers/local/speech";
import { FLITE_VOICES } from "../lib/providers/local/speech/voices";

/** Ad scripts of the kind the script writer makes: a hook, benefit lines, a call to action. */
export const BENCH_SCRIPTS = [
  "Meet the matte-black steel bottle that keeps up with you.",
  "Cold for 24 hours, hot for 12. Leak-proof, dishwasher safe, and built to last.",
  "Summer sale: 20% off every pair, today only! Tap Shop Now.",
  "Your skin, but brighter. Vitamin C serum with 3 active ingredients, made in small batches.",
  "Noise-cancelling headphones with 40 hours of battery. Hear every detail, miss nothing.",
  "Soft, breathable cotton tees from $25. Free returns for 30 days. Order yours today.",
  "The desk lamp that follows the sun: warm light at night, bright light for work.",
  "Running shoes with a carbon plate and a foam that gives back. Lighter than ever. Try them now!",
];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-speech-"));
  try {
    // Compile the WebAssembly once before timing, as a running server would have.
    await localSpeech.synthesize(
      { text: "Warm up.", voice: "flite-kal", language: "en", speed: 1 },
      { workDir: dir, sessionId: "bench" },
    );
    const errors: number[] = [];
    console.log("voice       speech s  cpu s   cpu/realtime  wall s  aligner median/p90 ms");
    for (const voice of Object.keys(FLITE_VOICES)) {
      let speech = 0;
      let cpu = 0;
      let wall = 0;
      const voiceErrors: number[] = [];
      for (const text of BENCH_SCRIPTS) {
        const before = process.cpuUsage();
        const started = performance.now();
        const { output } = await localSpeech.synthesize(
          { text, voice, language: "en", speed: 1 },
          { workDir: dir, sessionId: "bench" },
        );
        const used = process.cpuUsage(before);
        wall += (performance.now() - started) / 1000;
        cpu += (used.user + used.system) / 1e6;
        speech += output.durationSeconds;
        if (output.wordTimingSource !== "synthesizer") {
          console.log(`  (${voice}: flite's phones did not map onto "${text}"; not compared)`);
          continue;
        }
        const aligned = alignWords(text, await readWav(output.filePath));
        if (aligned.length !== output.words.length) {
          console.log(`  (${voice}: word counts differ for "${text}")`);
          continue;
        }
        for (const [i, w] of output.words.entries())
          voiceErrors.push(Math.abs(w.start - aligned[i].start) * 1000);
      }
      errors.push(...voiceErrors);
      console.log(
        `${voice.padEnd(11)} ${speech.toFixed(1).padStart(8)} ${cpu.toFixed(2).padStart(6)} ${(cpu / speech).toFixed(3).padStart(13)} ${wall.toFixed(2).padStart(7)}  ${quantile(voiceErrors, 0.5).toFixed(0)}/${quantile(voiceErrors, 0.9).toFixed(0)}`,
      );
    }
    console.log(
      `aligner word-start error over ${errors.length} words: median ${quantile(errors, 0.5).toFixed(0)} ms, p90 ${quantile(errors, 0.9).toFixed(0)} ms (goal: median ≤ 100 ms)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
