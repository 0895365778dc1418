// LlmProvider.parsePrompt without an LLM: a product prompt becomes category, style words,
// palette, a product name, one consistency seed, a negative prompt and one image prompt per
// shot — by word lists and fixed rules, so the same prompt always parses the same way.
import {
  type ParsedPrompt,
  type ParsePromptInput,
  PRODUCT_CATEGORIES,
  type ProductCategory,
  ProviderError,
  VIEWS,
  type View,
} from "../types";
import { hexToHsl, hslToHex } from "./colour";
import {
  CATEGORY_WORDS,
  COLOUR_MODIFIERS,
  COLOUR_WORDS,
  DEFAULT_STYLES,
  NAME_FILLER,
  NEGATIVE_BASE,
  NEGATIVE_BY_CATEGORY,
  PART_WORDS,
  PHRASE_BREAKS,
  STYLE_LOOKS,
  STYLE_WORDS,
  VIEW_PHRASES,
} from "./lexicon";
import { hashString } from "./seeded";
import { detectShape, shapePhraseSpans } from "./shapes";
import { materialPalette } from "./studio/material";
import { clipText, findPhrases, phraseMap, titleCase, tokenize } from "./words";

const categoryDictionary = phraseMap(
  Object.entries(CATEGORY_WORDS).flatMap(([category, words]) =>
    words.map((w) => [w, category as ProductCategory] as [string, ProductCategory]),
  ),
);
const styleDictionary = phraseMap(
  Object.entries(STYLE_WORDS).flatMap(([style, words]) =>
    words.map((w) => [w, style] as [string, string]),
  ),
);
const colourDictionary = phraseMap(Object.entries(COLOUR_WORDS));

/** Shots past the first six: the views worth a second take, each with a variation. */
const REPEATS: { view: View; variation: string }[] = [
  { view: "lifestyle", variation: "alternate setting and camera angle" },
  { view: "front", variation: "three-quarter angle, wider framing" },
  { view: "detail", variation: "a different close-up area" },
  { view: "side", variation: "opposite side, lower camera" },
];

/** Palettes for prompts that name no colour: by style first, else by category. */
const STYLE_PALETTES: Record<string, string[]> = {
  luxury: ["#1A1A1A", "#D4AF37"],
  elegant: ["#2B2B2E", "#D9C7AA"],
  minimalist: ["#F2F0EB", "#2B2B2B"],
  vibrant: ["#FF5A5F", "#FFC857"],
  playful: ["#FF8FB1", "#7ED6DF"],
  retro: ["#E07A5F", "#F2CC8F"],
  natural: ["#A3B899", "#E9DCC9"],
  sporty: ["#2D6FD6", "#FFFFFF"],
};
const CATEGORY_PALETTES: Record<ProductCategory, string[]> = {
  footwear: ["#F4F4F2", "#2D6FD6"],
  accessories: ["#7B4F2E", "#D4AF37"],
  electronics: ["#2B2D31", "#C4C7CC"],
  beauty: ["#E8B4B8", "#D4AF37"],
  apparel: ["#1F2F57", "#F1EEE6"],
  home: ["#E9DCC9", "#A3B899"],
  other: ["#2D6FD6", "#F1EEE6"],
};

/** The head of the prompt: the words before the first qualifying phrase ("with white laces"). */
function headTokens(tokens: string[]): string[] {
  const cut = tokens.findIndex((t, i) => i > 0 && PHRASE_BREAKS.has(t));
  return cut === -1 ? tokens : tokens.slice(0, cut);
}

export function detectCategory(prompt: string): ProductCategory {
  // A product the studio can draw files under its shape's category ("coffee mug" is home
  // even when its glaze is "cream").
  const shape = detectShape(prompt);
  if (shape) return shape.category;
  const tokens = tokenize(prompt);
  // The head noun decides ("shoe bag" is a bag, "shoes with a bag" are shoes), so the last
  // product word of the head wins; otherwise the first product word anywhere.
  const inHead = findPhrases(headTokens(tokens), categoryDictionary);
  if (inHead.length) return inHead[inHead.length - 1].value;
  const anywhere = findPhrases(tokens, categoryDictionary);
  return anywhere.length ? anywhere[0].value : "other";
}

export function detectStyles(prompt: string): string[] {
  return [...new Set(findPhrases(tokenize(prompt), styleDictionary).map((m) => m.value))];
}

