// Text hygiene at the boundary, in one place. Every string a request carries (JSON bodies,
// query parameters, form fields, file names) is checked before any schema or the database
// sees it: control characters (NUL, which PostgreSQL cannot store, and the other C0 codes)
// and broken UTF-16 (a lone surrogate, which has no UTF-8 form) are refused with a 400
// naming the field. Newlines pass here; single-line fields refuse them in their schema
// (`singleLine`). Names shown to the public also refuse the invisible characters that can
// make text read differently from what it is (bidi overrides, zero-width spaces).
import { z } from "zod";
import { type Issue, invalidInput } from "../errors";

/** C0 controls, DEL and the C1 controls (NEL, CSI, …), except line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Line breaks, including Unicode's line and paragraph separators. */
const NEWLINE = /[\r\n\u2028\u2029]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Bidi embeddings, overrides and isolates, and invisible spaces/marks (soft hyphen, Hangul
 * fillers, interlinear annotation marks). Zero-width joiner and non-joiner stay: emoji
 * sequences and several scripts need them (as do a flag's tag characters).
 */
const INVISIBLE =
  /[\u00AD\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/g;
const SEPARATOR = /[\u2028\u2029]/;

/** Fields whose text is shown publicly (the share page, the video): no invisible characters. */
const PUBLIC_FIELDS = new Set(["productName", "callToAction"]);

/** What is wrong with this text, in a marketer's words; undefined when it is fine. */
export function textProblem(
  value: string,
  opts: { multiline?: boolean; publicName?: boolean } = {},
): string | undefined {
  if (LONE_SURROGATE.test(value))
    return "contains a broken character (invalid Unicode). Retype it.";
  const control = CONTROL.exec(value);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `contains an invisible control character (U+${code}). Remove it and try again.`;
  }
  if (opts.multiline === false && NEWLINE.test(value)) return "must be on one line.";
  // A public name's own rules decide about \n; Unicode's separators break it all the same.
  if (opts.publicName && SEPARATOR.test(value)) return "must be on one line.";
  if (opts.publicName && value.search(INVISIBLE) >= 0)
    return "contains invisible formatting characters (e.g. text-direction overrides). Retype it.";
  return undefined;
}

/**
 * Every string in a parsed JSON value (keys too), with its path: the first problem found.
 * Walked with a stack, not recursion: a body may nest thousands of levels deep.
 */
export function textIssues(root: unknown, rootPath: string[] = []): Issue[] {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: rootPath }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const publicName = PUBLIC_FIELDS.has(path[path.length - 1] ?? "");
      const problem = textProblem(value, { publicName });
      if (problem) return [{ path: path.join("."), message: `${label(path)} ${problem}` }];
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const keyProblem = textProblem(key);
      if (keyProblem) return [{ path: path.join("."), message: `A field name ${keyProblem}` }];
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return [];
}

/** Throws 400 invalid_input naming the field when any string in the value is refused. */
export function assertCleanText(value: unknown, path: string[] = []): void {
  const issues = textIssues(value, path);
  if (issues.length) throw invalidInput(issues);
}

/** Query parameters of a URL: each value checked as its own field. */
export function assertCleanQuery(url: URL): void {
  for (const [key, value] of url.searchParams) assertCleanText({ [key]: value });
}

function label(path: string[]): string {
  return path.length ? `"${path.join(".")}"` : "The text";
}

/** Removes the invisible characters of INVISIBLE (for names already stored). */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** A one-line text field for zod schemas: control characters and newlines refused. */
export const singleLine = () =>
  z.string().superRefine((s, ctx) => {
    const problem = textProblem(s, { multiline: false });
    if (problem) ctx.addIssue({ code: "custom", message: `This field ${problem}` });
  });
