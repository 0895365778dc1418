// Captions as a viewer sees them: burned into a real clip by the shipped 2018 ffmpeg's
// `ass` filter (libass), frames decoded at the moments words are spoken show the caption
// inside the format's safe area (and the spoken word in the accent colour), frames between
// lines show none; SRT/WebVTT cues start when their first word is heard.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localSpeech } from "../../providers/local/speech";
import type { WordTiming } from "../../providers/types";
import { shippedFfmpeg } from "../binaries";
import { runFfmpeg } from "../ffmpeg";
import type { AspectRatio } from "../formats";
import { buildAss, type CaptionStyle, captionColors, captionLayout, linesFor } from "./ass";
import { assFilter, fullUnicodeFirst } from "./fonts-dir";
import { captionLines, symbolOnly } from "./lines";
import { readingLines, readingSchedule } from "./reading-schedule";
import { toSrt, toVtt } from "./subtitle-files";

let dir: string;
let spoken: WordTiming[];
let spokenSeconds: number;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "captions-"));
  const { output } = await localSpeech.synthesize(
    {
      text: "Cold for 24 hours, hot for 12. Leak-proof and built to last. Tap Shop Now!",
      voice: "flite-kal",
      language: "en",
      speed: 1,
    },
    { workDir: dir, sessionId: "s" },
  );
  spoken = output.words;
  spokenSeconds = output.durationSeconds;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type Frame = { width: number; height: number; rgb: Buffer };

/** Burns the captions into a plain blue clip with the shipped ffmpeg; returns frames at `times`. */
async function burnAndGrab(
  name: string,
  words: WordTiming[],
  style: CaptionStyle,
  ratio: AspectRatio,
  [width, height]: [number, number],
  seconds: number,
  times: number[],
  edit: (ass: string) => string = (ass) => ass,
): Promise<Frame[]> {
  const ass = edit(buildAss({ words, style, ratio, width, height }).ass);
  const assFile = path.join(dir, `${name}.ass`);
  await writeFile(assFile, ass);
  const video = path.join(dir, `${name}.mp4`);
  const ffmpeg = shippedFfmpeg();
  await runFfmpeg(
    [
      "-f",
      "lavfi",
      "-i",
      `color=c=0x336699:s=${width}x${height}:r=30:d=${seconds}`,
      "-vf",
      await assFilter(assFile),
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-crf",
      "12",
      "-pix_fmt",
      "yuv420p",
      video,
    ],
    { binary: ffmpeg },
  );
  const frames = times.map((t) => Math.round(t * 30));
  const raw = path.join(dir, `${name}.rgb`);
  await runFfmpeg(
    [
      "-i",
      video,
      "-vf",
      `select='${frames.map((n) => `eq(n\\,${n})`).join("+")}'`,
      "-vsync",
      "0",
      "-f",
      "rawvideo",
      "-pix_fmt",
      "rgb24",
      raw,
    ],
    { binary: ffmpeg },
  );
  const all = await readFile(raw);
  const size = width * height * 3;
  // select keeps frames in order; a time asked twice gives one frame.
  const unique = [...new Set(frames)];
  return frames.map((n) => {
    const i = unique.indexOf(n);
    return { width, height, rgb: all.subarray(i * size, (i + 1) * size) };
  });
}

type Box = { count: number; minX: number; maxX: number; minY: number; maxY: number; meanX: number };

/** Pixels of the given kind: caption white, or the accent yellow (#FFD400). */
function pixels(frame: Frame, kind: "text" | "accent"): Box {
  const box: Box = { count: 0, minX: 1e9, maxX: -1, minY: 1e9, maxY: -1, meanX: 0 };
  for (let y = 0; y < frame.height; y++)
    for (let x = 0; x < frame.width; x++) {
      const i = (y * frame.width + x) * 3;
      const [r, g, b] = [frame.rgb[i], frame.rgb[i + 1], frame.rgb[i + 2]];
      const hit = kind === "text" ? r > 200 && g > 200 && b > 200 : r > 200 && g > 160 && b < 90;
      if (!hit) continue;
      box.count++;
      box.minX = Math.min(box.minX, x);
      box.maxX = Math.max(box.maxX, x);
      box.minY = Math.min(box.minY, y);
      box.maxY = Math.max(box.maxY, y);
      box.meanX += x;
    }
  box.meanX /= Math.max(1, box.count);
  return box;
}

const middle = (w: WordTiming) => (w.start + w.end) / 2;

