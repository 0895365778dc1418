// The ad's words (ad-creative.md "Script"): a hook for the first clip, one to four benefit
// lines for the clips after it, in one language. The call to action is the session's own.
// One schema for the API (PUT /api/sessions/:id/script), the writers (LLM and local) and the
// session's metadata, so a script that passed one passes them all.
import { z } from "zod";
import { characterCount } from "../characters";

/** The call to action an ad has until the marketer (or the brand kit) writes its own. */
export const DEFAULT_CALL_TO_ACTION = "Shop now";

export const HOOK_MAX = 60;
export const LINE_MAX = 80;
export const LINES_MIN = 1;
export const LINES_MAX = 4;

/** BCP 47, loosely: "en", "de", "pt-BR", "zh-Hans". */
export const languageField = z
  .string({ error: "The language must be a language tag such as en, de or ar." })
  .regex(
    /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/,
    "The language must be a language tag such as en, de or ar.",
  );

const line = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, `${what} cannot be empty.`)
    .refine((s) => characterCount(s) <= max, `${what} can be at most ${max} characters.`)
    .refine((s) => !/[\r\n]/.test(s), `${what} must be one line.`);

export const scriptSchema = z.strictObject({
  language: languageField.default("en"),
  hook: line("The hook", HOOK_MAX),
  lines: z
    .array(line("A script line", LINE_MAX), { error: "lines must be a list of text lines." })
    .min(LINES_MIN, `The script needs at least ${LINES_MIN} line after the hook.`)
    .max(LINES_MAX, `The script can have at most ${LINES_MAX} lines after the hook.`),
});
export type Script = z.infer<typeof scriptSchema>;

/** The hook, then the lines: the order they are spoken and shown, one per clip. */
export const scriptSentences = (s: Script): string[] => [s.hook, ...s.lines];
