// A clip's time on screen follows its sentence (ad-creative.md "Script"): the voice-over is cut
// between sentences and each sentence is placed where its clip appears; a clip too short for
// its sentence holds its last frame (never plays faster). Pure arithmetic on frames and
// seconds: the timeline takes the holds, the sound takes the placed voice, the captions the
// placed words.
import type { WordTiming } from "../providers/types";
import { scriptLineTimes } from "./script-timing";

/** Seconds from a clip's first (crossfading) frame to its sentence's first word, beyond half the crossfade. */
const LEAD_SECONDS = 0.2;
/** Air after a sentence before the next clip starts to come in. */
const GAP_SECONDS = 0.15;
/** After the last sentence, before the clips end (and the end card comes). */
const TAIL_SECONDS = 0.5;

/** A stretch of the voice file, [from, to) seconds, played from `at` seconds of the ad. */
export type VoicePiece = { from: number; to: number; at: number };

export type VoicePlan = {
  /** Frames each clip holds its last frame for, index-aligned with the clips. */
  holds: number[];
  /** The voice as placed on the ad's timeline, in order, never overlapping. */
  pieces: VoicePiece[];
  /** The words at their times in the ad. */
  words: WordTiming[];
};

/**
 * Where the voice goes and how long each clip stays. `clipFrames` are the clips' real
 * lengths, `crossfadeFrames` the overlap the timeline will use; `sentences` (one per clip,
 * hook first) may be missing (then the whole voice belongs to the whole edit). Extra
 * sentences belong to the last clip; extra clips share the last sentence.
 */
export function planVoice(input: {
  clipFrames: number[];
  crossfadeFrames: number;
  fps: number;
  words: WordTiming[];
  sentences?: string[];
  /** Length of the voice file; default: its last word's end plus a little. */
  voiceSeconds?: number;
}): VoicePlan {
  const { clipFrames, fps, words } = input;
  const n = clipFrames.length;
  const X = input.crossfadeFrames;
  const voiceEnd = input.voiceSeconds ?? (words.at(-1)?.end ?? 0) + 0.3;
  // Groups: which clips each run of sentences belongs to.
  const lines = input.sentences?.filter((s) => s.trim()) ?? [];
  const groups: { clips: [number, number]; span: { start: number; end: number } }[] = [];
  if (lines.length > 0 && words.length > 0) {
    const spans = scriptLineTimes(lines, words);
    const g = Math.min(lines.length, n);
    for (let i = 0; i < g; i++) {
      const last = i === g - 1;
      const own = last ? spans.slice(i) : [spans[i]];
      groups.push({
        clips: [i, last ? n - 1 : i],
        span: { start: own[0].start, end: Math.max(...own.map((s) => s.end)) },
      });
    }
  } else if (words.length > 0) {
    groups.push({ clips: [0, n - 1], span: { start: words[0].start, end: words.at(-1)!.end } });
  }
  const holds = clipFrames.map(() => 0);
  if (groups.length === 0) return { holds, pieces: [], words: [] };

  const lead = X / fps / 2 + LEAD_SECONDS;
  // Clip starts with the holds decided so far (a hold moves every later clip).
  const startOf = (clip: number) => {
    let t = 0;
    for (let i = 0; i < clip; i++) t += clipFrames[i] + holds[i] - X;
    return t;
  };
  const shifts: number[] = [];
  groups.forEach((g, k) => {
    const at = startOf(g.clips[0]) / fps + (k === 0 ? Math.min(lead, 0.3) : lead);
    const shift = at - g.span.start;
    shifts.push(shift);
    // The clip after this group must not come in before the sentence is over, nor before
    // the voice's own pause to the next sentence has passed.
    const lastClip = g.clips[1];
    const next = groups[k + 1];
    const spokenUntil = g.span.end + shift + (next ? GAP_SECONDS : TAIL_SECONDS);
    const nextAt = next ? at + (next.span.start - g.span.start) - lead : spokenUntil;
    const needEnd = Math.max(spokenUntil, nextAt); // seconds where the next clip may start (or the clips end)
    const natural = next
      ? startOf(lastClip + 1)
      : startOf(lastClip) + clipFrames[lastClip] + holds[lastClip];
    const short = Math.ceil(needEnd * fps - 1e-6) - natural;
    if (short > 0) holds[lastClip] += short;
  });

  // Cut the voice midway between sentences; each part keeps its group's shift.
  const cuts = groups.map((g, k) => (k === 0 ? 0 : (groups[k - 1].span.end + g.span.start) / 2));
  cuts.push(Math.max(voiceEnd, groups.at(-1)!.span.end));
  const pieces: VoicePiece[] = [];
  groups.forEach((_, k) => {
    let from = cuts[k];
    let at = from + shifts[k];
    if (at < 0) {
      from -= at; // leading silence longer than the lead: skipped
      at = 0;
    }
    if (cuts[k + 1] > from) pieces.push({ from, to: cuts[k + 1], at });
  });
  const placed = words.map((w) => {
    let k = 0;
    while (k + 1 < groups.length && w.start >= cuts[k + 1]) k++;
    return { word: w.word, start: round(w.start + shifts[k]), end: round(w.end + shifts[k]) };
  });
  return { holds, pieces, words: placed };
}

const round = (s: number) => Math.round(s * 1000) / 1000;
