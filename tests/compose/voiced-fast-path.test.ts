// A voiced ad whose clips hold for their sentences is still made by the fast path: pieces
// joined by stream copy, every frame at its own time (the join is not thrown away for the
// one-pass render). A rendered piece that did not last whole tenths of a second (a hold of
// 20 frames) once made the concat demuxer place every later frame a few ticks late.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { planClipHolds } from "@/lib/media/ad-timing";
import { binaries } from "@/lib/media/binaries";
import { composeVideo } from "@/lib/media/compose-video";
import {
  type CompositionSpecInput,
  expectedDurationSeconds,
  parseCompositionSpec,
} from "@/lib/media/composition-spec";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { FPS, outputSize } from "@/lib/media/formats";
import type { WordTiming } from "@/lib/providers/types";
import { makeMusic, makePatternClip } from "../fixtures/media/make-media";

const exec = promisify(execFile);
let dir: string;
const clips: string[] = [];
let music: string;
let voice: string;

/** Three sentences over two 1 s clips: each clip must hold while its line is spoken. */
const SCRIPT = ["Cold water all day long.", "A lid that never leaks.", "Shop the bottle now."];
const word = (w: string, start: number, end: number): WordTiming => ({ word: w, start, end });
const WORDS: WordTiming[] = [
  ...["Cold", "water", "all", "day", "long."].map((w, i) =>
    word(w, 0.1 + i * 0.39, 0.4 + i * 0.39),
  ),
  ...["A", "lid", "that", "never", "leaks."].map((w, i) => word(w, 2.34 + i * 0.3, 2.59 + i * 0.3)),
  ...["Shop", "the", "bottle", "now."].map((w, i) => word(w, 4.0 + i * 0.33, 4.3 + i * 0.33)),
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "voiced-fast-"));
  const size = outputSize("9:16");
  await Promise.all(
    [0, 1].map(async (i) => {
      clips[i] = path.join(dir, `clip-${i}.mp4`);
      await makePatternClip(clips[i], { ...size, seconds: 1, hue: i * 120 });
    }),
  );
  music = path.join(dir, "music.m4a");
  await makeMusic(music, 10);
  voice = path.join(dir, "voice.wav");
  await runFfmpeg(["-f", "lavfi", "-i", "sine=f=300:d=5.6:r=24000", "-ac", "1", voice]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test("a voiced ad with held clips takes the fast path, every frame at its time", async () => {
  const spec: CompositionSpecInput = {
    clips: clips.map((p) => ({ path: p })),
    title: { text: "Steel Bottle" },
    endCard: { text: "Shop now" },
    music: { path: music },
    script: SCRIPT,
    voiceOver: { path: voice, words: WORDS },
  };
  // The plan holds both clips (the ad is longer than 1 + 1 − 0.5 + 2 s).
  const holds = planClipHolds(parseCompositionSpec(spec), [30, 30])!.holds;
  expect(holds.every((h) => h > 0)).toBe(true);
  const planned = Math.round(expectedDurationSeconds(spec, [30, 30]) * FPS);

  const [r] = await composeVideo(spec, {
    outDir: path.join(dir, "out"),
    workDir: path.join(dir, "work"),
  });
  expect([r.method, r.fallbackReason]).toEqual(["fast", undefined]);
  expect(r.frames).toBe(planned);
  expect(r.durationSeconds).toBeCloseTo(planned / FPS, 1);
  // Only what changes is encoded: the second clip's own frames are still copied.
  expect(r.stats.copiedFrames).toBeGreaterThan(0);

  // What a player reads: the planned number of frames, each 1/30 s after the one before.
  const { stdout } = await exec(binaries().ffprobe, [
    ...["-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time"],
    ...["-of", "csv=p=0", r.videoPath],
  ]);
  const times = stdout.trim().split("\n").map(Number);
  expect(times).toHaveLength(planned);
  const late = times.findIndex((t, i) => Math.abs(t - i / FPS) > 1e-4);
  expect(late).toBe(-1);
});
