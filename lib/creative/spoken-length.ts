// About how long a script line takes to say, before any voice exists: the Finish step shows
// it beside each line (and its clip's length), so a marketer sees a line that will not fit.
// An ad read runs at about 160 words a minute (3.6 syllable units a second), a short breath at
// each comma or full stop. The real voice's timing replaces this once it is made.
import { durationWeight, endsPhrase } from "../media/speech-weight";
import type { WordTiming } from "../providers/types";

const UNITS_PER_SECOND = 3.6;
const PAUSE_SECONDS = 0.2;
/** Silence before the first word and between two lines (a line break is a pause to the voice). */
const LEAD_SECONDS = 0.1;
const LINE_PAUSE_SECONDS = 0.4;

export function spokenSeconds(line: string): number {
  const tokens = line.trim().split(/\s+/u).filter(Boolean);
  if (!tokens.length) return 0;
  const units = tokens.reduce((sum, t) => sum + durationWeight(t), 0);
  const pauses = tokens.slice(0, -1).filter(endsPhrase).length;
  return units / UNITS_PER_SECOND + pauses * PAUSE_SECONDS;
}

/**
 * Word times a voice would about have for these lines at `speed` (1 = normal), by the same
 * rule as spokenSeconds: what the ad's length is estimated from before the voice is made.
 */
export function estimatedWordTimes(lines: string[], speed = 1): WordTiming[] {
  const out: WordTiming[] = [];
  let t = LEAD_SECONDS;
  for (const line of lines) {
    const tokens = line.trim().split(/\s+/u).filter(Boolean);
    if (!tokens.length) continue;
    for (const token of tokens) {
      const seconds = durationWeight(token) / UNITS_PER_SECOND / speed;
      out.push({ word: token, start: round(t), end: round(t + seconds) });
      t += seconds + (endsPhrase(token) ? PAUSE_SECONDS / speed : 0);
    }
    t += LINE_PAUSE_SECONDS / speed;
  }
  return out;
}

const round = (s: number) => Math.round(s * 1000) / 1000;
