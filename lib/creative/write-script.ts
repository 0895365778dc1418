// What a script writer (the LLM, or the local rules) is told, and the rule that ties a script
// to the approved clips: the hook on the first clip, one line per clip after it — at least
// one line and at most four (ad-creative.md), so one clip still gets a hook and a line, and
// clips past the fifth carry none.
import type { Session } from "../db/schema";
import { readMeta } from "../pipeline/session-meta";
import { productNameFrom } from "../providers/local/prompt-parser";
import { PRODUCT_CATEGORIES, type ProductCategory } from "../providers/types";
import { LINES_MAX, LINES_MIN, type Script } from "./script";

export type WriteScriptInput = {
  productPrompt: string;
  /** The ad's product name (the user's, else the parser's guess). */
  productName: string;
  category: ProductCategory;
  styleKeywords: string[];
  /** The number of lines after the hook (clamped to 1–4). */
  lines: number;
  /** A BCP 47 tag; absent: the description's own language (the local writer writes English). */
  language?: string;
  /** Varies the wording among equally good choices; the same seed writes the same script. */
  seed: number;
};

/** Lines after the hook for `n` lines wanted (or clips − 1), within the script's limits. */
export const scriptLineCount = (n: number) =>
  Math.min(LINES_MAX, Math.max(LINES_MIN, Math.floor(n) || LINES_MIN));

/** The number of lines for an edit of `clips` clips. */
export const linesForClips = (clips: number) => scriptLineCount(clips - 1);

/**
 * The script fitted to `lines` lines: extra lines dropped (the clips they belonged to are
 * gone), missing ones taken from `spare` (a freshly written script), skipping repeats.
 */
export function fitScript(script: Script, lines: number, spare: Script): Script {
  const want = scriptLineCount(lines);
  if (script.lines.length === want) return script;
  const out = script.lines.slice(0, want);
  for (const l of spare.lines) {
    if (out.length >= want) break;
    if (!out.includes(l) && l !== script.hook) out.push(l);
  }
  return { ...script, lines: out };
}

/** What a writer is told about a session's ad; each rewrite gets its own seed. */
export function scriptRequest(
  s: Session,
  lines: number,
  opts: { language?: string; rewrite?: boolean } = {},
): WriteScriptInput {
  const { language, rewrite } = opts;
  const meta = readMeta(s);
  const prompt = s.userProductPrompt ?? "";
  const category = PRODUCT_CATEGORIES.find((c) => c === s.productCategory) ?? "other";
  return {
    productPrompt: prompt,
    productName: s.productName ?? meta.parse?.productName ?? productNameFrom(prompt),
    category,
    styleKeywords: s.styleKeywords ?? [],
    lines: scriptLineCount(lines),
    ...(language ? { language } : {}),
    seed: (s.consistencySeed ?? 0) + (meta.scriptRewrites ?? 0) + (rewrite ? 1 : 0),
  };
}
