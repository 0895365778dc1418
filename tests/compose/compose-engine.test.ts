// The composition engine on real (tiny) clips, checked the way a person would check an ad:
// ffprobe for the container and streams, frames for the text, samples for the music.
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ComposeCancelledError,
  type ComposeOptions,
  composeVideo,
} from "@/lib/media/compose-video";
import { type CompositionSpecInput, expectedDurationSeconds } from "@/lib/media/composition-spec";
import { outputSize } from "@/lib/media/formats";
import {
  makeCameraMoveClip,
  makeMusic,
  makePatternClip,
  makeProductImage,
} from "../fixtures/media/make-media";
import { decodeAudio, ffprobeJson, framePsnr, grabFrame, meanAbsDiff, rms } from "./media-checks";

let dir: string;
const clips: string[] = [];
let music: string;
const size = outputSize("9:16"); // RENDER_SCALE=0.1 in tests: 108×192
const run = (name: string, spec: CompositionSpecInput, extra: Partial<ComposeOptions> = {}) =>
  composeVideo(spec, { outDir: path.join(dir, name), workDir: path.join(dir, "work"), ...extra });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "compose-engine-"));
  await writeFile(path.join(dir, "not-a-video.mp4"), "hello");
  const moves = ["pan_right", "tilt_up", "pan_left"] as const;
  await Promise.all(
    moves.map(async (move, i) => {
      const img = path.join(dir, `image-${i}.png`);
      await makeProductImage(
        img,
        Math.round(size.width * 1.25),
        Math.round(size.height * 1.25),
        330 + i * 60,
      );
      clips[i] = path.join(dir, `clip-${i}.mp4`);
      await makeCameraMoveClip(img, clips[i], { ...size, seconds: 2, move });
    }),
  );
  music = path.join(dir, "music.m4a");
  await makeMusic(music, 3); // shorter than the ad: it must loop
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const edit = (extra: Partial<CompositionSpecInput> = {}): CompositionSpecInput => ({
  clips: clips.map((p) => ({ path: p })),
  title: { text: "Pink Tennis Shoes" },
  endCard: { text: "Shop now — 20% off" },
  ...extra,
});