describe("burned-in captions (libass in the shipped 2018 ffmpeg)", () => {
  test("karaoke, 9:16: the line at each word, the word in the accent colour, in the safe area; nothing between lines", async () => {
    const [width, height] = [324, 576];
    const { lines } = buildAss({ words: spoken, style: "karaoke", ratio: "9:16", width, height });
    expect(lines.length).toBeGreaterThan(1);
    const gap = lines.slice(1).findIndex((l, i) => l.start - lines[i].end > 0.4);
    const firstLine = lines[0].words;
    const times = firstLine.map(middle);
    const between = gap >= 0 ? (lines[gap].end + 0.3 + lines[gap + 1].start) / 2 : undefined;
    const frames = await burnAndGrab(
      "karaoke",
      spoken,
      "karaoke",
      "9:16",
      [width, height],
      Math.ceil(spokenSeconds),
      between === undefined ? [...times, spokenSeconds + 0.5] : [...times, between],
    );
    const accentX: number[] = [];
    for (const frame of frames.slice(0, times.length)) {
      const text = pixels(frame, "text");
      const accent = pixels(frame, "accent");
      const all = {
        maxY: Math.max(text.maxY, accent.maxY),
        maxX: Math.max(text.maxX, accent.maxX),
      };
      expect(text.count + accent.count).toBeGreaterThan(40);
      expect(accent.count).toBeGreaterThan(10);
      expect(all.maxY).toBeLessThan(height * 0.8); // above the bottom 20 %
      expect(all.maxX).toBeLessThan(width * 0.85); // clear of the button column
      expect(Math.min(text.minX, accent.minX)).toBeGreaterThan(0); // nothing clipped
      accentX.push(accent.meanX);
    }
    // The highlighted word moves left to right through the line as it is spoken.
    for (let i = 1; i < accentX.length; i++) expect(accentX[i]).toBeGreaterThan(accentX[i - 1]);
    const empty = frames.at(-1)!;
    expect(pixels(empty, "text").count + pixels(empty, "accent").count).toBe(0);
  });

  test("pop, 1:1 and boxed, 16:9: in the lower third at word times, gone after the last word", async () => {
    for (const [style, ratio, size] of [
      ["pop", "1:1", [256, 256]],
      ["boxed", "16:9", [384, 216]],
    ] as const) {
      const words = spoken.slice(0, 6);
      const times = [...words.map(middle), words.at(-1)!.end + 1.5];
      const frames = await burnAndGrab(`${style}`, words, style, ratio, [...size], 5, times);
      for (const frame of frames.slice(0, -1)) {
        const text = pixels(frame, "text");
        expect(text.count).toBeGreaterThan(30);
        expect(text.minY).toBeGreaterThan(size[1] * (2 / 3) - 2);
        expect(text.maxY).toBeLessThan(size[1] - 2);
      }
      expect(pixels(frames.at(-1)!, "text").count).toBe(0);
    }
  });

  test("Arabic (right to left), Hebrew and emoji render from the bundled fonts", async () => {
    const words: WordTiming[] = [
      { word: "مرحبا", start: 0.2, end: 0.8 },
      { word: "بالعالم", start: 0.8, end: 1.4 },
      { word: "🙂", start: 1.6, end: 2.2 },
      { word: "שלום", start: 2.8, end: 3.4 },
    ];
    const frames = await burnAndGrab(
      "scripts",
      words,
      "karaoke",
      "9:16",
      [540, 960],
      4,
      [0.5, 1.1, 1.9, 3.1, 3.9],
    );
    const accents = frames.map((f) => pixels(f, "accent"));
    const [first, second, emoji, hebrew] = accents;
    for (const p of accents.slice(0, 4)) expect(p.count).toBeGreaterThan(20);
    expect(pixels(frames[4], "text").count + accents[4].count).toBe(0);
    // Right to left: the first word spoken is the rightmost, the next left of it, and the
    // emoji that ends the line is at its left end.
    expect(first.meanX).toBeGreaterThan(second.meanX);
    expect(emoji.meanX).toBeLessThan(second.meanX);
    // The emoji is a round face, not the tall empty box drawn for a missing glyph.
    const aspect = (emoji.maxX - emoji.minX + 1) / (emoji.maxY - emoji.minY + 1);
    expect(aspect).toBeGreaterThan(0.8);
    expect(aspect).toBeLessThan(1.25);
    expect(hebrew.count).toBeGreaterThan(20);
  });

  test("Arabic is set 15 % larger than the caption size (its glyphs look small) and still fits the safe area", async () => {
    const [width, height] = [540, 960];
    const words: WordTiming[] = "احصل على زجاجتك الفولاذية المعزولة اليوم"
      .split(" ")
      .map((word, i) => ({ word, start: 0.1 + i * 0.5, end: 0.5 + i * 0.5 }));
    const { lines } = buildAss({ words, style: "boxed", ratio: "9:16", width, height });
    const times = lines.map((l) => (l.start + l.end) / 2);
    const grab = (name: string, edit?: (ass: string) => string) =>
      burnAndGrab(name, words, "boxed", "9:16", [width, height], 3.5, times, edit);
    const scaled = await grab("arabic-scaled");
    // The same captions as before this change: no size for the Arabic runs.
    const plain = await grab("arabic-plain", (ass) => ass.replace(/\\fs\d+/g, ""));
    const layout = captionLayout("9:16", width, height, "boxed");
    scaled.forEach((frame, i) => {
      const big = pixels(frame, "text");
      const small = pixels(plain[i], "text");
      const ratio = (big.maxY - big.minY + 1) / (small.maxY - small.minY + 1);
      expect(ratio).toBeGreaterThan(1.08);
      expect(ratio).toBeLessThan(1.25);
      // Inside the format's side margins: nothing clipped, clear of the button column.
      expect(big.minX).toBeGreaterThanOrEqual(layout.marginL - 2);
      expect(big.maxX).toBeLessThanOrEqual(width - layout.marginR + 2);
    });
  });

  test("Chinese and Japanese render from the bundled CJK font: different words, different glyphs (no empty boxes)", async () => {
    const words: WordTiming[] = [
      { word: "你好世界", start: 0.1, end: 1.0 },
      { word: "日本語だ", start: 1.6, end: 2.4 },
    ];
    const [zh, ja] = await burnAndGrab("cjk", words, "boxed", "9:16", [324, 576], 3, [0.6, 2.0]);
    const ink = (f: Frame) => {
      const mask = new Uint8Array(f.width * f.height);
      for (let i = 0; i < mask.length; i++)
        mask[i] = f.rgb[i * 3] > 200 && f.rgb[i * 3 + 1] > 200 && f.rgb[i * 3 + 2] > 200 ? 1 : 0;
      return mask;
    };
    const [a, b] = [ink(zh), ink(ja)];
    const count = (m: Uint8Array) => m.reduce((n, v) => n + v, 0);
    expect(count(a)).toBeGreaterThan(150);
    expect(count(b)).toBeGreaterThan(150);
    // A missing glyph is the same box for every character: two four-character words would
    // then cover the same pixels. Real glyphs differ.
    let differ = 0;
    for (let i = 0; i < a.length; i++) differ += a[i] ^ b[i];
    expect(differ / Math.max(count(a), count(b))).toBeGreaterThan(0.5);
    expect(pixels(zh, "text").maxY).toBeLessThan(576 * 0.8); // above the bottom 20 %
  });

  test("Korean renders from the bundled Korean font: Hangul, not the boxes of missing glyphs", async () => {
    // No bundled font has Ethiopic: libass draws its missing-glyph boxes for it, as it did
    // for every Hangul syllable before the Korean font was bundled.
    const words: WordTiming[] = [
      { word: "하루종일", start: 0.1, end: 1.0 },
      { word: "ሀለሐመ", start: 1.6, end: 2.4 },
    ];
    const [width, height] = [540, 960];
    const [ko, missing] = await burnAndGrab(
      "ko",
      words,
      "boxed",
      "9:16",
      [width, height],
      3,
      [0.6, 2.0],
    );
    const ink = (f: Frame) => {
      const mask = new Uint8Array(f.width * f.height);
      for (let i = 0; i < mask.length; i++)
        mask[i] = f.rgb[i * 3] > 200 && f.rgb[i * 3 + 1] > 200 && f.rgb[i * 3 + 2] > 200 ? 1 : 0;
      return mask;
    };
    const [a, b] = [ink(ko), ink(missing)];
    const count = (m: Uint8Array) => m.reduce((n, v) => n + v, 0);
    expect(count(a)).toBeGreaterThan(300);
    let differ = 0;
    for (let i = 0; i < a.length; i++) differ += a[i] ^ b[i];
    expect(differ / Math.max(count(a), count(b))).toBeGreaterThan(0.8);
    // Hangul syllables are square: four of them are well over two font sizes wide; four
    // missing-glyph boxes (tall and narrow) about one and a half.
    const { fontSize } = captionLayout("9:16", width, height, "boxed");
    const [word, boxes] = [pixels(ko, "text"), pixels(missing, "text")];
    expect(word.maxX - word.minX).toBeGreaterThan(fontSize * 2.1);
    expect(boxes.maxX - boxes.minX).toBeLessThan(fontSize * 1.8);
    expect(word.maxY).toBeLessThan(height * 0.8);
  });

  test("the emoji font is patched so libass 0.14 finds glyphs above U+FFFF", async () => {
    const { FALLBACK_FONTS } = await import("../fonts");
    const original = await readFile(FALLBACK_FONTS[2].file);
    const patched = fullUnicodeFirst(original);
    expect(patched.length).toBe(original.length);
    expect(patched.equals(original)).toBe(false);
  });
});

