// The local clip renderer: every camera movement gives a clip a user would accept (asked
// duration, output size, 30 fps, H.264, really moving) that composition takes as it is.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { binaries, shippedFfmpeg } from "@/lib/media/binaries";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { outputSize } from "@/lib/media/formats";
import { prepareClip } from "@/lib/media/normalize";
import { probe } from "@/lib/media/probe";
import { CAMERA_MOVEMENTS, type CameraMovement, type ClipInput, ProviderError } from "../types";
import { localVideo, renderCameraClip } from "./video";

const dir = mkdtempSync(path.join(tmpdir(), "local-video-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const size = outputSize("9:16"); // RENDER_SCALE=0.1 in tests: 108×192
const image = path.join(dir, "product.png");

beforeAll(async () => {
  // Wider than the clip (cover-crop), with detail everywhere so any move shows.
  const W = 240,
    H = 300;
  const dots = Array.from(
    { length: 60 },
    (_, i) =>
      `<circle cx="${(i * 97) % W}" cy="${(i * 53) % H}" r="${3 + (i % 5)}" fill="hsl(${i * 37},70%,${40 + (i % 3) * 15}%)"/>`,
  ).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#f6d6e2"/><stop offset="1" stop-color="#5a2340"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#g)"/>${dots}<rect x="80" y="110" width="80" height="90" rx="12" fill="#fff" stroke="#222" stroke-width="3"/></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(image);
});

const input = (cameraMovement: CameraMovement, over: Partial<ClipInput> = {}): ClipInput => ({
  imagePath: image,
  scenePrompt: "slow push in on the front of the shoe",
  cameraMovement,
  motionIntensity: 0.5,
  durationSeconds: 2,
  aspectRatio: "9:16",
  ...size,
  seed: 1234,
  ...over,
});

/** Every frame decoded to 8-bit grey. */
async function greyFrames(file: string, binary?: string): Promise<Buffer[]> {
  // Clips of the same input share a file name (it is derived from the input), so key the
  // dump on the whole path: concurrent calls must not write the same file.
  const key = createHash("sha256").update(file).digest("hex").slice(0, 12);
  const out = path.join(dir, `${key}.${binary ? "s" : "c"}.gray`);
  await runFfmpeg(["-i", file, "-f", "rawvideo", "-pix_fmt", "gray", out], { binary });
  const all = readFileSync(out);
  const n = size.width * size.height;
  return Array.from({ length: all.length / n }, (_, i) => all.subarray(i * n, (i + 1) * n));
}

const meanAbsDiff = (a: Buffer, b: Buffer) =>
  a.reduce((t, v, i) => t + Math.abs(v - b[i]), 0) / a.length;
const framesHash = (frames: Buffer[]) =>
  frames.reduce((h, f) => h.update(f), createHash("sha256")).digest("hex");

const change = new Map<CameraMovement, number>();

describe.each(CAMERA_MOVEMENTS.map((m, i) => [m, [2, 2.5, 3][i % 3]] as const))(
  "%s",
  (move, seconds) => {
    test(`renders ${seconds} s at the output size, 30 fps, H.264, in the shared encoding`, async () => {
      const workDir = await mkdtemp(path.join(dir, `${move}-`));
      const { output, call } = await localVideo.generateClip(
        input(move, { durationSeconds: seconds }),
        { workDir, sessionId: "s" },
      );

      expect(output.mimeType).toBe("video/mp4");
      const info = await probe(output.filePath);
      expect(Math.abs(info.durationSeconds - seconds)).toBeLessThanOrEqual(0.1);
      expect(info.video).toMatchObject({
        codec: "h264",
        width: size.width,
        height: size.height,
        fps: 30,
        pixFmt: "yuv420p",
      });
      expect(info.audio).toBeUndefined();
      expect(call).toMatchObject({
        amountUsd: 0,
        provider: "local",
        model: "local-camera-1",
        secondsProcessed: seconds,
      });
      expect(call.latencyMs).toBeGreaterThan(0);

      const prepared = await prepareClip(output.filePath, "9:16", { workDir });
      expect(prepared.normalized).toBe(false);
      expect(prepared.path).toBe(output.filePath);

      const frames = await greyFrames(output.filePath);
      expect(frames).toHaveLength(Math.round(seconds * 30));
      change.set(move, meanAbsDiff(frames[0], frames[frames.length - 1]));
    });
  },
);

test("moves really move, and static only breathes", () => {
  expect([...change.keys()].sort()).toEqual([...CAMERA_MOVEMENTS].sort());
  const moving = CAMERA_MOVEMENTS.filter((m) => m !== "static").map((m) => change.get(m)!);
  const still = change.get("static")!;
  expect(Math.min(...moving)).toBeGreaterThan(4);
  expect(still).toBeGreaterThan(0.3); // alive
  expect(still).toBeLessThan(Math.min(...moving) / 2);
});

test("the same input gives the same frames; another seed gives others", async () => {
  const a = await renderCameraClip(input("orbit"), await mkdtemp(path.join(dir, "same-a-")));
  const b = await renderCameraClip(input("orbit"), await mkdtemp(path.join(dir, "same-b-")));
  const c = await renderCameraClip(
    input("orbit", { seed: 99 }),
    await mkdtemp(path.join(dir, "same-c-")),
  );
  const [ha, hb, hc] = await Promise.all(
    [a, b, c].map(async (r) => framesHash(await greyFrames(r.filePath))),
  );
  expect(ha).toBe(hb);
  expect(hc).not.toBe(ha);
});

// Skipped when the shipped build is already the default: every test above then runs on it.
test.skipIf(binaries().ffmpeg === shippedFfmpeg())(
  "the shipped 2018 ffmpeg renders the same kind of clip",
  async () => {
    const binary = shippedFfmpeg();
    const workDir = await mkdtemp(path.join(dir, "shipped-"));
    const { filePath } = await renderCameraClip(input("orbit", { durationSeconds: 2.5 }), workDir, {
      binary,
    });
    const info = await probe(filePath);
    expect(Math.abs(info.durationSeconds - 2.5)).toBeLessThanOrEqual(0.1);
    expect(info.video).toMatchObject({
      codec: "h264",
      width: size.width,
      height: size.height,
      fps: 30,
    });
    expect((await prepareClip(filePath, "9:16", { workDir, binary })).normalized).toBe(false);
    const frames = await greyFrames(filePath, binary);
    expect(frames).toHaveLength(75);
    expect(meanAbsDiff(frames[0], frames[74])).toBeGreaterThan(4);
  },
);

test("bad requests fail permanently with a reason; a cancelled call is not a failure", async () => {
  const workDir = await mkdtemp(path.join(dir, "bad-"));
  const ctx = { workDir, sessionId: "s" };
  const odd = await localVideo.generateClip(input("zoom_in", { width: 107 }), ctx).catch((e) => e);
  expect(odd).toBeInstanceOf(ProviderError);
  expect(odd).toMatchObject({ kind: "permanent", message: expect.stringMatching(/width/) });
  const long = await localVideo
    .generateClip(input("zoom_in", { durationSeconds: 90 }), ctx)
    .catch((e) => e);
  expect(long).toMatchObject({ kind: "permanent", message: expect.stringMatching(/duration/) });
  const unreadable = await localVideo
    .generateClip(input("zoom_in", { imagePath: path.join(dir, "missing.png") }), ctx)
    .catch((e) => e);
  expect(unreadable).toMatchObject({
    kind: "permanent",
    message: expect.stringMatching(/source image/),
  });

  const controller = new AbortController();
  const pending = localVideo.generateClip(input("pan_left", { durationSeconds: 20 }), {
    ...ctx,
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(), 50);
  const cancelled = await pending.catch((e) => e);
  expect(cancelled).not.toBeInstanceOf(ProviderError);
  expect(cancelled).toMatchObject({ name: "AbortError" });
});
