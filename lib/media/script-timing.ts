// A script spoken as one voice-over, then cut back into its lines: the hook and each benefit
// line belong to one clip, so each clip's time on screen follows when its line is heard.

import type { WordTiming } from "../providers/types";

/** The text to speak for script lines: a line without closing punctuation gets a full stop, so the voice pauses between lines. */
export function scriptText(lines: string[]): string {
  return lines
    .map((l) => l.trim().replace(/\s+/g, " "))
    .filter(Boolean)
    .map((l) => (/[.!?…。！？]["'’”)]*$/u.test(l) ? l : `${l}.`))
    .join(" ");
}

/**
 * When each script line is heard: from its first word's start to its last word's end.
 * `words` are the synthesis of `scriptText(lines)`; a word may carry several tokens (an
 * emoji rides with the word before it), so lines are matched by token count. A line with
 * no spoken word gets a zero-length span where the previous one ended.
 */
export function scriptLineTimes(
  lines: string[],
  words: WordTiming[],
): { start: number; end: number }[] {
  const tokenCounts = lines
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split(/\s+/u).length);
  const owners: number[] = []; // for each token, its line
  tokenCounts.forEach((n, i) => {
    for (let k = 0; k < n; k++) owners.push(i);
  });
  const spans: ({ start: number; end: number } | undefined)[] = tokenCounts.map(() => undefined);
  let token = 0;
  for (const w of words) {
    const line = owners[token] ?? tokenCounts.length - 1;
    const span = spans[line];
    spans[line] = span
      ? { start: span.start, end: Math.max(span.end, w.end) }
      : { start: w.start, end: w.end };
    token += w.word.split(/\s+/u).filter(Boolean).length;
  }
  let previous = 0;
  return spans.map((s) => {
    const span = s ?? { start: previous, end: previous };
    previous = span.end;
    return span;
  });
}
