// Aligns a known script to its spoken audio, offline: when a speech model returns audio
// without word times. Frames of 10 ms are split into voiced and silent by energy; each
// word gets a share of the voiced time by its syllables; the longer silences are where a
// speaker pauses, so each is tied to the word boundary it falls nearest (preferring one
// after punctuation), and the words between two such pauses share the voiced time between.
// Measured against flite's own phone times (scripts/bench-speech.ts): see README.
import type { WordTiming } from "../providers/types";
import { durationWeight, endsPhrase } from "./speech-weight";
import type { PcmAudio } from "./wav";

const FRAME = 0.01;
/** Silences shorter than this are inside words (a "t" or "p" closure), not between them. */
const MIN_PAUSE = 0.12;
/** Seconds a pause must be nearer to a boundary without punctuation than to one with it. */
const PAUSE_WITHOUT_PUNCTUATION = 0.25;

type Span = { start: number; end: number };

/** Voiced stretches of the audio, in seconds, with gaps shorter than MIN_PAUSE closed. */
export function voicedSpans(audio: PcmAudio): Span[] {
  const size = Math.max(1, Math.round(audio.sampleRate * FRAME));
  const frames = Math.floor(audio.samples.length / size);
  const db = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let i = f * size; i < (f + 1) * size; i++) sum += audio.samples[i] * audio.samples[i];
    db[f] = 10 * Math.log10(sum / size + 1e-10);
  }
  const sorted = Array.from(db).sort((a, b) => a - b);
  const floor = sorted[Math.floor(frames * 0.1)] ?? -100;
  const peak = sorted[Math.floor(frames * 0.95)] ?? 0;
  // A frame is voiced when it is well above the quietest tenth: 35 dB under the loud
  // frames at most, and never below −55 dBFS (dither and hiss are not speech).
  const threshold = Math.max(floor + 0.25 * (peak - floor), peak - 35, -55);
  const spans: Span[] = [];
  for (let f = 0; f < frames; f++) {
    if (db[f] < threshold) continue;
    const t = f * FRAME;
    const last = spans.at(-1);
    if (last && t - last.end < MIN_PAUSE) last.end = t + FRAME;
    else spans.push({ start: t, end: t + FRAME });
  }
  // A lone click is not speech.
  return spans.filter((s) => s.end - s.start >= 0.03);
}

/** Maps a position on the voiced-only time axis back onto real time. */
function realTime(spans: Span[], voicedOffset: number): number {
  let left = voicedOffset;
  for (const s of spans) {
    const len = s.end - s.start;
    if (left <= len) return s.start + left;
    left -= len;
  }
  return spans.at(-1)?.end ?? 0;
}

/** Spreads words over voiced spans by weight; returns each word's start and end. */
function spread(weights: number[], spans: Span[]): Span[] {
  const voiced = spans.reduce((s, x) => s + x.end - x.start, 0);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let acc = 0;
  return weights.map((w) => {
    const start = realTime(spans, (acc / total) * voiced);
    acc += w;
    const endOffset = (acc / total) * voiced;
    // The end sits at the end of voicing, not at the start of the next span.
    let end = realTime(spans, endOffset);
    const within = spans.find((s) => end > s.start && end <= s.end + 1e-9);
    if (!within) end = spans.find((s) => s.end >= end - 1e-9)?.end ?? end;
    return { start, end };
  });
}

/** Cuts spans to a window (the voiced time between two pauses). */
const clip = (spans: Span[], from: number, to: number) =>
  spans
    .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start);

/**
 * Word start and end times for a script spoken in `audio`. Tokens that are not spoken
 * (emoji, dashes) join the word before them, as the synthesiser's timings do.
 */
export function alignWords(text: string, audio: PcmAudio): WordTiming[] {
  const tokens = text.split(/\s+/u).filter(Boolean);
  const words: { word: string; weight: number; pauseAfter: boolean }[] = [];
  for (const token of tokens) {
    const weight = durationWeight(token);
    const last = words.at(-1);
    if (weight === 0 && last) {
      last.word += ` ${token}`;
      last.pauseAfter ||= endsPhrase(token);
    } else if (weight === 0) words.push({ word: token, weight: 0, pauseAfter: false });
    else if (last && last.weight === 0 && words.length === 1)
      Object.assign(last, { word: `${last.word} ${token}`, weight, pauseAfter: endsPhrase(token) });
    else words.push({ word: token, weight, pauseAfter: endsPhrase(token) });
  }
  const spans = voicedSpans(audio);
  if (words.length === 0 || spans.length === 0) return [];
  // Each word's weight: its syllables, plus a little for the words' own onsets.
  const weights = words.map((w) => w.weight + 0.2);
  const first = spread(weights, spans);

  // Tie each pause (the gap between two voiced spans) to the nearest word boundary.
  const anchors = new Map<number, Span>(); // boundary after word i → the pause
  for (let g = 0; g + 1 < spans.length; g++) {
    const pause = { start: spans[g].end, end: spans[g + 1].start };
    const middle = (pause.start + pause.end) / 2;
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < words.length; i++) {
      if (anchors.has(i)) continue;
      const cost = words[i].pauseAfter
        ? Math.abs(first[i].end - middle) * 0.5
        : Math.abs(first[i].end - middle) + PAUSE_WITHOUT_PUNCTUATION;
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    if (best >= 0) anchors.set(best, pause);
  }
  // Anchors must be in time order with the words: drop any that cross.
  const ordered = [...anchors.entries()].sort((a, b) => a[0] - b[0]);
  const kept: [number, Span][] = [];
  for (const a of ordered) if (!kept.length || a[1].start > kept.at(-1)![1].end) kept.push(a);

  const result: Span[] = [];
  let from = 0;
  let fromTime = spans[0].start;
  for (const [i, pause] of [
    ...kept,
    [words.length - 1, { start: spans.at(-1)!.end, end: 0 }] as const,
  ]) {
    const group = weights.slice(from, i + 1);
    const window = clip(spans, fromTime, pause.start);
    result.push(
      ...(window.length
        ? spread(group, window)
        : group.map(() => ({ start: fromTime, end: fromTime }))),
    );
    from = i + 1;
    fromTime = pause.end;
  }
  return words.map((w, i) => ({
    word: w.word,
    start: Math.round(result[i].start * 1000) / 1000,
    end: Math.round(Math.max(result[i].start, result[i].end) * 1000) / 1000,
  }));
}
