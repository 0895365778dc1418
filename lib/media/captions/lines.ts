// Groups timed words into caption lines: one line on screen at a time, short enough to
// read at a glance and to fit the format's safe width, broken after punctuation when it can.
import type { WordTiming } from "../../providers/types";

export type CaptionLine = { text: string; start: number; end: number; words: WordTiming[] };

export type LineLimits = {
  /** Characters a line may hold (the format's safe width at the caption size). Default 28. */
  maxChars?: number;
  /** Seconds a line may stay. Default 3.5. */
  maxSeconds?: number;
  /** A pause at least this long (seconds) always starts a new line. Default 0.35. */
  breakAfterPause?: number;
};

const endsClause = (w: string) => /[.,;:!?…،。、，！？]["'’”)]*$/u.test(w);
/**
 * Arabic script is set this much larger (ass.ts): Noto Sans Arabic's letters look about a
 * size smaller than Latin ones at the same font size. It needs no extra room: its joined
 * letters are about 0.25 em wide at that size, well inside the 0.6 em a character is given.
 */
export const ARABIC_SCALE = 1.15;
/** Characters as a reader counts them (an emoji is one, not its two UTF-16 halves). */
const chars = (s: string) => [...s].length;
/** An emoji or a punctuation mark standing alone: no letter, no digit. */
export const symbolOnly = (w: string) => !/[\p{L}\p{N}]/u.test(w);

/** Lines of words, in order; every word in exactly one line. */
export function captionLines(words: WordTiming[], limits: LineLimits = {}): CaptionLine[] {
  const maxChars = limits.maxChars ?? 28;
  const maxSeconds = limits.maxSeconds ?? 3.5;
  const pause = limits.breakAfterPause ?? 0.35;
  const lines: CaptionLine[] = [];
  let current: WordTiming[] = [];
  const flush = () => {
    if (current.length === 0) return;
    lines.push({
      text: current.map((w) => w.word).join(" "),
      start: current[0].start,
      end: current.at(-1)!.end,
      words: current,
    });
    current = [];
  };
  for (const word of words) {
    const last = current.at(-1);
    if (last) {
      const length = chars(current.map((w) => w.word).join(" ")) + 1 + chars(word.word);
      const tooLong = length > maxChars || word.end - current[0].start > maxSeconds;
      // Past half a line, a clause end is a good place to break.
      const clauseBreak = endsClause(last.word) && length > maxChars / 2;
      const paused = word.start - last.end >= pause;
      // An emoji ending a line stays on it (a line a little too long is set a little
      // smaller, see ass.ts) rather than being shown alone as a line of its own.
      const stays = symbolOnly(word.word) && !paused && length <= maxChars + 3;
      if (!stays && (tooLong || clauseBreak || paused)) flush();
    }
    current.push(word);
  }
  flush();
  return lines;
}
