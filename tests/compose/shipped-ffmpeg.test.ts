// Every filter graph must also work on the 2018 static ffmpeg that @ffmpeg-installer ships
// (no xfade, no apad=whole_dur): the fallback on a machine without a system ffmpeg. The
// other tests use whichever binary the machine chose (binaries()).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { shippedFfmpeg, shippedFfprobe } from "@/lib/media/binaries";
import { composeVideo } from "@/lib/media/compose-video";
import { outputSize } from "@/lib/media/formats";
import { makeCameraMoveClip, makeMusic, makeProductImage } from "../fixtures/media/make-media";
import { ffprobeJson } from "./media-checks";

const binary = shippedFfmpeg();
const ffprobe = shippedFfprobe();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "shipped-ffmpeg-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test("the shipped 2018 ffmpeg composes a full edit in two ratios", async () => {
  const size = outputSize("9:16");
  const clips = await Promise.all(
    (["pan_right", "tilt_up", "pan_left"] as const).map(async (move, i) => {
      const img = path.join(dir, `image-${i}.png`);
      await makeProductImage(
        img,
        Math.round(size.width * 1.25),
        Math.round(size.height * 1.25),
        i * 100,
      );
      const file = path.join(dir, `clip-${i}.mp4`);
      await makeCameraMoveClip(img, file, { ...size, seconds: 1.5, move, binary });
      return { path: file };
    }),
  );
  const music = path.join(dir, "music.m4a");
  await makeMusic(music, 2, binary);
  const results = await composeVideo(
    {
      clips,
      title: { text: `"Pink" shoes: 20% off \\ مرحبا` },
      endCard: { text: "Shop now 👟" },
      music: { path: music },
      outputs: { ratios: ["9:16", "16:9"] },
    },
    { outDir: path.join(dir, "out"), binary, ffprobe },
  );
  const expected = 3 * 1.5 - 2 * 0.5 + 2;
  for (const r of results) {
    expect(r.method).toBe("fast");
    const info = await ffprobeJson(r.videoPath, ffprobe);
    const v = info.streams.find((s) => s.codec_type === "video");
    expect(v).toMatchObject({
      codec_name: "h264",
      profile: "High",
      ...outputSize(r.ratio),
      avg_frame_rate: "30/1",
    });
    expect(info.streams.some((s) => s.codec_type === "audio" && s.codec_name === "aac")).toBe(true);
    expect(Math.abs(Number(info.format.duration) - expected)).toBeLessThan(0.1);
  }
  // Made by the same binary, the 9:16 clips are copied as they are.
  expect(results[0].stats.normalizedClips).toBe(0);
});
