import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { chooseBinary, shippedFfmpeg, shippedFfprobe } from "./binaries";
import { FfmpegError, runFfmpeg } from "./ffmpeg";
import { probe } from "./probe";

const dir = mkdtempSync(path.join(tmpdir(), "ffmpeg-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([
  ["the chosen ffmpeg", undefined],
  ["the shipped 2018 ffmpeg", shippedFfmpeg()],
])("%s renders a clip that ffprobe reads back", async (_name, binary) => {
  const out = path.join(dir, `clip-${binary ? "shipped" : "chosen"}.mp4`);
  const fractions: number[] = [];
  await runFfmpeg(
    [
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=160x288:rate=30",
      "-t",
      "1.5",
      "-pix_fmt",
      "yuv420p",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      out,
    ],
    { binary, durationSeconds: 1.5, onProgress: (f) => fractions.push(f) },
  );
  const info = await probe(out);
  expect(info.video).toMatchObject({ codec: "h264", width: 160, height: 288, fps: 30 });
  expect(info.durationSeconds).toBeCloseTo(1.5, 1);
  expect(fractions.length).toBeGreaterThan(0);
});

test("a bad filter fails with ffmpeg's own message", async () => {
  const err = await runFfmpeg(["-f", "lavfi", "-i", "nosuchsource", path.join(dir, "x.mp4")]).catch(
    (e) => e,
  );
  expect(err).toBeInstanceOf(FfmpegError);
  expect(String(err.message)).toMatch(/ffmpeg failed/);
});

test("a render past its timeout is killed", async () => {
  const started = Date.now();
  const err = await runFfmpeg(["-f", "lavfi", "-i", "testsrc", "-f", "null", "-"], {
    timeoutMs: 300,
  }).catch((e) => e);
  expect(err).toBeInstanceOf(FfmpegError);
  expect(Date.now() - started).toBeLessThan(5000);
});

test("an aborted render is killed at once", async () => {
  const controller = new AbortController();
  const started = Date.now();
  const pending = runFfmpeg(["-re", "-f", "lavfi", "-i", "testsrc", "-f", "null", "-"], {
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(), 200);
  const err = await pending.catch((e) => e);
  expect(err).toBeInstanceOf(FfmpegError);
  expect(err.message).toMatch(/cancelled/);
  expect(Date.now() - started).toBeLessThan(5000);
});

test("the binary is FFMPEG_PATH, else the shipped build, else the one on PATH", () => {
  expect(chooseBinary("ffmpeg", "/opt/ffmpeg", () => "/usr/bin/ffmpeg")).toBe("/opt/ffmpeg");
  // The shipped static build comes before a system one (it starts faster)…
  expect(chooseBinary("ffmpeg", undefined, () => "/usr/bin/ffmpeg")).toBe(shippedFfmpeg());
  expect(chooseBinary("ffprobe", undefined, () => "/usr/bin/ffprobe")).toBe(shippedFfprobe());
  // …and the system one is used where the packages have no build for the platform.
  expect(
    chooseBinary(
      "ffmpeg",
      undefined,
      () => "/usr/bin/ffmpeg",
      () => undefined,
    ),
  ).toBe("/usr/bin/ffmpeg");
  expect(() =>
    chooseBinary(
      "ffmpeg",
      undefined,
      () => undefined,
      () => undefined,
    ),
  ).toThrow(/FFMPEG_PATH/);
});
