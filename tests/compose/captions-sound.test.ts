// The ad's words and sound as a viewer hears and sees them (ad-creative.md "Captions",
// "Sound"): a real offline voice (flite) over three clips in all three formats. Frames at
// the spoken words show the caption in the format's safe area and frames between lines do
// not (pixels against the same ad without captions); every format measures −14 LUFS ± 1
// with true peak ≤ −1 dBTP (ffmpeg's ebur128); the music is ≥ 8 dB lower under the voice;
// the SRT/WebVTT cues start when the voice is heard; each clip holds for its sentence.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ComposeResult, composeVideo } from "@/lib/media/compose-video";
import type { CompositionSpecInput } from "@/lib/media/composition-spec";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { type AspectRatio, outputSize } from "@/lib/media/formats";
import { scriptText } from "@/lib/media/script-timing";
import { localSpeech } from "@/lib/providers/local/speech";
import type { WordTiming } from "@/lib/providers/types";
import { makeCameraMoveClip, makeProductImage } from "../fixtures/media/make-media";
import { decodeAudio, ebur128, grabFrame, rms } from "./media-checks";

const SCALE = 0.25; // 270×480 in 9:16: captions big enough to count their pixels
const RATIOS: AspectRatio[] = ["9:16", "1:1", "16:9"];
const SENTENCES = [
  "Cold water all day long.",
  "A lid that never leaks.",
  "Built from steel that lasts for years.",
];

let dir: string;
const clips: string[] = [];
let music: string;
let voice: { path: string; words: WordTiming[] };
let captioned: ComposeResult[];
let plain: ComposeResult[];
let musicOnly: ComposeResult;

const spec = (extra: Partial<CompositionSpecInput>): CompositionSpecInput => ({
  clips: clips.map((p) => ({ path: p })),
  title: { text: "Steel Bottle" },
  endCard: { text: "Shop now" },
  music: { path: music },
  outputs: { ratios: RATIOS, scale: SCALE },
  ...extra,
});
const compose = (name: string, s: CompositionSpecInput) =>
  composeVideo(s, { outDir: path.join(dir, name), workDir: path.join(dir, "work") });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "captions-sound-"));
  const size = outputSize("9:16", SCALE);
  await Promise.all(
    [0, 1, 2].map(async (i) => {
      const img = path.join(dir, `image-${i}.png`);
      await makeProductImage(
        img,
        Math.round(size.width * 1.25),
        Math.round(size.height * 1.25),
        i * 100,
      );
      clips[i] = path.join(dir, `clip-${i}.mp4`);
      // 1.5 s clips: shorter than their sentences, so they must hold.
      await makeCameraMoveClip(img, clips[i], { ...size, seconds: 1.5, move: "pan_right" });
    }),
  );
  // A chord plus a 6 kHz tone: the offline voice has nothing that high, so that band is the music alone.
  // As long as the voiced ad (about 10 s), as the compose job asks for it: no join to measure across.
  music = path.join(dir, "music.m4a");
  await runFfmpeg([
    "-f",
    "lavfi",
    "-i",
    "aevalsrc=0.25*sin(2*PI*220*t)+0.15*sin(2*PI*277.18*t)+0.1*sin(2*PI*6000*t):s=48000:d=14",
    "-ac",
    "2",
    "-c:a",
    "aac",
    "-b:a",
    "128k",
    music,
  ]);
  const { output } = await localSpeech.synthesize(
    { text: scriptText(SENTENCES), voice: "flite-kal", language: "en", speed: 1 },
    { workDir: dir, sessionId: "s" },
  );
  voice = { path: output.filePath, words: output.words };
  const voiced = { script: SENTENCES, voiceOver: voice };
  [captioned, plain, [musicOnly]] = await Promise.all([
    compose("captioned", spec({ ...voiced, captions: { style: "karaoke" } })),
    compose("plain", spec(voiced)),
    compose("music", spec({ outputs: { ratios: ["9:16"], scale: SCALE } })),
  ]);
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

type Cue = { start: number; end: number; text: string };
function parseCues(text: string): Cue[] {
  const t = (h: string, m: string, s: string, ms: string) =>
    Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
  return [
    ...text.matchAll(/(\d\d):(\d\d):(\d\d)[,.](\d{3}) --> (\d\d):(\d\d):(\d\d)[,.](\d{3})\n(.+)/g),
  ].map((m) => ({ start: t(m[1], m[2], m[3], m[4]), end: t(m[5], m[6], m[7], m[8]), text: m[9] }));
}

/** Pixels whose colour changed a lot (a caption's letters, not re-encoding noise), in a box. */
function strongDiff(
  a: Buffer,
  b: Buffer,
  width: number,
  box: { x0: number; x1: number; y0: number; y1: number },
): number {
  let n = 0;
  for (let y = Math.floor(box.y0); y < Math.ceil(box.y1); y++)
    for (let x = Math.floor(box.x0); x < Math.ceil(box.x1); x++) {
      const i = (y * width + x) * 3;
      const d =
        Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
      if (d > 90) n++;
    }
  return n;
}

