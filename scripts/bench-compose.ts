// Benchmarks final-ad composition at full size (1080×1920), the standard edit of the issue:
// six 3 s clips, 0.5 s crossfades, title, end card, music.
//
// - app compose step: what the user waits for after pressing Compose. The edit was prepared
//   ahead as the prepare-edit job does (lib/pipeline/jobs/prepare-edit.ts → prepare-edit.ts:
//   normalised formats, crossfades, the designed end card with the ad's name and call to
//   action, the middle joined), so the compose encodes its title and joins.
// - preparation: that work, timed on its own: the ad's own format (9:16) when the clips are
//   approved, the two others when they are picked on the Finish step (both run while the
//   marketer writes the text). The spec is the one the job builds: the same words (the ad's
//   current name and call to action), the designed end card every ad has.
// - naive reference: one ffmpeg command doing the whole edit from the raw clips in a single
//   filter graph, same codec settings (composeVideo's method 'reference').
// - cold: composed the moment the clips are approved, nothing prepared (as API and batch
//   callers do, or after a failed preparation): it makes what it needs itself.
// Each configuration runs BENCH_RUNS times (default 3), interleaved so background load hits
// all alike; medians are reported, every run is printed with the load at its start.
// Then the same edit with a voice-over and karaoke captions (./bench-compose-voice.ts;
// BENCH_VOICE=0 skips it).
// Then ./bench-compose-api.ts (its own process and database; BENCH_API=0 skips it) times the
// same kind of ad end to end through the API, request → completed.
//
//   npm run bench:compose
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { env } from "../lib/env";
import { binaries } from "../lib/media/binaries";
import { clearClipInfoCache } from "../lib/media/clip-info";
import type { CompositionSpecInput } from "../lib/media/composition-spec";
import { type AspectRatio, outputSize } from "../lib/media/formats";
import { type PreparedRatio, prepareEdit } from "../lib/media/prepare-edit";
import {
  type Move,
  makeCameraMoveClip,
  makeMusic,
  makeProductImage,
} from "../tests/fixtures/media/make-media";
import { ALL, composeBench, type Measure, ONE } from "./bench-compose-runs";
import { benchVoice } from "./bench-compose-voice";

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const CLIPS = 6;
const CLIP_SECONDS = 3;

/**
 * Peak memory of this process and its ffmpeg children, sampled every 50 ms. Children are
 * found through /proc/self/task/<thread>/children (cheap: the sampler must not take the CPU
 * it measures).
 */
function watchMemory() {
  let peakSum = 0;
  const threads = readdirSync("/proc/self/task");
  const sample = () => {
    let sum = process.memoryUsage().rss;
    for (const t of threads) {
      let children: string[] = [];
      try {
        children = readFileSync(`/proc/self/task/${t}/children`, "utf8")
          .trim()
          .split(/\s+/)
          .filter(Boolean);
      } catch {
        continue; // the thread ended
      }
      for (const pid of children) {
        try {
          sum +=
            Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) *
            1024;
        } catch {
          // the process ended between the two reads
        }
      }
    }
    peakSum = Math.max(peakSum, sum);
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakMb: peakSum / 2 ** 20 };
    },
  };
}

/** CPU seconds (user + system) of this process and its finished children, from /proc/self/stat. */
function cpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return fields.slice(11, 15).reduce((n, v) => n + Number(v), 0) / 100;
}

