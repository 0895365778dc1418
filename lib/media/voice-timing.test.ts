// Each clip stays on screen while its sentence is heard: pure arithmetic checked on made-up
// word times, and the timeline it feeds (holds rendered, the rest still copied).
import { describe, expect, test } from "vitest";
import type { WordTiming } from "../providers/types";
import { planTimeline } from "./timeline";
import { planVoice } from "./voice-timing";

/** Words of `sentences` spoken `perWord` seconds each, `pause` seconds between sentences. */
function speak(sentences: string[], perWord: number, pause: number): WordTiming[] {
  const out: WordTiming[] = [];
  let t = 0.2;
  for (const s of sentences) {
    for (const word of s.split(" ")) {
      out.push({ word, start: t, end: t + perWord });
      t += perWord;
    }
    t += pause;
  }
  return out;
}

const FPS = 30;

describe("planVoice", () => {
  const sentences = ["one two three four five six", "seven eight", "nine ten eleven twelve"];
  const words = speak(sentences, 0.4, 0.3);

  test("a clip shorter than its sentence holds; each sentence starts on its clip and ends before the next", () => {
    const clipFrames = [60, 60, 60];
    const X = 15;
    const plan = planVoice({ clipFrames, crossfadeFrames: X, fps: FPS, words, sentences });
    // Sentence 1 lasts 2.4 s, its clip 2 s (1.5 s before the next comes in): it holds.
    expect(plan.holds[0]).toBeGreaterThan(0);
    expect(plan.holds[1]).toBe(0); // 0.8 s of speech in a 2 s clip
    const starts = [0];
    for (let i = 1; i < 3; i++)
      starts.push(starts[i - 1] + clipFrames[i - 1] + plan.holds[i - 1] - X);
    const clipsEnd = starts[2] + clipFrames[2] + plan.holds[2];
    let w = 0;
    for (const [k, s] of sentences.entries()) {
      const own = plan.words.slice(w, w + s.split(" ").length);
      w += own.length;
      expect(own[0].start).toBeGreaterThanOrEqual(starts[k] / FPS);
      const nextIn = k < 2 ? starts[k + 1] / FPS : clipsEnd / FPS;
      expect(own.at(-1)!.end).toBeLessThanOrEqual(nextIn);
      // Never faster than real time: the words keep their own lengths and order.
      for (const word of own) expect(word.end - word.start).toBeCloseTo(0.4, 3);
      if (own.length > 1) expect(own[1].start - own[0].start).toBeCloseTo(0.4, 3);
    }
    // The voice pieces follow each other without overlapping, each placed where its words are.
    for (let i = 1; i < plan.pieces.length; i++) {
      const prev = plan.pieces[i - 1];
      expect(plan.pieces[i].at).toBeGreaterThanOrEqual(prev.at + (prev.to - prev.from) - 1e-6);
    }
  });

  test("long clips need no hold; without a script the whole voice spans the edit", () => {
    const plan = planVoice({ clipFrames: [300, 300], crossfadeFrames: 15, fps: FPS, words });
    expect(plan.holds).toEqual([0, 0]);
    expect(plan.pieces).toHaveLength(1);
    expect(plan.words[0].start).toBeGreaterThan(0);
  });
});

describe("a timeline with a held clip", () => {
  test("the held frames are rendered from the last frame; the crossfade after it blends the held frame", () => {
    const tl = planTimeline({
      clips: [
        { frames: 60, keyframes: [0, 30], hold: 24 },
        { frames: 60, keyframes: [0, 30] },
      ],
      crossfadeFrames: 15,
    });
    expect(tl.totalFrames).toBe(60 + 24 + 60 - 15);
    expect(tl.clipStarts).toEqual([0, 69]);
    const parts = tl.segments.flatMap((s) => (s.kind === "render" ? s.parts : []));
    expect(parts).toContainEqual({ kind: "hold", clip: 0, frames: 9 });
    expect(parts).toContainEqual({ kind: "crossfade", from: 0, to: 1, frames: 15, held: 15 });
    // Nothing copied from clip 0 beyond its own frames.
    for (const s of tl.segments)
      if (s.kind === "copy" && s.clip === 0) expect(s.srcTo).toBeLessThanOrEqual(60);
    // The segments tile the timeline.
    let at = 0;
    for (const s of tl.segments) {
      expect(s.from).toBe(at);
      at = s.to;
    }
    expect(at).toBe(tl.totalFrames);
  });
});