describe("an ad with a voice-over and karaoke captions, three formats", () => {
  test("each clip holds for its sentence: the ad is longer than its clips alone, the same in every format", () => {
    // 3 × 1.5 s − 2 × 0.5 s crossfades + 2 s card = 5.5 s without the voice.
    for (const r of captioned) expect(r.durationSeconds).toBeGreaterThan(5.5 + 1);
    expect(new Set(captioned.map((r) => r.frames)).size).toBe(1);
    expect(plain.map((r) => r.frames)).toEqual(captioned.map((r) => r.frames));
    expect(musicOnly.frames).toBe(5.5 * 30);
  }, 180_000);

  test("frames at the spoken words show the caption inside the safe area; frames between lines show none", async () => {
    for (const [k, r] of captioned.entries()) {
      const { width: W, height: H } = r;
      const cues = parseCues(await readFile(r.captions!.vttPath, "utf8"));
      expect(cues.length).toBeGreaterThanOrEqual(3);
      const frameAt = (t: number) => Math.round(t * 30);
      // Where captions may be: 9:16 above the bottom 20 % and left of the button column; else the lower third.
      const zone =
        r.ratio === "9:16"
          ? { x0: 0, x1: W * 0.84, y0: H * 0.45, y1: H * 0.8 }
          : { x0: 0, x1: W, y0: (H * 2) / 3, y1: H };
      const outside =
        r.ratio === "9:16"
          ? [
              { x0: 0, x1: W, y0: H * 0.8, y1: H },
              { x0: W * 0.86, x1: W, y0: 0, y1: H },
            ]
          : [{ x0: 0, x1: W, y0: H * 0.35, y1: (H * 2) / 3 - 2 }];
      for (const cue of cues) {
        const n = frameAt((cue.start + Math.min(cue.end, cue.start + 0.6)) / 2);
        const [a, b] = await Promise.all([
          grabFrame(r.videoPath, n, r),
          grabFrame(plain[k].videoPath, n, r),
        ]);
        expect(strongDiff(a, b, W, zone), `${r.ratio} "${cue.text}" at frame ${n}`).toBeGreaterThan(
          60,
        );
        for (const box of outside) expect(strongDiff(a, b, W, box)).toBeLessThan(5);
      }
      // Between two sentences (a pause of the voice), just before the next one: nothing drawn.
      const gaps = cues.slice(1).filter((c, i) => c.start - cues[i].end >= 0.25);
      expect(gaps.length).toBe(SENTENCES.length - 1);
      for (const g of gaps) {
        const n = frameAt(g.start - 0.1);
        const [a, b] = await Promise.all([
          grabFrame(r.videoPath, n, r),
          grabFrame(plain[k].videoPath, n, r),
        ]);
        expect(strongDiff(a, b, W, zone), `${r.ratio} between lines at frame ${n}`).toBeLessThan(5);
      }
    }
  }, 180_000);

  test("SRT and WebVTT cues start when the voice is heard (within 100 ms), in order, the script's words", async () => {
    for (const r of captioned) {
      const srt = parseCues(await readFile(r.captions!.srtPath, "utf8"));
      const vtt = parseCues(await readFile(r.captions!.vttPath, "utf8"));
      expect(srt).toEqual(vtt);
      expect(srt.map((c) => c.text).join(" ")).toBe(SENTENCES.join(" "));
    }
    // Where each sentence is heard: the level rising out of the pause before it, in the
    // voice-over file and in the ad. A cue must be as far from that onset in the ad as its
    // first word is in the file (the synthesiser's own word time against its sound).
    const cues = parseCues(await readFile(captioned[0].captions!.srtPath, "utf8"));
    const sentenceStarts = cues.filter((c, i) => i === 0 || c.start - cues[i - 1].end >= 0.25);
    expect(sentenceStarts.length).toBe(SENTENCES.length);
    let first = 0;
    const firstWords = SENTENCES.map((line) => {
      const w = voice.words[first];
      first += line.split(/\s+/).length;
      return w;
    });
    const band = "lowpass=f=3500,highpass=f=400";
    const [inAd, inFile] = await Promise.all([
      bandLevel(captioned[0].videoPath, band),
      bandLevel(voice.path, band),
    ]);
    for (const [k, c] of sentenceStarts.entries()) {
      const heardInAd = onset(inAd, c.start);
      const heardInFile = onset(inFile, firstWords[k].start);
      const offset = c.start - heardInAd - (firstWords[k].start - heardInFile);
      expect(Math.abs(offset), `"${c.text}": ${offset.toFixed(3)} s off`).toBeLessThan(0.1);
    }
  }, 180_000);

  test("every format: −14 LUFS ± 1 integrated, true peak ≤ −1 dBTP (ebur128); music alone too", async () => {
    for (const r of [...captioned, musicOnly]) {
      const m = await ebur128(r.videoPath);
      expect(Math.abs(m.integrated - -14), `${r.ratio}: ${m.integrated} LUFS`).toBeLessThanOrEqual(
        1,
      );
      expect(m.truePeak, `${r.ratio}: ${m.truePeak} dBTP`).toBeLessThanOrEqual(-1);
    }
  }, 180_000);

  test("the music is ≥ 8 dB lower while the voice speaks than without a voice, and fades in and out", async () => {
    // The 6 kHz band is the music alone (the offline voice has nothing there).
    const voiced = await bandLevel(captioned[0].videoPath, "bandpass=f=6000:width_type=h:w=600");
    const alone = await bandLevel(musicOnly.videoPath, "bandpass=f=6000:width_type=h:w=600");
    const cues = parseCues(await readFile(captioned[0].captions!.srtPath, "utf8"));
    const cue = cues.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    const speaking = (f: Float32Array, d: number) =>
      windowDb(f, cue.start + 0.2, cue.end - 0.2) - d;
    // Against the same ad's own unducked music: on the end card, before the fade out.
    const card = (f: Float32Array, total: number) => windowDb(f, total - 1.9, total - 1.1);
    const duckVoiced = card(voiced, captioned[0].durationSeconds) - speaking(voiced, 0);
    const duckAlone = card(alone, musicOnly.durationSeconds) - windowDb(alone, 1.5, 2.5);
    expect(duckVoiced - duckAlone).toBeGreaterThanOrEqual(8);
    // Faded in and out: the first and last 50 ms are well under the card's level.
    expect(windowDb(alone, 0, 0.05)).toBeLessThan(card(alone, musicOnly.durationSeconds) - 12);
    const end = musicOnly.durationSeconds;
    expect(windowDb(alone, end - 0.06, end - 0.01)).toBeLessThan(card(alone, end) - 12);
  }, 180_000);
});