async function measure<T>(fn: () => Promise<T>): Promise<Measure<T>> {
  clearClipInfoCache(); // what a worker knows about the clips comes from the cache folder, not from memory
  const load = os.loadavg()[0];
  const w = watchMemory();
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  return { ms, cpuS: cpuSeconds() - cpu0, ...w.stop(), load, value };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const loads = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function main() {
  const root = await mkdtemp(path.join(os.tmpdir(), "bench-compose-"));
  try {
    const { width, height } = outputSize("9:16", 1);
    console.log(`ffmpeg: ${binaries().ffmpeg}`);
    console.log(`cores: ${os.availableParallelism()}, load average at start: ${loads()}`);
    console.log(
      `preset: ${env.RENDER_PRESET}, size: ${width}×${height}, runs per configuration: ${RUNS} (medians; CPU = user + system seconds of node and ffmpeg)\n`,
    );

    // ---- inputs (not timed) ----
    const t0 = performance.now();
    const moves: Move[] = ["pan_right", "tilt_up", "pan_left", "tilt_down", "pan_right", "tilt_up"];
    const clips: string[] = [];
    await Promise.all(
      [0, 1].map(async (lane) => {
        for (let i = lane; i < CLIPS; i += 2) {
          const img = path.join(root, `image-${i}.png`);
          const clip = path.join(root, `clip-${i}.mp4`);
          await makeProductImage(
            img,
            Math.round(width * 1.25),
            Math.round(height * 1.25),
            (i * 47) % 360,
          );
          await makeCameraMoveClip(img, clip, {
            width,
            height,
            seconds: CLIP_SECONDS,
            move: moves[i],
          });
          clips[i] = clip;
        }
      }),
    );
    const music = path.join(root, "music.m4a");
    await makeMusic(music, 12);
    console.log(
      `inputs: ${CLIPS} × ${CLIP_SECONDS} s clips + music made in ${sec(performance.now() - t0)} (not timed)\n`,
    );

    const spec = (ratios: AspectRatio[]): CompositionSpecInput => ({
      clips: clips.map((p) => ({ path: p })),
      crossfadeSeconds: 0.5,
      title: { text: "Pink Tennis Shoes", durationSeconds: 2 },
      endCard: { text: "Shop now — 20% off", durationSeconds: 2 },
      music: { path: music },
      // As the product composes every ad: the designed end card (default colours, no logo).
      brand: { colors: [] },
      outputs: { ratios, scale: 1 },
    });
    // ---- runs ----
    const { dir, runs, round } = composeBench(spec, root);
    const prep: Measure<PreparedRatio[]>[] = [];
    const prepPicked: Measure<PreparedRatio[]>[] = [];
    const OTHERS = ALL.filter((r) => !ONE.includes(r));
    for (let r = 0; r < RUNS; r++) {
      // A fresh cache, prepared as at approval (9:16) and as the Finish step's picks (the
      // others); the composes below only read it.
      const cacheDir = dir("cache");
      prep.push(await measure(() => prepareEdit(spec(ONE), { cacheDir, workDir: root })));
      prepPicked.push(await measure(() => prepareEdit(spec(OTHERS), { cacheDir, workDir: root })));
      await round(measure, cacheDir);
      await rm(cacheDir, { recursive: true, force: true });
    }

    const first = runs.app[0].value[0];
    const d = first.durationSeconds;
    console.log(
      `ad: ${d.toFixed(2)} s (${first.frames} frames) = 6×3 s − 5×0.5 s crossfades + 2 s end card; ${first.width}×${first.height}, ${(first.fileSizeBytes / 1e6).toFixed(2)} MB`,
    );
    const s = first.stats;
    console.log(
      `app compose (prepared): encoded ${s.renderedFrames} frames in ${s.pieces} pieces (the title); ${s.preparedFrames} prepared at approval; ${s.copiedFrames} copied from the clips`,
    );
    const c = runs.cold[0].value[0].stats;
    console.log(
      `app compose (cold):     encoded ${c.renderedFrames} frames in ${c.pieces} pieces; ${c.copiedFrames} copied\n`,
    );

    const naiveMs = median(runs.naive.map((m) => m.ms));
    const oneMs = median(runs.app.map((m) => m.ms));
    const coldOneMs = median(runs.cold.map((m) => m.ms));
    const row = (name: string, xs: Measure<unknown>[], ratioTo: string) => {
      const ms = median(xs.map((m) => m.ms));
      console.log(
        `${name.padEnd(40)} ${sec(ms).padStart(8)}  ${(d / (ms / 1000)).toFixed(2).padStart(6)}×  CPU ${median(
          xs.map((m) => m.cpuS),
        )
          .toFixed(2)
          .padStart(5)} s  peak ${median(xs.map((m) => m.peakMb))
          .toFixed(0)
          .padStart(4)} MB  ${ratioTo}`,
      );
    };
    console.log(
      `${`configuration (median of ${RUNS}${")".padEnd(40)}`} ${"wall".padStart(8)}  ${"×realtime".padStart(7)}  ${"CPU".padStart(9)}  ${"peak RSS (node + ffmpeg)".padStart(12)}`,
    );
    row(
      "app compose step, 9:16 (prepared)",
      runs.app,
      `${(naiveMs / oneMs).toFixed(2)}× faster than naive (goal: ≥ 5× realtime)`,
    );
    row("naive one-pass reference, 9:16", runs.naive, "");
    row(
      "app compose step, 3 ratios (prepared)",
      runs.app3,
      `${(median(runs.app3.map((m) => m.ms)) / oneMs).toFixed(2)}× one ratio (goal ≤ 2×)`,
    );
    row("preparation at approval, 9:16", prep, `(background, before the compose)`);
    row("preparation when picked, 1:1 + 16:9", prepPicked, `(background, before the compose)`);
    row(
      "app compose, 9:16 (cold: nothing prepared)",
      runs.cold,
      `${(naiveMs / coldOneMs).toFixed(2)}× faster than naive (goal ≥ 2.5×)`,
    );
    row(
      "app compose, 3 ratios (cold)",
      runs.cold3,
      `${(median(runs.cold3.map((m) => m.ms)) / coldOneMs).toFixed(2)}× one ratio (cold)`,
    );

    const prepared = [...prep[0].value, ...prepPicked[0].value];
    const perRatio = prepared
      .map((p, i) => {
        const of = i === 0 ? prep : prepPicked;
        const at = i === 0 ? 0 : i - 1;
        return `${p.ratio} ${sec(median(of.map((m) => m.value[at].ms)))}`;
      })
      .join(", ");
    console.log(
      `\npreparation per format (median): ${perRatio}; ${prepared.map((p) => `${p.ratio}: ${p.normalizedClips} clips normalised, ${p.renderedPieces} pieces, ${p.joinedStretches} stretch`).join("; ")}`,
    );
    // From approval, composing as soon as the formats asked for are prepared.
    const prepOne = median(prep.map((m) => m.ms));
    const prepAll = prepOne + median(prepPicked.map((m) => m.ms));
    const fromApprovalOne = prepOne + oneMs;
    const fromApprovalThree = prepAll + median(runs.app3.map((m) => m.ms));
    console.log(
      `from approval (preparation, then the compose step): 9:16 ${sec(fromApprovalOne)}, 3 ratios ${sec(fromApprovalThree)} (${(fromApprovalThree / fromApprovalOne).toFixed(2)}×); ` +
        `composing at once instead, with nothing prepared, is the cold rows`,
    );
    console.log("\nevery run (wall, 1-min load at its start):");
    for (const [name, xs] of Object.entries({ prepare: prep, picked: prepPicked, ...runs })) {
      console.log(
        `  ${name.padEnd(8)} ${xs.map((m) => `${sec(m.ms)} (load ${m.load.toFixed(1)})`).join(", ")}`,
      );
    }
    for (const r of runs.app3[0].value)
      console.log(
        `  ${r.ratio}: ${r.width}×${r.height} ${r.durationSeconds.toFixed(2)} s ${(r.fileSizeBytes / 1e6).toFixed(2)} MB method=${r.method}`,
      );
    if (process.env.BENCH_VOICE !== "0")
      await benchVoice({ clips, music, root, runs: RUNS, measure });
    console.log(`\nload average at end: ${loads()}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main()
  .then(() => {
    if (process.env.BENCH_API === "0") return;
    const api = spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "bench-compose-api.ts")],
      { stdio: "inherit" },
    );
    if (api.status !== 0) process.exit(api.status ?? 1);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