/** Colours named in the prompt, main colour first: colours of parts ("white laces") go last. */
export function detectPalette(prompt: string): string[] {
  const tokens = tokenize(prompt);
  const main: string[] = [];
  const parts: string[] = [];
  const spans = shapePhraseSpans(tokens);
  for (const m of findPhrases(tokens, colourDictionary)) {
    if (spans.some(([a, b]) => m.start >= a && m.end <= b)) continue; // "face cream", "coffee mug"
    let hex = m.value;
    const modifier = COLOUR_MODIFIERS[tokens[m.start - 1]];
    if (modifier) {
      const c = hexToHsl(hex);
      hex = hslToHex({
        h: c.h,
        s: Math.max(0, Math.min(100, c.s + modifier.ds)),
        l: Math.max(4, Math.min(96, c.l + modifier.dl)),
      });
    }
    const describesPart = [tokens[m.end], tokens[m.end + 1]].some(
      (t) => t !== undefined && PART_WORDS.has(t),
    );
    (describesPart ? parts : main).push(hex);
  }
  return [...new Set([...main, ...parts])].slice(0, 5);
}

/** "A pair of pink tennis shoes with white laces" -> "Pink Tennis Shoes". */
export function productNameFrom(prompt: string): string {
  const firstClause = prompt.split(/[,.;:!?()"\n]/)[0] ?? "";
  const words = firstClause
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
  const head: string[] = [];
  for (const raw of words) {
    const w = raw.toLowerCase();
    if (head.length > 0 && PHRASE_BREAKS.has(w)) break;
    if (head.length === 0 && NAME_FILLER.has(w)) continue;
    head.push(w);
  }
  // The last words carry the noun ("sleek minimalist pink tennis shoes" -> "Minimalist Pink Tennis Shoes").
  const chosen = head.slice(-4);
  return clipText(titleCase(chosen.length ? chosen : ["product"]), 50) || "Product";
}

function shotPrompt(
  subject: string,
  view: View,
  variation: string | undefined,
  styles: string[],
): string {
  const look =
    styles.map((s) => STYLE_LOOKS[s]).find(Boolean) ?? "soft studio lighting on a clean backdrop";
  return [
    `Professional product photograph of ${subject}`,
    VIEW_PHRASES[view],
    ...(variation ? [variation] : []),
    `${styles.slice(0, 3).join(", ")} style`,
    look,
    "consistent product design across shots, sharp focus, high detail",
  ].join(", ");
}

export function parsePromptLocally(input: ParsePromptInput): ParsedPrompt {
  const productPrompt = input.productPrompt.replace(/\s+/g, " ").trim();
  if (!productPrompt) throw new ProviderError("The product prompt is empty", "permanent");
  if (!Number.isInteger(input.numImages) || input.numImages < 1 || input.numImages > 16) {
    throw new ProviderError(
      `numImages must be a whole number from 1 to 16, got ${input.numImages}`,
      "permanent",
    );
  }
  if (input.category !== undefined && !PRODUCT_CATEGORIES.includes(input.category)) {
    throw new ProviderError(`Unknown product category "${input.category}"`, "permanent");
  }

  const category = input.category ?? detectCategory(productPrompt);
  const userStyles = (input.styleKeywords ?? []).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const detected = detectStyles(productPrompt);
  let styleKeywords = [...new Set([...userStyles, ...detected])];
  if (!styleKeywords.length) styleKeywords = [...DEFAULT_STYLES[category]];
  styleKeywords = styleKeywords.slice(0, 8);

  const named = detectPalette(productPrompt);
  const palette = named.length
    ? named
    : (materialPalette(productPrompt) ?? [
        ...(styleKeywords.map((s) => STYLE_PALETTES[s]).find(Boolean) ??
          CATEGORY_PALETTES[category]),
      ]);

  // A session without a seed still parses the same way every time: the seed comes from the prompt.
  const consistencySeed = input.seed ?? hashString(productPrompt.toLowerCase()) % 2147483647;

  const subject = clipText(productPrompt.replace(/[.!?]+$/, ""), 200);
  const shots = Array.from({ length: input.numImages }, (_, i) => {
    if (i < VIEWS.length)
      return { view: VIEWS[i], prompt: shotPrompt(subject, VIEWS[i], undefined, styleKeywords) };
    const repeat = REPEATS[(i - VIEWS.length) % REPEATS.length];
    return {
      view: repeat.view,
      prompt: shotPrompt(subject, repeat.view, repeat.variation, styleKeywords),
    };
  });

  return {
    category,
    productName: productNameFrom(productPrompt),
    styleKeywords,
    consistencySeed,
    negativePrompt: [...NEGATIVE_BASE, ...NEGATIVE_BY_CATEGORY[category]].join(", "),
    palette,
    shots,
  };
}
