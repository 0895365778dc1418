// About how long a script line takes to say, before any voice exists: the Finish step shows
// it beside each line (and its clip's length), so a marketer sees a line that will not fit.
// An ad read runs at about 160 words a minute (3.6 syllable units a second), a short breath at
// each comma or full stop. The real voice's timing replaces this once it is made.
import { durationWeight, endsPhrase } from "../media/speech-weight";

const UNITS_PER_SECOND = 3.6;
const PAUSE_SECONDS = 0.2;

export function spokenSeconds(line: string): number {
  const tokens = line.trim().split(/\s+/u).filter(Boolean);
  if (!tokens.length) return 0;
  const units = tokens.reduce((sum, t) => sum + durationWeight(t), 0);
  const pauses = tokens.slice(0, -1).filter(endsPhrase).length;
  return units / UNITS_PER_SECOND + pauses * PAUSE_SECONDS;
}
