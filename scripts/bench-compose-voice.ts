// The standard edit with a voice-over and karaoke captions (issue #13), for bench-compose.ts:
// the same six clips and music, plus the offline flite voice speaking a five-sentence script
// (hook + four lines; the last line spans the last two clips). Each clip holds for its
// sentence, so the ad is longer; the captions cover most frames, so most frames are
// encoded with the captions drawn.
// "Prepared" is what the product prepares (lib/pipeline/jobs/prepare-edit.ts): when the
// Finish step names the voice and captions (POST /prepare), the job makes the offline voice
// (free; not timed here, as in the compose it is then reused) and prepares each format with
// the spec the compose will have — the voice, the script, the captions, the ad's words and
// its designed end card. "Prepared without the voice" is a compose whose voice was not
// known ahead (a paid voice, or Compose pressed within a second of picking it): only the
// approval's preparation (no voice, no captions) is there. Cold: nothing prepared.
import { composeVideo } from "../lib/media/compose-video";
import type { CompositionSpecInput } from "../lib/media/composition-spec";
import type { AspectRatio } from "../lib/media/formats";
import { type PreparedRatio, prepareEdit } from "../lib/media/prepare-edit";
import { scriptText } from "../lib/media/script-timing";
import { localSpeech } from "../lib/providers/local/speech";
import { ALL, composeBench, type Measure, ONE } from "./bench-compose-runs";

export const VOICE_SCRIPT = [
  "Meet the bottle that keeps up with you.",
  "Ice cold for a full day.",
  "A lid that never leaks in your bag.",
  "Steel that lasts for years.",
  "Pick yours in three colours today.",
];

export async function benchVoice(ctx: {
  clips: string[];
  music: string;
  root: string;
  runs: number;
  measure: <T>(fn: () => Promise<T>) => Promise<Measure<T>>;
}) {
  const { clips, music, root } = ctx;
  const t0 = performance.now();
  const { output } = await localSpeech.synthesize(
    { text: scriptText(VOICE_SCRIPT), voice: "flite-kal", language: "en", speed: 1 },
    { workDir: root, sessionId: "bench" },
  );
  console.log(
    `\n---- the standard edit with voice-over + karaoke captions ----\nvoice: ${output.durationSeconds.toFixed(2)} s of flite speech, ${output.words.length} words, made in ${((performance.now() - t0) / 1000).toFixed(2)} s (not timed)`,
  );
  const spec = (ratios: AspectRatio[]): CompositionSpecInput => ({
    clips: clips.map((p) => ({ path: p })),
    crossfadeSeconds: 0.5,
    title: { text: "Pink Tennis Shoes", durationSeconds: 2 },
    endCard: { text: "Shop now — 20% off", durationSeconds: 2 },
    music: { path: music },
    script: VOICE_SCRIPT,
    voiceOver: { path: output.filePath, words: output.words },
    captions: { style: "karaoke" },
    brand: { colors: [] },
    outputs: { ratios, scale: 1 },
  });
  // What the approval's preparation knows: the clips and the words, no voice or captions.
  const unvoiced = (ratios: AspectRatio[]): CompositionSpecInput => {
    const { voiceOver: _, captions: __, ...rest } = spec(ratios);
    return rest;
  };
  const { dir, runs, round } = composeBench(spec, root, "voice-");
  const prep: Measure<PreparedRatio[]>[] = [];
  const unvoicedRuns: Measure<Awaited<ReturnType<typeof composeVideo>>>[] = [];
  for (let r = 0; r < ctx.runs; r++) {
    const cacheDir = dir("cache");
    // One format after the other, as the job prepares them (one job per format).
    prep.push(await ctx.measure(() => prepareEdit(spec(ALL), { cacheDir, workDir: root })));
    await round(ctx.measure, cacheDir);
    const early = dir("cache-unvoiced");
    await prepareEdit(unvoiced(ONE), { cacheDir: early, workDir: root });
    unvoicedRuns.push(
      await ctx.measure(() =>
        composeVideo(spec(ONE), { outDir: dir("out"), workDir: root, cacheDir: early }),
      ),
    );
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const first = runs.app[0].value[0];
  const d = first.durationSeconds;
  const s = first.stats;
  console.log(
    `ad: ${d.toFixed(2)} s (${first.frames} frames; 17.5 s without the voice: a clip holds when its sentence is longer); prepared compose encoded ${s.renderedFrames} frames in ${s.pieces} pieces, ${s.preparedFrames} prepared, ${s.copiedFrames} copied; cold: ${runs.cold[0].value[0].stats.renderedFrames} encoded`,
  );
  const ms = (xs: Measure<unknown>[]) => median(xs.map((m) => m.ms));
  const row = (name: string, xs: Measure<unknown>[], note = "") =>
    console.log(
      `${name.padEnd(62)} ${`${(ms(xs) / 1000).toFixed(2)} s`.padStart(8)}  ${(d / (ms(xs) / 1000)).toFixed(2).padStart(6)}×  CPU ${median(
        xs.map((m) => m.cpuS),
      )
        .toFixed(2)
        .padStart(5)} s  ${note}`,
    );
  row(
    "voice+captions: app compose, 9:16 (prepared)",
    runs.app,
    `${(ms(runs.naive) / ms(runs.app)).toFixed(2)}× faster than naive (goal: ≥ 5× realtime)`,
  );
  row("voice+captions: naive one-pass reference, 9:16", runs.naive);
  row(
    "voice+captions: app compose, 3 ratios (prepared)",
    runs.app3,
    `${(ms(runs.app3) / ms(runs.app)).toFixed(2)}× one ratio (goal ≤ 2×)`,
  );
  row("voice+captions: preparation, 3 ratios", prep, "(background, before the compose)");
  row(
    "voice+captions: app compose, 9:16 (prepared without the voice)",
    unvoicedRuns,
    `encoded ${unvoicedRuns[0].value[0].stats.renderedFrames} frames`,
  );
  row("voice+captions: app compose, 9:16 (cold)", runs.cold);
  row(
    "voice+captions: app compose, 3 ratios (cold)",
    runs.cold3,
    `${(ms(runs.cold3) / ms(runs.cold)).toFixed(2)}× one ratio (cold)`,
  );
  console.log(
    `  every run: ${Object.entries({ ...runs, unvoiced: unvoicedRuns })
      .map(
        ([k, xs]) =>
          `${k} ${xs.map((m) => `${(m.ms / 1000).toFixed(2)} s (load ${m.load.toFixed(1)})`).join(", ")}`,
      )
      .join("; ")}`,
  );
}
