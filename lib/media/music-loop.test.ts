// Music shorter than the ad (reused from a shorter edit): the mix repeats it with a crossfade
// at the join, never a hard loop with its dip or click (issue 13's seam where the end card
// starts). A bed that fades in and out, like real music, makes the seam easy to hear: looped
// as before, its level falls to silence at the join; crossfaded, it stays up.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { shippedFfmpeg } from "./binaries";
import { runFfmpeg } from "./ffmpeg";
import { mixAdSound } from "./loudness";
import { musicBed } from "./music-loop";
import { probe } from "./probe";

const ffmpeg = shippedFfmpeg();
const RATE = 8000;
const AD_SECONDS = 5;
let dir: string;
let bed: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "music-loop-"));
  bed = path.join(dir, "bed.m4a");
  await runFfmpeg(
    [
      "-f",
      "lavfi",
      "-i",
      "aevalsrc=0.3*sin(2*PI*330*t)+0.2*sin(2*PI*440*t):s=48000:d=2",
      "-af",
      "afade=t=in:d=0.3,afade=t=out:st=1.7:d=0.3",
      "-ac",
      "2",
      "-c:a",
      "aac",
      bed,
    ],
    { binary: ffmpeg },
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function levels(file: string): Promise<number[]> {
  const raw = `${file}.f32`;
  await runFfmpeg(["-i", file, "-ac", "1", "-ar", String(RATE), "-f", "f32le", raw], {
    binary: ffmpeg,
  });
  const buf = await readFile(raw);
  const s = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  const win = RATE / 20; // 50 ms
  const out: number[] = [];
  for (let a = 0; a + win <= s.length; a += win) {
    let sum = 0;
    for (let i = a; i < a + win; i++) sum += s[i] * s[i];
    out.push(20 * Math.log10(Math.sqrt(sum / win) + 1e-9));
  }
  return out;
}

/** Lowest and highest 50 ms level (dB) away from the mix's own fade in (0.5 s) and out (1 s). */
function range(db: number[]): { low: number; high: number } {
  const inner = db.slice(0.6 * 20, (AD_SECONDS - 1.1) * 20);
  return { low: Math.min(...inner), high: Math.max(...inner) };
}

test("a 2 s bed under a 5 s ad: crossfaded joins keep the level up; a hard loop dips at the seam", async () => {
  const mixed = path.join(dir, "mixed.wav");
  await mixAdSound({
    musicPath: bed,
    durationSeconds: AD_SECONDS,
    output: mixed,
    binary: ffmpeg,
  });
  expect((await probe(mixed)).durationSeconds).toBeCloseTo(AD_SECONDS, 2);
  const crossfaded = range(await levels(mixed));
  expect(crossfaded.high - crossfaded.low).toBeLessThan(6);

  // The old way, for contrast: -stream_loop, the bed's fades meeting at each join.
  const looped = path.join(dir, "looped.wav");
  await runFfmpeg(
    ["-stream_loop", "-1", "-i", bed, "-af", `atrim=0:${AD_SECONDS},asetpts=N/SR/TB`, looped],
    { binary: ffmpeg },
  );
  const hard = range(await levels(looped));
  expect(hard.high - hard.low).toBeGreaterThan(15);
  console.log(
    `level range away from the fades: crossfaded ${(crossfaded.high - crossfaded.low).toFixed(1)} dB, hard loop ${(hard.high - hard.low).toFixed(1)} dB`,
  );
});

test("a bed as long as the ad plays once: no joins", () => {
  expect(musicBed("m.wav", 1, "anull", 9.05, 9.05).joins).toBe(0);
  expect(musicBed("m.wav", 1, "anull", 9.02, 9.05).joins).toBe(0);
  expect(musicBed("m.wav", 1, "anull", 9.05, 9.05).inputArgs).toEqual(["-i", "m.wav"]);
  expect(musicBed("m.wav", 1, "anull", 2, 5).joins).toBe(3);
});