describe("captions files and the reading-speed schedule", () => {
  test("SRT and WebVTT: one cue per line, starting when its first word is heard, words in order", () => {
    const lines = captionLines(spoken, { maxChars: 24 });
    const srt = toSrt(lines);
    const vtt = toVtt(lines);
    expect(vtt.startsWith("WEBVTT\n")).toBe(true);
    const parse = (text: string, sep: string) =>
      [...text.matchAll(/(\d\d):(\d\d):(\d\d)[,.](\d{3}) --> [\d:,.]+\n(.+)/g)].map((m) => ({
        start: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000,
        text: m[5],
        sep,
      }));
    for (const cues of [parse(srt, ","), parse(vtt, ".")]) {
      expect(cues).toHaveLength(lines.length);
      expect(cues.map((c) => c.text).join(" ")).toBe(spoken.map((w) => w.word).join(" "));
      for (const [i, c] of cues.entries())
        expect(Math.abs(c.start - lines[i].words[0].start)).toBeLessThan(0.002);
    }
    for (const line of lines) expect(line.text.length).toBeLessThanOrEqual(24);
  });

  test("without a voice: each script line is a cue, long enough to read, in order", () => {
    const script = ["Cold all day. 🙂", "Hot all morning, every morning.", "Shop now"];
    const lines = readingLines(script, 40);
    expect(lines.map((l) => l.text)).toEqual(script);
    // A narrow format splits the long line in two, shown one after the other.
    const narrow = readingLines(script, 18);
    expect(narrow.map((l) => l.text)).toEqual([
      "Cold all day. 🙂",
      "Hot all morning,",
      "every morning.",
      "Shop now",
    ]);
    for (const [i, line] of lines.entries()) {
      expect(line.end - line.start).toBeGreaterThanOrEqual(
        Math.max(1.2, script[i].length / 15) - 0.01,
      );
      if (i > 0) expect(line.start).toBeGreaterThan(lines[i - 1].end);
    }
  });

  test("an emoji ending a line stays on it, never shown alone (counted as one character)", () => {
    // A 9:16 line at 540 px holds 20 characters: this script line is 21 with its emoji.
    const script = ["ماء بارد طوال اليوم 💧", "غطاء لا يتسرب أبداً 🔒"];
    const words = readingSchedule(script);
    for (const style of ["karaoke", "boxed", "pop"] as const) {
      const lines = linesFor({ words, style, ratio: "9:16", width: 540, height: 960 });
      for (const line of lines)
        expect(symbolOnly(line.text), `${style}: "${line.text}"`).toBe(false);
      expect(lines.map((l) => l.text).join(" ")).toBe(script.join(" "));
    }
    expect(
      linesFor({ words, style: "karaoke", ratio: "9:16", width: 540, height: 960 }).map(
        (l) => l.text,
      ),
    ).toEqual(script);
    // "…all day." ends a clause past half a line: the line breaks there, after its emoji.
    const clause = captionLines(
      [
        { word: "Keeps", start: 0, end: 0.3 },
        { word: "cold", start: 0.3, end: 0.6 },
        { word: "all", start: 0.6, end: 0.8 },
        { word: "day.", start: 0.8, end: 1.1 },
        { word: "🙂", start: 1.1, end: 1.3 },
        { word: "Really.", start: 1.3, end: 1.7 },
      ],
      { maxChars: 20 },
    );
    expect(clause.map((l) => l.text)).toEqual(["Keeps cold all day. 🙂", "Really."]);
  });

  test("captions stay readable in any text colour: a dark one is set in white, a highlight never matches the text", () => {
    // Navy, teal and violet brand colours on a black outline or box: white instead.
    for (const dark of ["#1E3A8A", "#0F766E", "#6D28D9", "#000000"])
      expect(captionColors(dark)).toEqual({ text: "#FFFFFF", accent: "#FFD400" });
    // Light enough colours are the ad's own.
    for (const light of ["#FFFFFF", "#F9A8D4", "#EF4444", "#22D3EE"])
      expect(captionColors(light).text).toBe(light);
    // A yellow text: the spoken word is lit in white, not in a yellow like the rest.
    expect(captionColors("#FACC15")).toEqual({ text: "#FACC15", accent: "#FFFFFF" });
    // An accent asked for is kept.
    expect(captionColors("#FACC15", "#EF4444").accent).toBe("#EF4444");
    const { ass } = buildAss({
      words: [{ word: "Hi", start: 0, end: 1 }],
      style: "karaoke",
      ratio: "9:16",
      width: 540,
      height: 960,
      textColor: "#1E3A8A",
    });
    expect(ass).toMatch(/^Style: Caption,Inter,\d+,&H00FFFFFF,/m);
  });
});
