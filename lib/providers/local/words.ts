// Tokenising and phrase matching for the rule-based parser and planner.

/** Lower-case words; hyphens split words ("off-white" -> "off", "white"); other punctuation goes. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/** Singular candidates for a word: "shoes" -> shoes, shoe, sho; "accessories" -> accessory. */
function forms(word: string): string[] {
  const out = [word];
  if (word.length > 3 && word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  if (word.length > 3 && word.endsWith("es")) out.push(word.slice(0, -2));
  if (word.length > 2 && word.endsWith("s") && !word.endsWith("ss")) out.push(word.slice(0, -1));
  return out;
}

export type PhraseMatch<T> = { value: T; phrase: string; start: number; end: number };

/**
 * Finds dictionary phrases in a token list, longest first, without overlaps, in order of
 * appearance. Keys may contain spaces or hyphens; the last word of a phrase may be plural.
 */
export function findPhrases<T>(tokens: string[], dictionary: Map<string, T>): PhraseMatch<T>[] {
  const maxLen = Math.max(1, ...[...dictionary.keys()].map((k) => k.split(" ").length));
  const found: PhraseMatch<T>[] = [];
  for (let i = 0; i < tokens.length; ) {
    let hit: PhraseMatch<T> | undefined;
    for (let n = Math.min(maxLen, tokens.length - i); n >= 1 && !hit; n--) {
      const head = tokens.slice(i, i + n - 1);
      for (const last of forms(tokens[i + n - 1])) {
        const phrase = [...head, last].join(" ");
        const value = dictionary.get(phrase);
        if (value !== undefined) {
          hit = { value, phrase, start: i, end: i + n };
          break;
        }
      }
    }
    if (hit) {
      found.push(hit);
      i = hit.end;
    } else i++;
  }
  return found;
}

/** A dictionary keyed by normalised phrases ("t-shirt" -> "t shirt"). */
export function phraseMap<T>(entries: Iterable<[string, T]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [key, value] of entries) {
    const norm = tokenize(key).join(" ");
    if (!map.has(norm)) map.set(norm, value);
  }
  return map;
}

export function titleCase(words: string[]): string {
  const small = new Set(["and", "or", "of", "with", "for", "the", "a", "an", "in", "on"]);
  return words
    .map((w, i) => (i > 0 && small.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

/** Cuts text at a word boundary to at most `max` characters. */
export function clipText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : clean.slice(0, max)).replace(/[\s,;:.-]+$/, "");
}