describe("captions without a voice, in Arabic, Chinese and with emoji", () => {
  test("each script line is shown on its clip in the bundled fonts (boxed), every format", async () => {
    const script = ["مرحبا بالعالم 🔥", "你好世界，喝水吧", "日本語のボトル 💧"];
    const extra = { script, music: undefined, outputs: { ratios: RATIOS, scale: SCALE } };
    const [withCaptions, without] = await Promise.all([
      compose("read", spec({ ...extra, captions: { style: "boxed" } })),
      compose("read-plain", spec(extra)),
    ]);
    for (const [k, r] of withCaptions.entries()) {
      const cues = parseCues(await readFile(r.captions!.srtPath, "utf8"));
      expect(cues.map((c) => c.text)).toEqual(script);
      for (const cue of cues) {
        const n = Math.round(((cue.start + cue.end) / 2) * 30);
        const [a, b] = await Promise.all([
          grabFrame(r.videoPath, n, r),
          grabFrame(without[k].videoPath, n, r),
        ]);
        const zone =
          r.ratio === "9:16"
            ? { x0: 0, x1: r.width * 0.84, y0: r.height * 0.45, y1: r.height * 0.8 }
            : { x0: 0, x1: r.width, y0: (r.height * 2) / 3, y1: r.height };
        expect(strongDiff(a, b, r.width, zone), `${r.ratio} "${cue.text}"`).toBeGreaterThan(60);
      }
      const m = await ebur128(r.videoPath);
      expect(m.integrated).toBeLessThan(-60); // silence: nothing to hear, still an AAC track
    }
  }, 180_000);
});

/** Mono samples of the audio through a filter, at 16 kHz. */
async function bandLevel(file: string, filter: string): Promise<Float32Array> {
  const out = path.join(dir, `band-${Math.random().toString(36).slice(2)}.wav`);
  await runFfmpeg(["-i", file, "-map", "0:a:0", "-af", filter, out]);
  const pcm = await decodeAudio(out, 16000);
  await rm(out, { force: true });
  return pcm;
}

/** Where the level first rises out of the pause before `near` (−0.1 to +0.4 s), seconds. */
function onset(pcm: Float32Array, near: number): number {
  const quiet = windowDb(pcm, near - 0.2, near - 0.1);
  const loud = Math.max(...[0, 0.1, 0.2, 0.3].map((d) => windowDb(pcm, near + d, near + d + 0.1)));
  const threshold = (quiet + loud) / 2;
  let t = near - 0.1;
  while (t < near + 0.4 && windowDb(pcm, t, t + 0.02) < threshold) t += 0.005;
  return t;
}

const windowDb = (pcm: Float32Array, from: number, to: number) =>
  20 * Math.log10(Math.max(1e-9, rms(pcm, 16000, from, to)));
