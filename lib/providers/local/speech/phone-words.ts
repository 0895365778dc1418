// From flite's phones to the words of the text as the user wrote them. flite prints each
// phone with its end time (`-psdur`) but not which word it belongs to, and it rewrites the
// text first ("20%" → "twenty per cent", "$25" → "twenty five dollars"). So a second, cheap
// run speaks the user's own tokens with a marker word between them; the phones between two
// markers are that token's, and a minimum-edit alignment lays them over the timed phones
// of the real utterance (context can change a phone or two, e.g. "a" as "ax" or "ey").
import type { WordTiming } from "../../types";

export type TimedPhone = { phone: string; start: number; end: number };

/** A made-up word, spoken between the tokens; its phones never belong to the text. */
export const MARKER_WORD = "zyzzyva";

/** The tokens a caption shows: the text split on white space, as written. */
export function textTokens(text: string): string[] {
  return text.split(/\s+/u).filter((t) => t.length > 0);
}

/** The grouping run's text: marker, token, marker, token, …, marker. */
export function markedText(tokens: string[]): string {
  return [MARKER_WORD, ...tokens.flatMap((t) => [t, MARKER_WORD])].join(" ");
}

/**
 * `pau:0.220 hh:0.295 …` → phones with start and end (silences included). flite prints one
 * line per utterance (it splits a text at sentence ends), each timed from its own start;
 * the WAV holds them back to back, so each line is offset by the lines before it.
 */
export function parsePhoneTimes(printed: string): TimedPhone[] {
  const out: TimedPhone[] = [];
  let offset = 0;
  for (const line of printed.split("\n")) {
    let previous = 0;
    for (const m of line.matchAll(/([a-z]+):(\d+(?:\.\d+)?)/g)) {
      const end = Number(m[2]);
      out.push({ phone: m[1], start: offset + previous, end: offset + end });
      previous = end;
    }
    offset += previous;
  }
  return out;
}

/** `pau hh ax l ow …` → the phones, silences dropped. */
export function parsePhones(printed: string): string[] {
  return printed.split(/\s+/).filter((p) => /^[a-z]+$/.test(p) && p !== "pau");
}

const sameAt = (a: string[], at: number, b: string[]) => b.every((p, i) => a[at + i] === p);

/**
 * The phones of each token, from the grouping run (silences dropped). The first group of
 * phones is the marker's own; undefined when the markers do not split the run into exactly
 * one group per token (then the caller aligns the text to the audio instead).
 */
export function phonesPerToken(
  phones: string[],
  markerPhones: string[],
  tokenCount: number,
): string[][] | undefined {
  if (markerPhones.length === 0 || !sameAt(phones, 0, markerPhones)) return undefined;
  const groups: string[][] = [];
  let current: string[] = [];
  let i = markerPhones.length;
  while (i < phones.length) {
    if (sameAt(phones, i, markerPhones)) {
      groups.push(current);
      current = [];
      i += markerPhones.length;
    } else current.push(phones[i++]);
  }
  if (current.length > 0 || groups.length !== tokenCount) return undefined;
  return groups;
}

/** For each position of `a`, the index in `b` it lines up with (undefined when deleted). */
function alignSequences(a: string[], b: string[]): (number | undefined)[] {
  const n = a.length;
  const m = b.length;
  const cost: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      cost[i][j] = Math.min(
        cost[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        cost[i - 1][j] + 1,
        cost[i][j - 1] + 1,
      );
  const match: (number | undefined)[] = new Array(n).fill(undefined);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (cost[i][j] === cost[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      match[i - 1] = j - 1;
      i--;
      j--;
    } else if (cost[i][j] === cost[i - 1][j] + 1) i--;
    else j--;
  }
  return match;
}

/**
 * Word times for the tokens, from their phones and the timed phones of the utterance. A
 * token nothing was spoken for (an emoji, a dash) joins the word before it (or after it,
 * at the start), so every token is shown and no word lasts zero seconds.
 */
export function wordsFromPhones(
  tokens: string[],
  tokenPhones: string[][],
  timed: TimedPhone[],
): WordTiming[] {
  const spoken = timed.filter((p) => p.phone !== "pau");
  const owner = tokenPhones.flatMap((phones, t) => phones.map(() => t));
  const match = alignSequences(
    tokenPhones.flat(),
    spoken.map((p) => p.phone),
  );
  const spans: ({ start: number; end: number } | undefined)[] = tokens.map(() => undefined);
  match.forEach((j, k) => {
    if (j === undefined) return;
    const t = owner[k];
    const p = spoken[j];
    const span = spans[t];
    spans[t] = span
      ? { start: Math.min(span.start, p.start), end: Math.max(span.end, p.end) }
      : { start: p.start, end: p.end };
  });
  const words: WordTiming[] = [];
  let pending: string[] = [];
  tokens.forEach((token, t) => {
    const span = spans[t];
    if (!span) {
      if (words.length > 0) words[words.length - 1].word += ` ${token}`;
      else pending.push(token);
      return;
    }
    const start = Math.max(span.start, words.at(-1)?.end ?? 0);
    words.push({ word: [...pending, token].join(" "), start, end: Math.max(start, span.end) });
    pending = [];
  });
  if (pending.length > 0 && words.length === 0) return [];
  return words.map((w) => ({ word: w.word, start: round(w.start), end: round(w.end) }));
}

const round = (s: number) => Math.round(s * 1000) / 1000;
