// The edit prepared ahead of the compose (lib/media/prepare-edit.ts): what it makes is used
// (the compose encodes fewer frames) and changes no picture; a re-ordered edit re-renders only
// the transitions whose neighbours changed; nothing prepared, the compose still makes the same ad.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type ComposeOptions, composeVideo } from "@/lib/media/compose-video";
import type { CompositionSpecInput } from "@/lib/media/composition-spec";
import { outputSize } from "@/lib/media/formats";
import { prepareEdit } from "@/lib/media/prepare-edit";
import { makeMusic, makePatternClip } from "../fixtures/media/make-media";
import { ffprobeJson, framePsnr } from "./media-checks";

let dir: string;
const clips: string[] = [];
let music: string;
const size = outputSize("9:16");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "prepare-edit-"));
  // Moving patterns: every frame differs, so a piece put in the wrong place shows.
  await Promise.all(
    [0, 90, 180, 270].map(async (hue, i) => {
      clips[i] = path.join(dir, `clip-${i}.mp4`);
      await makePatternClip(clips[i], { ...size, seconds: 2, hue });
    }),
  );
  music = path.join(dir, "music.m4a");
  await makeMusic(music, 3);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const edit = (
  order: number[],
  extra: Partial<CompositionSpecInput> = {},
): CompositionSpecInput => ({
  clips: order.map((i) => ({ path: clips[i] })),
  title: { text: "Pink Tennis Shoes" },
  endCard: { text: "Shop now — 20% off" },
  music: { path: music },
  ...extra,
});
const compose = (name: string, spec: CompositionSpecInput, extra: Partial<ComposeOptions> = {}) =>
  composeVideo(spec, { outDir: path.join(dir, name), workDir: path.join(dir, "work"), ...extra });

test("a prepared edit composes by encoding only its text, and shows the same pictures as a compose with nothing prepared", async () => {
  const cacheDir = path.join(dir, "cache-a");
  const prepared = await prepareEdit(
    edit([0, 1, 2, 3], { outputs: { ratios: ["9:16", "16:9"] } }),
    { cacheDir, workDir: path.join(dir, "work") },
  );
  expect(prepared.map((p) => p.ratio)).toEqual(["9:16", "16:9"]);
  // 4 × 2 s clips: the first crossfade is under the title; the other two and the card's dissolve do not depend on the text.
  expect(prepared[0]).toMatchObject({
    normalizedClips: 0,
    renderedPieces: 3,
    reusedPieces: 0,
    joinedStretches: 1,
  });
  expect(prepared[1]).toMatchObject({ normalizedClips: 4, renderedPieces: 3 });

  const spec = edit([0, 1, 2, 3], { outputs: { ratios: ["9:16", "16:9"] } });
  const [fast, wide] = await compose("prepared", spec, { cacheDir });
  const [cold] = await compose("cold", spec, { cacheDir: path.join(dir, "cache-empty") });
  const [reference, wideReference] = await compose("reference", spec, { method: "reference" });

  // 4 × 2 s − 3 × 0.5 s + 2 s card = 8.5 s; only the title (2 s) and the card until its text is in are encoded.
  for (const r of [fast, wide, cold]) {
    expect(r.method).toBe("fast");
    expect(r.frames).toBe(255);
    expect(Math.abs(Number((await ffprobeJson(r.videoPath)).format.duration) - 8.5)).toBeLessThan(
      0.1,
    );
  }
  expect(fast.stats.preparedPieces).toBeGreaterThanOrEqual(3);
  expect(fast.stats.renderedFrames).toBeLessThan(cold.stats.renderedFrames);
  expect(fast.stats.renderedFrames).toBeLessThanOrEqual(60 + 12); // the title and the card's text fade
  expect(wide.stats).toMatchObject({
    normalizedClips: 4,
    preparedPieces: fast.stats.preparedPieces,
  });
  expect(cold.stats.preparedPieces).toBe(0);

  // Same pictures whichever way: every frame alike (a shifted or doubled frame of a moving pattern scores far lower).
  // The two formats' text pieces were encoded side by side in the same runs (piece-batch.ts).
  for (const [ref, other] of [
    [reference, fast],
    [reference, cold],
    [wideReference, wide],
  ]) {
    const psnr = await framePsnr(ref.videoPath, other.videoPath);
    expect(psnr).toHaveLength(255);
    expect(Math.min(...psnr)).toBeGreaterThan(25);
  }
});

test("re-ordering the clips re-renders only the transitions whose neighbours changed", async () => {
  const cacheDir = path.join(dir, "cache-b");
  const opts = { cacheDir, workDir: path.join(dir, "work") };
  const [first] = await prepareEdit(edit([0, 1, 2, 3]), opts);
  expect(first).toMatchObject({ renderedPieces: 3, reusedPieces: 0 }); // 1→2, 2→3, card after 3
  const pieces = async () => (await readdir(cacheDir)).filter((f) => f.startsWith("piece-")).sort();
  const before = await pieces();

  // 0 3 1 2: 1→2 is still a neighbour pair; 3→1 and the card after 2 are new.
  const [second] = await prepareEdit(edit([0, 3, 1, 2]), opts);
  expect(second).toMatchObject({ renderedPieces: 2, reusedPieces: 1, normalizedClips: 0 });
  const after = await pieces();
  expect(after).toHaveLength(before.length + 2);
  expect(after).toEqual(expect.arrayContaining(before)); // nothing made before was thrown away

  // The same order again: everything is there.
  const [again] = await prepareEdit(edit([0, 3, 1, 2]), opts);
  expect(again).toMatchObject({ renderedPieces: 0, reusedPieces: 3, joinedStretches: 0 });

  const [ad] = await compose("reordered", edit([0, 3, 1, 2]), { cacheDir });
  const [reference] = await compose("reordered-reference", edit([0, 3, 1, 2]), {
    method: "reference",
  });
  expect(ad.stats.preparedPieces).toBe(3);
  expect(Math.min(...(await framePsnr(reference.videoPath, ad.videoPath)))).toBeGreaterThan(25);
});

test("a cancelled preparation stops and leaves no half-made file in the cache", async () => {
  const cacheDir = path.join(dir, "cache-c");
  const controller = new AbortController();
  const pending = prepareEdit(edit([0, 1, 2, 3], { outputs: { ratios: ["16:9", "1:1"] } }), {
    cacheDir,
    workDir: path.join(dir, "work"),
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(), 50);
  await expect(pending).rejects.toThrow();
  expect(
    (await readdir(cacheDir)).filter((f) => f.endsWith(".tmp") || f.includes(".tmp.")),
  ).toEqual([]);
  expect((await readdir(path.join(dir, "work"))).filter((f) => f.startsWith("prepare-"))).toEqual(
    [],
  );
});
