// Which shape a product prompt names, and the category that shape files under: the head noun
// decides ("shoe bag" is a bag, "bottle with a leather strap" a bottle), so the last shape
// word before the first qualifying phrase wins. Shared by the parser (category) and the
// studio (drawing), so the two never disagree.
import type { ProductCategory } from "../types";
import {
  COLOUR_WORDS,
  NOT_A_SHAPE,
  PHRASE_BREAKS,
  SHAPE_CATEGORY_OVERRIDES,
  SHAPE_WORDS,
  type Shape,
} from "./lexicon";
import { findPhrases, phraseMap, tokenize } from "./words";

const shapeDictionary = phraseMap<Shape | null>([
  ...NOT_A_SHAPE.map((w) => [w, null] as [string, null]),
  ...Object.entries(SHAPE_WORDS).flatMap(([shape, { words }]) =>
    words.map((w) => [w, shape as Shape] as [string, Shape]),
  ),
]);
const colourWords = new Set(Object.keys(COLOUR_WORDS).map((w) => tokenize(w).join(" ")));

export type ShapeMatch = { shape: Shape; category: ProductCategory };

export function detectShape(prompt: string): ShapeMatch | undefined {
  const tokens = tokenize(prompt);
  const cut = tokens.findIndex((t, i) => i > 0 && PHRASE_BREAKS.has(t));
  const head = cut === -1 ? tokens : tokens.slice(0, cut);
  const pick = (found: ReturnType<typeof findPhrases<Shape | null>>) => {
    // "cream" is a colour before it is a jar: it names the product only when nothing else does.
    const nouns = found.filter((m) => !colourWords.has(m.phrase));
    return (nouns.length ? nouns : found).at(-1);
  };
  const hit =
    pick(findPhrases(head, shapeDictionary)) ?? findPhrases(tokens, shapeDictionary).at(0);
  if (!hit) return undefined;
  if (hit.value === null) return undefined; // "phone case": the category words decide
  return {
    shape: hit.value,
    category: SHAPE_CATEGORY_OVERRIDES[hit.phrase] ?? SHAPE_WORDS[hit.value].category,
  };
}

/** Token spans of multi-word shape phrases ("face cream", "coffee mug"): no colour hides in them. */
export function shapePhraseSpans(tokens: string[]): [number, number][] {
  return findPhrases(tokens, shapeDictionary)
    .filter((m) => m.end - m.start > 1)
    .map((m) => [m.start, m.end]);
}
