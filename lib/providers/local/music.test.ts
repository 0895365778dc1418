// The local music beds: per genre a WAV of the asked length that is audible, never clips,
// loops without a click, differs from the other genres, and is the same for the same seed.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { probe } from "@/lib/media/probe";
import { MUSIC_GENRES, type MusicGenre, ProviderError } from "../types";
import { localMusic } from "./music";

const dir = mkdtempSync(path.join(tmpdir(), "local-music-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Pcm = { rate: number; left: Float32Array; right: Float32Array };

/** Reads the 16-bit stereo PCM WAV the provider writes (checking that it is that). */
function readWav(file: string): Pcm {
  const b = readFileSync(file);
  expect(b.toString("ascii", 0, 4)).toBe("RIFF");
  expect(b.toString("ascii", 8, 16)).toBe("WAVEfmt ");
  expect([b.readUInt16LE(20), b.readUInt16LE(22), b.readUInt16LE(34)]).toEqual([1, 2, 16]);
  const frames = b.readUInt32LE(40) / 4;
  const left = new Float32Array(frames),
    right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    left[i] = b.readInt16LE(44 + i * 4) / 32768;
    right[i] = b.readInt16LE(46 + i * 4) / 32768;
  }
  return { rate: b.readUInt32LE(24), left, right };
}

const db = (x: number) => 20 * Math.log10(Math.max(x, 1e-9));
function rms(a: Float32Array, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i] * a[i];
  return Math.sqrt(s / (to - from));
}

async function bed(genre: MusicGenre, durationSeconds: number, seed = 42) {
  const workDir = mkdtempSync(path.join(dir, `${genre}-`));
  const result = await localMusic.generateMusic(
    { genre, durationSeconds, seed },
    { workDir, sessionId: "s" },
  );
  return {
    ...result,
    pcm: readWav(result.output.filePath),
    bytes: readFileSync(result.output.filePath),
  };
}

const beds = new Map<MusicGenre, Awaited<ReturnType<typeof bed>>>();

describe.each(MUSIC_GENRES)("%s", (genre) => {
  test("a 4 s WAV bed: audible throughout, never clipping, seamless when looped", async () => {
    const b = await bed(genre, 4);
    beds.set(genre, b);
    expect(b.output.mimeType).toBe("audio/wav");
    expect(b.call).toMatchObject({
      amountUsd: 0,
      provider: "local",
      model: "local-synth-1",
      secondsProcessed: 4,
    });
    const info = await probe(b.output.filePath);
    expect(info.audio).toMatchObject({ sampleRate: 48000, channels: 2 });
    expect(Math.abs(info.durationSeconds - 4)).toBeLessThanOrEqual(0.01);

    const { left, right, rate } = b.pcm;
    expect(left.length).toBe(4 * rate);
    const peak = Math.max(
      ...[left, right].map((ch) => ch.reduce((m, v) => Math.max(m, Math.abs(v)), 0)),
    );
    expect(peak).toBeLessThan(0.95); // headroom: no sample near full scale
    expect(db(rms(left))).toBeGreaterThan(-24); // a bed you can hear, not a whisper
    // No dropouts: every quarter second has sound.
    for (let i = 0; i + rate / 4 <= left.length; i += rate / 4)
      expect(db(rms(left, i, i + rate / 4))).toBeGreaterThan(-40);
    // Looping: the jump from the last sample to the first is no bigger than the steps around
    // it (a click would stand out from its neighbours).
    const n = left.length,
      around = [...left.subarray(n - 480), ...left.subarray(0, 480)];
    const local = Math.max(
      ...around.slice(1).map((v, i) => (i === 479 ? 0 : Math.abs(v - around[i]))),
    );
    expect(Math.abs(left[0] - left[n - 1])).toBeLessThanOrEqual(local);
  });
});

test("the genres differ in tempo, key and sound", () => {
  expect([...beds.keys()].sort()).toEqual([...MUSIC_GENRES].sort());
  const meta = (g: MusicGenre) =>
    beds.get(g)!.call.metadata as { bpm: number; tonic: number; mode: string };
  expect(meta("cinematic").bpm).toBeLessThan(meta("chill").bpm);
  expect(meta("chill").bpm).toBeLessThan(meta("upbeat").bpm);
  expect(meta("upbeat").bpm).toBeLessThan(meta("energetic").bpm);
  expect(new Set(MUSIC_GENRES.map((g) => meta(g).mode))).toEqual(new Set(["major", "minor"]));
  expect(
    new Set(MUSIC_GENRES.map((g) => createHash("sha256").update(beds.get(g)!.bytes).digest("hex")))
      .size,
  ).toBe(4);
  // Heard, not just labelled: busy drums versus slow pads (onsets per second), and bright
  // hats and saws versus warm keys and strings (energy of the first difference).
  const onsets = (g: MusicGenre) => {
    const l = beds.get(g)!.pcm.left,
      hop = 480,
      e: number[] = [];
    for (let i = 0; i + hop <= l.length; i += hop) e.push(rms(l, i, i + hop) ** 2);
    let n = 0;
    for (let t = 5; t < e.length; t++)
      if (e[t] > 1.6 * ((e[t - 1] + e[t - 2] + e[t - 3] + e[t - 4] + e[t - 5]) / 5) && e[t] > 1e-4)
        n++;
    return n / 4;
  };
  const brightness = (g: MusicGenre) => {
    const l = beds.get(g)!.pcm.left;
    const diff = l.map((v, i) => (i ? v - l[i - 1] : 0));
    return rms(diff) / rms(l);
  };
  for (const busy of ["energetic", "upbeat"] as const) {
    for (const calm of ["chill", "cinematic"] as const) {
      expect(onsets(busy)).toBeGreaterThan(2 * onsets(calm));
      expect(brightness(busy)).toBeGreaterThan(1.2 * brightness(calm));
    }
  }
});

test("same genre, length and seed: the same bytes; another seed: another bed", async () => {
  const a = await bed("chill", 3.5, 7);
  const b = await bed("chill", 3.5, 7);
  const c = await bed("chill", 3.5, 8);
  expect(a.bytes.equals(b.bytes)).toBe(true);
  expect(a.bytes.equals(c.bytes)).toBe(false);
  expect(a.pcm.left.length).toBe(3.5 * 48000);
});

test("odd lengths are exact, and bad requests fail permanently with a reason", async () => {
  const odd = await bed("upbeat", 7.3);
  expect(odd.pcm.left.length).toBe(Math.round(7.3 * 48000));
  const ctx = { workDir: dir, sessionId: "s" };
  const genre = await localMusic
    .generateMusic({ genre: "polka" as MusicGenre, durationSeconds: 5, seed: 1 }, ctx)
    .catch((e) => e);
  expect(genre).toBeInstanceOf(ProviderError);
  expect(genre).toMatchObject({ kind: "permanent", message: expect.stringMatching(/genre/) });
  const long = await localMusic
    .generateMusic({ genre: "chill", durationSeconds: 0, seed: 1 }, ctx)
    .catch((e) => e);
  expect(long).toMatchObject({ kind: "permanent", message: expect.stringMatching(/long/) });
});
