// Captions without a voice: the script's lines shown one after another at a comfortable
// reading speed, each word timed inside its line (so every preset works the same way).
import type { WordTiming } from "../../providers/types";
import { syllableWeight } from "../speech-weight";
import { type CaptionLine, captionLines } from "./lines";

export type ReadingOptions = {
  /** Seconds from the start of the video to the first line. Default 0.3. */
  startAt?: number;
  /** Reading speed in characters per second (subtitle guidelines use 15–17). Default 15. */
  charsPerSecond?: number;
  /** A line stays at least this long. Default 1.2 s. */
  minLineSeconds?: number;
  /** Blank time between lines (captionLines starts a new line at a pause ≥ 0.35 s). Default 0.4 s. */
  gapSeconds?: number;
};

/** Word timings for script lines with no voice: one line after the other, words in order. */
export function readingSchedule(lines: string[], opts: ReadingOptions = {}): WordTiming[] {
  const cps = opts.charsPerSecond ?? 15;
  const minLine = opts.minLineSeconds ?? 1.2;
  const gap = opts.gapSeconds ?? 0.4;
  let t = opts.startAt ?? 0.3;
  const out: WordTiming[] = [];
  for (const line of lines) {
    const tokens = line.split(/\s+/u).filter(Boolean);
    if (tokens.length === 0) continue;
    const seconds = Math.max(minLine, [...line.trim()].length / cps);
    const weights = tokens.map((w) => Math.max(0.5, syllableWeight(w)) + 0.3);
    const total = weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    for (const [i, word] of tokens.entries()) {
      const start = t + (acc / total) * seconds;
      acc += weights[i];
      out.push({ word, start: round(start), end: round(t + (acc / total) * seconds) });
    }
    t += seconds + gap;
  }
  return out;
}

const round = (s: number) => Math.round(s * 1000) / 1000;

/**
 * Caption lines for a script with no voice: each script line starts a new caption, and one
 * too wide for the format is split into several, read one after the other.
 */
export function readingLines(
  script: string[],
  maxChars: number,
  opts: ReadingOptions = {},
): CaptionLine[] {
  const words = readingSchedule(script, opts);
  const out: CaptionLine[] = [];
  let at = 0;
  for (const line of script) {
    const count = line.split(/\s+/u).filter(Boolean).length;
    const own = words.slice(at, at + count);
    if (own.length > 0 && [...line.trim()].length <= maxChars)
      out.push({
        text: own.map((w) => w.word).join(" "),
        start: own[0].start,
        end: own.at(-1)!.end,
        words: own,
      });
    // Within one script line there are no pauses; only width splits it.
    else out.push(...captionLines(own, { maxChars, breakAfterPause: 99 }));
    at += count;
  }
  return out;
}
