// The ad's words in a composition spec: the script's sentences (hook first, one per clip)
// and the burned-in captions asked for with the compose. Without a voice-over the captions
// show the script on a reading schedule; with one (the voice's part of the spec) they follow
// the spoken words.

import { scriptSentences } from "../../creative/script";
import type { CaptionSettings } from "../../creative/settings";
import type { Session } from "../../db/schema";
import type { CompositionSpecInput } from "../../media/composition-spec";
import { readMeta } from "../session-meta";

export function wordsSpec(
  s: Session,
  /** Other captions than the last compose's (a choice being priced). */
  choice?: CaptionSettings,
): Pick<CompositionSpecInput, "script" | "captions"> {
  const meta = readMeta(s);
  const captions = choice ?? meta.compose?.captions;
  return {
    script: meta.script ? scriptSentences(meta.script) : undefined,
    captions: captions?.enabled ? { style: captions.style } : undefined,
  };
}
