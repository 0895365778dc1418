// The timed composes of one bench:compose round, shared by the standard edit
// (./bench-compose.ts) and the one with a voice-over and captions (./bench-compose-voice.ts):
// prepared 9:16, the naive one-pass reference, prepared 3 ratios, then cold (nothing
// prepared, a fresh cache each) 9:16 and 3 ratios.
import path from "node:path";
import { type ComposeOptions, type ComposeResult, composeVideo } from "../lib/media/compose-video";
import type { CompositionSpecInput } from "../lib/media/composition-spec";
import { ASPECT_RATIOS, type AspectRatio } from "../lib/media/formats";

export type Measure<T> = { ms: number; cpuS: number; peakMb: number; load: number; value: T };
type Measurer = <T>(fn: () => Promise<T>) => Promise<Measure<T>>;

export const ONE: AspectRatio[] = ["9:16"];
export const ALL: AspectRatio[] = [...ASPECT_RATIOS];

export type ComposeRuns = Record<
  "app" | "naive" | "app3" | "cold" | "cold3",
  Measure<ComposeResult[]>[]
>;

/** Fresh folders under `root` (`<prefix><name>-<n>`) and a compose of the spec for some ratios. */
export function composeBench(
  spec: (ratios: AspectRatio[]) => CompositionSpecInput,
  root: string,
  prefix = "",
) {
  let n = 0;
  const dir = (name: string) => path.join(root, `${prefix}${name}-${n++}`);
  const compose =
    (ratios: AspectRatio[], extra: Partial<ComposeOptions> = {}) =>
    () =>
      composeVideo(spec(ratios), { outDir: dir("out"), workDir: root, ...extra });
  const runs: ComposeRuns = { app: [], naive: [], app3: [], cold: [], cold3: [] };
  /** One round of the five composes; the prepared ones read `cacheDir`. */
  async function round(measure: Measurer, cacheDir: string) {
    runs.app.push(await measure(compose(ONE, { cacheDir })));
    runs.naive.push(await measure(compose(ONE, { method: "reference" })));
    runs.app3.push(await measure(compose(ALL, { cacheDir })));
    runs.cold.push(await measure(compose(ONE, { cacheDir: dir("cold") })));
    runs.cold3.push(await measure(compose(ALL, { cacheDir: dir("cold") })));
  }
  return { dir, runs, round };
}