describe("an edit of three 2 s clips", () => {
  test("every ratio is an H.264 High + AAC MP4 at its size, 30 fps, with the planned duration and a poster", async () => {
    const results = await run(
      "ratios",
      edit({ music: { path: music }, outputs: { ratios: ["9:16", "1:1", "16:9"] } }),
    );
    // 3 × 2 s − 2 × 0.5 s crossfades + 2 s end card
    const expected = 3 * 2 - 2 * 0.5 + 2;
    expect(expectedDurationSeconds(edit(), [60, 60, 60])).toBeCloseTo(expected, 5);
    expect(results.map((r) => r.ratio)).toEqual(["9:16", "1:1", "16:9"]);
    for (const r of results) {
      const want = outputSize(r.ratio);
      const info = await ffprobeJson(r.videoPath);
      expect(info.format.format_name).toContain("mp4");
      const v = info.streams.find((s) => s.codec_type === "video")!;
      const a = info.streams.find((s) => s.codec_type === "audio")!;
      expect(v).toMatchObject({
        codec_name: "h264",
        profile: "High",
        width: want.width,
        height: want.height,
        avg_frame_rate: "30/1",
        pix_fmt: "yuv420p",
      });
      expect(a).toMatchObject({ codec_name: "aac" });
      expect(Number(info.format.duration)).toBeGreaterThan(expected - 0.1);
      expect(Number(info.format.duration)).toBeLessThan(expected + 0.1);
      expect(Number(a.duration)).toBeCloseTo(expected, 1);
      expect(await sharp(r.posterPath).metadata()).toMatchObject({ format: "jpeg", ...want });
      expect((await sharp(r.thumbnailPath).metadata()).width).toBeLessThanOrEqual(320);
      expect(r.method).toBe("fast");
    }
    // The clips are already in the 9:16 shared encoding: used as they are, not re-encoded.
    expect(results[0].stats.normalizedClips).toBe(0);
    expect(results[0].stats.copiedFrames).toBeGreaterThan(0);
    expect(results[1].stats.normalizedClips).toBe(3);
    // 'auto' fit: 1:1 is cropped from the 9:16 clips (picture edge to edge); 16:9 shows the
    // whole 9:16 picture over a blurred fill of itself, never black bars.
    const wide = outputSize("16:9");
    const frame = await grabFrame(results[2].videoPath, 75, wide);
    const edge = meanAbsDiff(frame, Buffer.alloc(frame.length), wide.width, {
      x: 0,
      y: 0,
      w: 10,
      h: wide.height,
    });
    expect(edge).toBeGreaterThan(15); // not black
  });

  test("without music the ad still has a silent AAC track; with music it loops, fades in and out", async () => {
    const [silent] = await run("silent", edit());
    const quiet = await decodeAudio(silent.videoPath);
    expect(
      (await ffprobeJson(silent.videoPath)).streams.some(
        (s) => s.codec_type === "audio" && s.codec_name === "aac",
      ),
    ).toBe(true);
    expect(rms(quiet, 8000, 0, 7)).toBeLessThan(1e-4);

    const [scored] = await run(
      "music",
      edit({ music: { path: music, volume: 0.5, fadeSeconds: 1 } }),
    );
    const pcm = await decodeAudio(scored.videoPath);
    expect(pcm.length / 8000).toBeCloseTo(7, 1);
    const middle = rms(pcm, 8000, 3, 4);
    expect(middle).toBeGreaterThan(0.02);
    expect(rms(pcm, 8000, 5, 5.5)).toBeGreaterThan(middle * 0.5); // past the 3 s file: looped, not silent
    expect(rms(pcm, 8000, 0, 0.05)).toBeLessThan(middle * 0.2); // fading in
    expect(rms(pcm, 8000, 6.95, 7)).toBeLessThan(middle * 0.2); // fading out
  });

  test("the title is really drawn: its frame differs from the same frame without it, and only while it shows", async () => {
    const [titled] = await run(
      "titled",
      edit({ title: { text: "Pink Tennis Shoes", durationSeconds: 2, position: "center" } }),
    );
    const [plain] = await run("plain", edit({ title: undefined }));
    const mid = 30; // 1 s in: the title is fully faded in
    const diffAtTitle = meanAbsDiff(
      await grabFrame(titled.videoPath, mid, size),
      await grabFrame(plain.videoPath, mid, size),
      size.width,
    );
    const after = 90; // 3 s in: the title is gone (both copy the same clip frames)
    const diffAfter = meanAbsDiff(
      await grabFrame(titled.videoPath, after, size),
      await grabFrame(plain.videoPath, after, size),
      size.width,
    );
    expect(diffAtTitle).toBeGreaterThan(3);
    expect(diffAfter).toBeLessThan(1);
  });
});

test("the fast path (copy + short pieces) shows the same pictures as the one-pass reference", async () => {
  // Moving test patterns: every frame differs, so a dropped, doubled or shifted frame shows.
  const patterns = await Promise.all(
    [0, 120, 240].map(async (hue, i) => {
      const file = path.join(dir, `pattern-${i}.mp4`);
      await makePatternClip(file, { ...size, seconds: 2, hue });
      return file;
    }),
  );
  const spec = edit({ clips: patterns.map((p) => ({ path: p })), music: { path: music } });
  const [fast] = await run("fast", spec);
  const [reference] = await run("reference", spec, { method: "reference" });
  expect(fast.method).toBe("fast");
  expect(fast.stats.copiedFrames).toBeGreaterThan(0);
  expect(fast.frames).toBe(reference.frames);
  const psnr = await framePsnr(reference.videoPath, fast.videoPath);
  expect(psnr).toHaveLength(fast.frames);
  // Both are lossy encodes of the same pictures: alike everywhere (a one-frame shift of a moving pattern scores far lower).
  expect(Math.min(...psnr)).toBeGreaterThan(25);
});

