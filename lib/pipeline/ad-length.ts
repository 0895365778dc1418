// The ad's length before it is composed, as the estimate (and the Finish step's "about N s")
// needs it: with a voice, each clip stays while its line is heard — the voice-over's own word
// times when it has been made, else times estimated from the script by the rule the script
// editor shows (lib/creative/spoken-length.ts). The compose job uses the voice it has made.
import { scriptSentences } from "../creative/script";
import type { CaptionSettings } from "../creative/settings";
import { estimatedWordTimes } from "../creative/spoken-length";
import type { Session } from "../db/schema";
import { plannedDurationSeconds } from "./jobs/compose";
import { readMeta } from "./session-meta";
import { voiceOverWords, voiceRequestOf } from "./voice-over";

export type AdLength = {
  seconds: number;
  /** Where the voice's timing came from: its made voice-over, an estimate, or no voice. */
  voice: "made" | "estimated" | "none";
};

/** `captions`: the choice being priced (default the last compose's); without a voice they set a reading schedule. */
export async function adLength(
  s: Session,
  voiceOver = readMeta(s).voiceOver,
  captions?: CaptionSettings,
): Promise<AdLength> {
  const request = voiceRequestOf(s, voiceOver);
  const script = readMeta(s).script;
  if (!request || !script)
    return { seconds: await plannedDurationSeconds(s, undefined, captions), voice: "none" };
  const made = await voiceOverWords(s.id, request);
  if (made?.length)
    return { seconds: await plannedDurationSeconds(s, made, captions), voice: "made" };
  const words = estimatedWordTimes(scriptSentences(script), request.speed);
  return { seconds: await plannedDurationSeconds(s, words, captions), voice: "estimated" };
}
