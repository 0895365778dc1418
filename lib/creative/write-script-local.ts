// The offline script writer (ad-creative.md "Script"): a hook and benefit lines built from
// what the description actually says — its features, material, colour, style words and
// category — in a marketer's words, never the description pasted back. Deterministic: the
// same input and seed give the same script; another seed ("write it again") picks other
// variants and hooks among equally good ones. English only: its phrases are English.
import { characterCount } from "../characters";
import {
  CATEGORY_WORDS,
  COLOUR_MODIFIERS,
  COLOUR_WORDS,
  PART_WORDS,
  SHAPE_WORDS,
  STYLE_WORDS,
} from "../providers/local/lexicon";
import { createRng, mixSeed, type Rng } from "../providers/local/seeded";
import { findPhrases, phraseMap, tokenize } from "../providers/local/words";
import { HOOK_MAX, LINE_MAX, type Script } from "./script";
import { scriptLineCount, type WriteScriptInput } from "./write-script";
import {
  CATEGORY_LINES,
  FEATURE_LINES,
  HOOKS,
  HOOKS_BY_STYLE,
  SHORT_HOOKS,
  STYLE_LINES,
} from "./write-script-phrases";

const nounDictionary = phraseMap(
  [
    ...Object.values(CATEGORY_WORDS).flat(),
    ...Object.values(SHAPE_WORDS).flatMap((s) => s.words),
  ].map((w) => [w, true] as [string, true]),
);
const featureDictionary = phraseMap(
  FEATURE_LINES.flatMap(([words], i) => words.map((w) => [w, i] as [string, number])),
);
const styleDictionary = phraseMap(
  Object.entries(STYLE_WORDS).flatMap(([style, words]) =>
    words.map((w) => [w, style] as [string, string]),
  ),
);
const colourDictionary = phraseMap(
  Object.keys(COLOUR_WORDS).map((c) => [c, c] as [string, string]),
);
const FINISHES = new Set([
  "matte",
  "glossy",
  "metallic",
  "satin",
  "brushed",
  "pearl",
  ...Object.keys(COLOUR_MODIFIERS),
]);

const fits = (text: string, max: number) => characterCount(text) <= max;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The product's noun as the marketer wrote it ("tennis shoes", "water bottle"). */
function productNoun(name: string, prompt: string): string {
  for (const text of [name, prompt]) {
    const tokens = tokenize(text);
    const hit = findPhrases(tokens, nounDictionary).at(-1);
    if (!hit) continue;
    const before = tokens[hit.start - 1];
    // "tennis shoes", "desk lamp"; not "black bottle" or "cancelling headphones".
    const inFeature = findPhrases(tokens, featureDictionary).some(
      (f) => f.start < hit.start && f.end >= hit.start,
    );
    const qualifier =
      before &&
      !inFeature &&
      !colourDictionary.has(before) &&
      !FINISHES.has(before) &&
      !styleDictionary.has(before)
        ? [before]
        : [];
    return [...qualifier, ...tokens.slice(hit.start, hit.end)].join(" ");
  }
  return name.trim() || "pick";
}

/** The main colour as written ("matte black"), not a part's ("white laces"). */
function mainColour(prompt: string): string | undefined {
  const tokens = tokenize(prompt);
  const found = findPhrases(tokens, colourDictionary);
  const materials = findPhrases(tokens, featureDictionary);
  for (const [i, m] of found.entries()) {
    // "cognac brown" is one colour: take the colour words that follow this one.
    let end = m.end;
    for (const next of found.slice(i + 1)) if (next.start === end) end = next.end;
    if ([tokens[end], tokens[end + 1]].some((t) => t !== undefined && PART_WORDS.has(t))) continue;
    if (nounDictionary.has(tokens.slice(m.start, end + 1).join(" "))) continue; // "face cream"
    if (materials.some((f) => f.start <= m.start && f.end >= m.end)) continue; // "walnut", "gold"
    const before = tokens[m.start - 1];
    return [
      ...(before && FINISHES.has(before) ? [before] : []),
      ...tokens.slice(m.start, end),
    ].join(" ");
  }
  return undefined;
}

type Found = {
  features: { index: number; phrase: string }[];
  /** Style words the description itself uses (they may choose the hook). */
  written: string[];
  /** Those, then the session's style keywords (which include the parser's defaults). */
  styles: string[];
  colour?: string;
};