test("clips of another shape are normalised once: a second compose reuses the cache", async () => {
  const cacheDir = path.join(dir, "cache");
  const [first] = await run("cache-1", edit({ fit: "pad", outputs: { ratios: ["16:9"] } }), {
    cacheDir,
  });
  const files = async () =>
    Promise.all(
      (await readdir(cacheDir)).map(
        async (f) => `${f} ${(await stat(path.join(cacheDir, f))).mtimeMs}`,
      ),
    );
  const cached = await files();
  expect(first.stats.normalizedClips).toBe(3);
  expect(cached.filter((f) => /^clip-.*\.mp4 /.test(f))).toHaveLength(3);
  // The two crossfades depend only on the clips: kept, and taken by the second compose.
  expect(cached.filter((f) => /^piece-.*\.mp4 /.test(f))).toHaveLength(2);
  const [second] = await run("cache-2", edit({ fit: "pad", outputs: { ratios: ["16:9"] } }), {
    cacheDir,
  });
  expect(await files()).toEqual(cached); // the same files, not written again
  expect(second.stats.normalizedClips).toBe(3);
  expect(second.stats).toMatchObject({ preparedPieces: 2, preparedFrames: 30 });
  expect(second.stats.renderedFrames).toBe(first.stats.renderedFrames - 30);
  // 'pad' keeps the whole 9:16 picture: black bars left and right.
  const wide = outputSize("16:9");
  const frame = await grabFrame(second.videoPath, 75, wide);
  const black = Buffer.alloc(frame.length);
  expect(meanAbsDiff(frame, black, wide.width, { x: 0, y: 0, w: 10, h: wide.height })).toBeLessThan(
    4,
  );
  expect(
    meanAbsDiff(frame, black, wide.width, { x: wide.width / 2 - 10, y: 0, w: 20, h: wide.height }),
  ).toBeGreaterThan(30);
});

test("each render's temp folder is removed, after success, failure and cancellation", async () => {
  const work = path.join(dir, "work");
  await run("clean", edit());
  expect(await readdir(work)).toEqual([]);

  const bad = await run(
    "bad",
    edit({ clips: [{ path: clips[0] }, { path: path.join(dir, "not-a-video.mp4") }] }),
  ).catch((e) => e);
  expect(bad).toBeInstanceOf(Error);
  expect(String(bad.message)).toMatch(/not-a-video\.mp4/);
  expect(await readdir(work)).toEqual([]);

  const controller = new AbortController();
  const pending = run("cancelled", edit({ outputs: { ratios: ["9:16", "1:1", "16:9"] } }), {
    signal: controller.signal,
    onProgress: (f) => f > 0.05 && controller.abort(),
  });
  await expect(pending).rejects.toBeInstanceOf(ComposeCancelledError);
  expect(await readdir(work)).toEqual([]);
  expect(existsSync(path.join(dir, "cancelled", "final-9x16.mp4"))).toBe(false);
});

test("a bad spec is refused with one readable line per problem", async () => {
  const err = await run("invalid", {
    clips: [],
    textColor: "white",
    font: "comic-sans" as never,
    title: { text: "a\nb\nc\nd\ne" },
  }).catch((e) => e);
  expect(err.name).toBe("CompositionSpecError");
  expect(err.issues).toEqual(
    expect.arrayContaining([
      "clips: at least one clip is needed",
      "textColor: textColor must look like #RRGGBB",
      expect.stringMatching(/^font: font must be one of inter, poppins/),
      "title.text: title text can have at most 4 lines",
    ]),
  );
});

test("an edit that changes no frame is a pure copy of the clip (plus its audio track)", async () => {
  const [ad] = await run("copy-only", { clips: [{ path: clips[0] }] });
  expect(ad).toMatchObject({
    method: "fast",
    frames: 60,
    stats: { renderedFrames: 0, copiedFrames: 60, pieces: 0, normalizedClips: 0 },
  });
  expect(ad.durationSeconds).toBeCloseTo(2, 1);
  expect((await ffprobeJson(ad.videoPath)).streams.map((s) => s.codec_type).sort()).toEqual([
    "audio",
    "video",
  ]);
});

test("music still being made: the compose starts without it, waits for it only for the audio, and fails with its failure", async () => {
  const late = path.join(dir, "late-music.m4a");
  const musicReady = new Promise<void>((resolve) =>
    setTimeout(() => void copyFile(music, late).then(resolve), 300),
  );
  const [ad] = await run("late-music", edit({ music: { path: late } }), { musicReady });
  expect(rms(await decodeAudio(ad.videoPath), 8000, 3, 4)).toBeGreaterThan(0.02);

  const failure = new Error("The background music could not be made (timeout).");
  const failed = await run("no-music", edit({ music: { path: path.join(dir, "never.m4a") } }), {
    musicReady: Promise.reject(failure),
  }).catch((e) => e);
  expect(failed).toBe(failure);
  expect(await readdir(path.join(dir, "work"))).toEqual([]);
});
