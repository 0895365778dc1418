// The offline script writer read the way a marketer would: each product gets its own words,
// about that product, within the limits, never the description pasted back and never a
// placeholder; the same input writes the same script, another seed another one.
import { describe, expect, test } from "vitest";
import { characterCount } from "@/lib/characters";
import { HOOK_MAX, LINE_MAX, scriptSchema, scriptSentences } from "@/lib/creative/script";
import { fitScript, linesForClips, type WriteScriptInput } from "@/lib/creative/write-script";
import { writeScriptLocally } from "@/lib/creative/write-script-local";
import { parsePromptLocally } from "@/lib/providers/local/prompt-parser";

/** The input the pipeline gives the writer: the local parser's reading of the description. */
function inputFor(productPrompt: string, lines = 3, seed = 7): WriteScriptInput {
  const parsed = parsePromptLocally({ productPrompt, numImages: 1, seed: 1 });
  return {
    productPrompt,
    productName: parsed.productName,
    category: parsed.category,
    styleKeywords: parsed.styleKeywords,
    lines,
    seed,
  };
}

const PRODUCTS = [
  "matte-black insulated stainless steel water bottle for hiking",
  "pink tennis shoes with white laces, lightweight and breathable for running",
  "wireless noise cancelling headphones in silver",
  "organic hydrating face cream with SPF 30, vegan",
  "handmade ceramic coffee mug with a speckled glaze",
  "luxury leather tote bag in cognac brown",
  "cozy merino wool sweater in oatmeal",
  "minimalist walnut desk lamp",
];

const words = (s: string) => s.toLowerCase().match(/[a-z]+/g) ?? [];

describe("the local script writer", () => {
  const scripts = PRODUCTS.map((p) => ({ prompt: p, script: writeScriptLocally(inputFor(p)) }));

  test("every script passes the shared schema: a hook ≤ 60 and the lines asked for, each ≤ 80", () => {
    for (const { script } of scripts) {
      expect(scriptSchema.parse(script)).toEqual(script);
      expect(characterCount(script.hook)).toBeLessThanOrEqual(HOOK_MAX);
      expect(script.lines).toHaveLength(3);
      for (const l of script.lines) expect(characterCount(l)).toBeLessThanOrEqual(LINE_MAX);
      expect(script.language).toBe("en");
    }
  });

  test("never the description pasted back, never placeholder text, no line twice", () => {
    for (const { prompt, script } of scripts) {
      for (const s of scriptSentences(script)) {
        expect(s.toLowerCase()).not.toContain(prompt.toLowerCase());
        expect(s).not.toMatch(/\{|\}|lorem|ipsum|placeholder|undefined|null|TODO|\bproduct\b/i);
        expect(s).toMatch(/^[A-Z]/); // a sentence, not a fragment of the prompt
        expect(s).toMatch(/[.!?]$/);
      }
      expect(new Set(scriptSentences(script)).size).toBe(script.lines.length + 1);
    }
  });

  test("each product gets its own script: no two share a hook, and few share any line", () => {
    const hooks = scripts.map((s) => s.script.hook);
    expect(new Set(hooks).size).toBe(hooks.length);
    const allLines = scripts.flatMap((s) => s.script.lines);
    expect(new Set(allLines).size).toBeGreaterThanOrEqual(allLines.length - 2);
  });

  test("on topic: the hook names the product, and the lines pick up what the description says", () => {
    const of = (i: number) => scripts[i].script;
    const text = (i: number) => scriptSentences(of(i)).join(" ").toLowerCase();
    expect(of(0).hook.toLowerCase()).toMatch(/bottle/);
    expect(text(0)).toMatch(/cold|hot/); // insulated
    expect(text(0)).toMatch(/steel/);
    expect(text(0)).toMatch(/trail|outdoors|wild/); // hiking
    expect(of(1).hook.toLowerCase()).toMatch(/shoe/);
    expect(text(1)).toMatch(/light|weight/);
    expect(text(1)).toMatch(/breath|cool|air/);
    expect(text(2)).toMatch(/wire|cable|play/);
    expect(text(2)).toMatch(/noise|quiet/);
    expect(text(3)).toMatch(/hydrat|moisture/);
    expect(text(3)).toMatch(/sun/);
    expect(text(4)).toMatch(/ceramic|handmade|hand/);
    expect(of(5).hook.toLowerCase()).toMatch(/luxury|worth/);
    expect(text(5)).toMatch(/leather/);
    expect(text(6)).toMatch(/merino|wool|cos/);
    expect(text(7)).toMatch(/walnut|wood|clean lines|simpl/);
  });

  test("a bare description still reads as an ad, from its category", () => {
    const s = writeScriptLocally(inputFor("sneakers", 4));
    expect(s.lines).toHaveLength(4);
    expect(s.hook.toLowerCase()).toContain("sneakers");
    for (const l of s.lines) expect(words(l).length).toBeGreaterThanOrEqual(4);
  });

  test("deterministic for a seed; another seed rewrites it", () => {
    const input = inputFor(PRODUCTS[0]);
    expect(writeScriptLocally(input)).toEqual(writeScriptLocally({ ...input }));
    const variants = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) => JSON.stringify(writeScriptLocally({ ...input, seed }))),
    );
    expect(variants.size).toBeGreaterThan(1);
  });

  test("one line per clip after the first: 1 clip → 1 line, 3 → 2, 9 → 4", () => {
    expect([1, 2, 3, 5, 9].map(linesForClips)).toEqual([1, 1, 2, 4, 4]);
    for (const n of [1, 2, 4])
      expect(writeScriptLocally(inputFor(PRODUCTS[2], n)).lines).toHaveLength(n);
  });

  test("fitting to fewer clips keeps the first lines; to more adds new ones, not repeats", () => {
    const edited = { language: "en", hook: "Cold brew, anywhere.", lines: ["My own line."] };
    const spare = writeScriptLocally(inputFor(PRODUCTS[0], 4));
    const grown = fitScript(edited, 3, spare);
    expect(grown.hook).toBe("Cold brew, anywhere.");
    expect(grown.lines[0]).toBe("My own line.");
    expect(grown.lines).toHaveLength(3);
    expect(new Set(grown.lines).size).toBe(3);
    expect(fitScript(grown, 1, spare).lines).toEqual(["My own line."]);
  });
});
