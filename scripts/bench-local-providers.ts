// Times the offline providers on this machine: a 3 s camera-move clip per movement (with the
// chosen ffmpeg, and the shipped 2018 build when that differs), a photo shot per view (from a
// packshot that is cut out and from a busy photo shown as a print), and a 30 s music bed per
// genre. Inputs are made first, outside the timings. Then a whole ad through the API
// (./bench-local-ad.ts: sentence → 6 images → 6 clips of 3 s → final 9:16 video).
//
//   npm run bench:local                       (1080×1920)
//   npm run bench:local -- 108x192            (small frames; the whole ad stays 1080×1920)
//   BENCH_AD=0 npm run bench:local            (the providers only)
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { env } from "../lib/env";
import { binaries, shippedFfmpeg } from "../lib/media/binaries";
import { renderStudioImage } from "../lib/providers/local/image-renderer";
import { localMusic } from "../lib/providers/local/music";
import { renderPhotoShot } from "../lib/providers/local/studio/photo";
import { renderCameraClip } from "../lib/providers/local/video";
import { CAMERA_MOVEMENTS, type ImageInput, MUSIC_GENRES, VIEWS } from "../lib/providers/types";
import { cpuSeconds } from "./cpu-seconds";

const [W, H] = (process.argv[2] ?? "1080x1920").split("x").map(Number);

/** Wall seconds of the work; its CPU seconds (with ffmpeg's) go to `cpu`. */
const cpu: number[] = [];
async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now(),
    c0 = cpuSeconds();
  await work();
  cpu.push(cpuSeconds() - c0);
  return (performance.now() - started) / 1000;
}

const summary = (label: string, secs: number[]) => {
  const spent = cpu.splice(0);
  console.log(
    `${label.padEnd(34)} median ${median(secs).toFixed(2)} s  (min ${Math.min(...secs).toFixed(2)}, max ${Math.max(...secs).toFixed(2)}, n=${secs.length}), CPU median ${median(spent).toFixed(2)} s`,
  );
};
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-local-"));
  try {
    console.log(
      `${W}×${H}, preset ${env.RENDER_PRESET} (camera clips: ultrafast), ${os.cpus().length} cores, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    const base: ImageInput = {
      prompt: "front view",
      negativePrompt: "",
      view: "front",
      seed: 3,
      guidanceScale: 7,
      productPrompt: "pink running sneakers with white laces",
      category: "footwear",
      styleKeywords: ["vibrant"],
      palette: ["#E85D8A"],
      aspectRatio: "9:16",
      width: W,
      height: H,
    };
    const still = path.join(dir, "still.png");
    await writeFile(still, await renderStudioImage(base));

    const binariesToTry = [
      ["chosen ffmpeg", binaries().ffmpeg],
      ...(binaries().ffmpeg === shippedFfmpeg() ? [] : [["shipped 2018 ffmpeg", shippedFfmpeg()]]),
    ];
    for (const [label, binary] of binariesToTry) {
      const secs: number[] = [];
      for (const move of CAMERA_MOVEMENTS) {
        const clip = {
          imagePath: still,
          scenePrompt: "",
          cameraMovement: move,
          motionIntensity: 0.6,
          durationSeconds: 3,
          aspectRatio: "9:16" as const,
          width: W,
          height: H,
          seed: 3,
        };
        secs.push(await timed(() => renderCameraClip(clip, dir, { binary })));
      }
      summary(`clip 3 s, ${label}`, secs);
    }

    // A packshot on white paper (cut out) and a busy photo (shown as a print), 1200 px wide.
    const drawnOnWhite = await renderStudioImage({
      ...base,
      styleKeywords: ["minimalist"],
      palette: ["#2F6BD8"],
      width: 1200,
      height: 900,
    });
    const packshot = path.join(dir, "packshot.jpg"),
      busy = path.join(dir, "busy.jpg");
    await sharp(drawnOnWhite).jpeg({ quality: 88 }).toFile(busy);
    await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#F6F6F3" } })
      .composite([
        {
          input: Buffer.from(
            `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect x="350" y="150" width="500" height="600" rx="60" fill="#2E7D5B"/><rect x="350" y="380" width="500" height="160" fill="#E0B84C"/></svg>`,
          ),
        },
      ])
      .jpeg({ quality: 88 })
      .toFile(packshot);
    for (const [label, photo] of [
      ["photo shot, cut out", packshot],
      ["photo shot, print", busy],
    ]) {
      const secs: number[] = [];
      for (const view of VIEWS)
        secs.push(
          await timed(() =>
            renderPhotoShot({ ...base, view, prompt: `${view} view`, productPhotoPath: photo }),
          ),
        );
      summary(label, secs);
    }
    const drawn: number[] = [];
    for (const view of VIEWS)
      drawn.push(await timed(() => renderStudioImage({ ...base, view, prompt: `${view} view` })));
    summary("drawn shot (for comparison)", drawn);

    const music: number[] = [];
    for (const genre of MUSIC_GENRES)
      music.push(
        await timed(() =>
          localMusic.generateMusic(
            { genre, durationSeconds: 30, seed: 3 },
            { workDir: dir, sessionId: "bench" },
          ),
        ),
      );
    summary("music bed 30 s", music);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The whole-ad benchmark in a process of its own: it starts a database, a server and a worker. */
function benchWholeAd(): Promise<void> {
  if (process.env.BENCH_AD === "0") return Promise.resolve();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench-local-ad.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    stdio: "inherit",
  });
  return new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`the whole-ad benchmark exited with ${code}`)),
    ),
  );
}

main()
  .then(benchWholeAd)
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