function readDescription(input: WriteScriptInput): Found {
  const tokens = tokenize(input.productPrompt);
  const matches = findPhrases(tokens, featureDictionary);
  const features: Found["features"] = [];
  for (const m of matches)
    if (!features.some((f) => f.index === m.value))
      features.push({ index: m.value, phrase: tokens.slice(m.start, m.end).join(" ") });
  // A style word that is also a feature ("handmade", "organic") is said once, as the feature.
  const written = findPhrases(tokens, styleDictionary)
    .filter((m) => !matches.some((f) => f.start < m.end && m.start < f.end))
    .map((m) => m.value);
  const chosen = input.styleKeywords.flatMap((k) =>
    findPhrases(tokenize(k), styleDictionary).map((m) => m.value),
  );
  const featured = new Set(features.map((f) => f.phrase));
  const styles = [...new Set([...written, ...chosen])].filter(
    (s) => STYLE_LINES[s] && !STYLE_WORDS[s].some((w) => featured.has(w)),
  );
  return {
    features,
    written: [...new Set(written)],
    styles,
    colour: mainColour(input.productPrompt),
  };
}

function fill(template: string, words: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = words[key.toLowerCase()] ?? "";
    return key[0] === key[0].toUpperCase() ? capitalise(value) : value;
  });
}

/** True when `text` holds the whole description (of three words or more) word for word. */
function echoes(text: string, prompt: string): boolean {
  const p = tokenize(prompt).join(" ");
  return p.split(" ").length >= 3 && ` ${tokenize(text).join(" ")} `.includes(` ${p} `);
}

function benefitLines(input: WriteScriptInput, found: Found, rng: Rng, noun: string): string[] {
  const pick = (variants: string[], words: Record<string, string> = {}) => {
    const usable = variants
      .map((v) => fill(v, { noun, ...words }))
      .filter((v) => fits(v, LINE_MAX));
    return usable.length ? usable[rng.int(0, usable.length - 1)] : undefined;
  };
  const candidates = [
    ...found.features.map((f) => pick(FEATURE_LINES[f.index][1], { material: f.phrase })),
    found.colour
      ? pick(
          [
            "In {colour}, a shade that goes with everything.",
            "{Colour}: a shade that never dates.",
          ],
          {
            colour: found.colour,
          },
        )
      : undefined,
    ...found.styles.map((s) => pick(STYLE_LINES[s])),
    // The category's reasons last, in a seeded order, so a rewrite can choose others.
    ...shuffled(CATEGORY_LINES[input.category], rng),
    ...shuffled(CATEGORY_LINES.other, rng),
  ];
  const lines: string[] = [];
  for (const c of candidates) {
    if (!c || lines.includes(c) || echoes(c, input.productPrompt)) continue;
    lines.push(c);
  }
  return lines;
}

function shuffled(items: string[], rng: Rng): string[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function hook(input: WriteScriptInput, found: Found, rng: Rng, noun: string): string {
  const { usable, byStyle } = hookList(input, found, noun);
  if (!usable.length) return SHORT_HOOKS[rng.int(0, SHORT_HOOKS.length - 1)];
  // The style's own hooks first; among the first few, the seed chooses.
  return usable[rng.int(0, Math.min(usable.length, byStyle.length ? 2 : 4) - 1)];
}

/** Every hook the writer finds good for this product, best first (A/B variants pick among them). */
export function hookChoices(input: WriteScriptInput): string[] {
  const noun = productNoun(input.productName, input.productPrompt);
  const { usable } = hookList(input, readDescription(input), noun);
  return [...new Set([...usable, ...SHORT_HOOKS])];
}

function hookList(input: WriteScriptInput, found: Found, noun: string) {
  const plural = /[^s]s$/.test(noun);
  const name = input.productName.trim();
  // A name that is only the noun ("Sneakers") reads better as the noun.
  const useName = name && characterCount(name) <= 32 && name.toLowerCase() !== noun;
  const byStyle = found.written.flatMap((s) => HOOKS_BY_STYLE[s] ?? []);
  const usable = [...byStyle, ...HOOKS]
    .filter((t) => !(plural && /This is|another|Simply the/.test(t)))
    .filter((t) => useName || !t.includes("{name}"))
    .map((t) => fill(t, { name, noun }))
    .filter((h) => fits(h, HOOK_MAX) && !echoes(h, input.productPrompt));
  return { usable, byStyle };
}

export function writeScriptLocally(input: WriteScriptInput): Script {
  const rng = createRng(mixSeed(input.seed, "script", input.productPrompt));
  const found = readDescription(input);
  const noun = productNoun(input.productName, input.productPrompt);
  const count = scriptLineCount(input.lines);
  return {
    language: "en",
    hook: hook(input, found, rng, noun),
    lines: benefitLines(input, found, rng, noun).slice(0, count),
  };
}
