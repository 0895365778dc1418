// How long each clip stays on screen: while its sentence is heard (the voice's words) or,
// with captions and no voice, read (the script on a reading schedule). One rule for the
// render (format-plan.ts) and for everything that must know the ad's length before it is
// rendered — the music asked for, its price, the Finish step's "about N s".
import type { WordTiming } from "../providers/types";
import { readingSchedule } from "./captions/reading-schedule";
import type { CompositionSpec } from "./composition-spec";
import { FPS } from "./formats";
import { planVoice, type VoicePlan } from "./voice-timing";

/** The words the clips follow: the voice's, else (with captions) the script's reading schedule. */
export function timingWords(
  spec: Pick<CompositionSpec, "voiceOver" | "captions" | "script">,
): WordTiming[] | undefined {
  if (spec.voiceOver?.words.length) return spec.voiceOver.words;
  if (spec.captions && spec.script?.length) return readingSchedule(spec.script, { startAt: 0 });
  return undefined;
}

/** The overlap the timeline will use (timeline.ts clamps it to half the shortest clip). */
export function effectiveCrossfade(asked: number, frames: number[]): number {
  return frames.length > 1
    ? Math.max(0, Math.min(Math.round(asked), Math.floor(Math.min(...frames) / 2)))
    : 0;
}

/** Where the voice (or reading schedule) sits and each clip's hold; undefined with no words. */
export function planClipHolds(
  spec: Pick<CompositionSpec, "voiceOver" | "captions" | "script" | "crossfadeSeconds">,
  clipFrames: number[],
): VoicePlan | undefined {
  const words = timingWords(spec);
  if (!words?.length) return undefined;
  return planVoice({
    clipFrames,
    crossfadeFrames: effectiveCrossfade(Math.round(spec.crossfadeSeconds * FPS), clipFrames),
    fps: FPS,
    words,
    sentences: spec.script,
  });
}
