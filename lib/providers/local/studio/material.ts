// What the product is made of, read from the prompt ("matte-black stainless steel", "hand-thrown
// stoneware"): how much it shines, whether it is metal or glass, and the texture its close-up
// shows. The drawings ask the material, never the prompt.
import { findPhrases, phraseMap, tokenize } from "../words";
import type { Texture } from "./products/art";

export type MaterialKind =
  | "steel"
  | "glass"
  | "leather"
  | "wood"
  | "ceramic"
  | "fabric"
  | "plastic"
  | "paper";

export type Material = {
  /** The named material, when the prompt names one. */
  kind?: MaterialKind;
  /** Multiplies every highlight: matte surfaces barely shine, gloss and metal shine most. */
  shine: number;
  /** Metal: hard, bright highlights and brushed close-ups. */
  metallic: boolean;
  /** Glass: the body is partly see-through. */
  clear: boolean;
  /** The close-up texture, when the material decides it (otherwise the drawing's own). */
  texture?: Texture;
};

const MATERIAL_WORDS: Record<MaterialKind, string[]> = {
  steel: [
    "steel",
    "stainless",
    "metal",
    "metallic",
    "aluminium",
    "aluminum",
    "titanium",
    "chrome",
    "brass",
    "iron",
  ],
  glass: ["glass", "crystal", "transparent", "clear"],
  leather: ["leather", "suede", "nubuck", "vegan leather"],
  wood: ["wood", "wooden", "oak", "bamboo", "teak", "beech", "timber", "birch"],
  ceramic: ["ceramic", "stoneware", "porcelain", "earthenware", "terracotta", "clay", "enamel"],
  fabric: ["fabric", "canvas", "cotton", "linen", "wool", "knit", "nylon", "mesh", "velvet"],
  plastic: ["plastic", "silicone", "rubber", "acrylic", "recycled plastic"],
  paper: ["paper", "cardboard", "kraft"],
};

const TEXTURE: Record<MaterialKind, Texture> = {
  steel: "brushed",
  glass: "glass",
  leather: "leather",
  wood: "wood",
  ceramic: "ceramic",
  fabric: "fabric",
  plastic: "paper",
  paper: "paper",
};

const materialDictionary = phraseMap(
  Object.entries(MATERIAL_WORDS).flatMap(([kind, words]) =>
    words.map((w) => [w, kind as MaterialKind] as [string, MaterialKind]),
  ),
);

const MATTE = new Set(["matte", "matt", "satin", "frosted", "brushed", "powder", "unglazed"]);
const GLOSSY = new Set(["glossy", "gloss", "polished", "shiny", "lacquered", "glazed", "chrome"]);

export function materialOf(productPrompt: string): Material {
  const tokens = tokenize(productPrompt);
  const kind = findPhrases(tokens, materialDictionary)[0]?.value;
  const matte = tokens.some((t) => MATTE.has(t));
  const glossy = tokens.some((t) => GLOSSY.has(t));
  const base = kind === "steel" || kind === "glass" ? 1.25 : kind === "fabric" ? 0.45 : 1;
  return {
    kind,
    shine: matte ? 0.35 : glossy ? base * 1.3 : base,
    metallic: kind === "steel",
    clear: kind === "glass",
    texture: kind ? TEXTURE[kind] : undefined,
  };
}

/** Colours a material has when the prompt names none (a stoneware mug is clay, not sage). */
const MATERIAL_PALETTES: Record<MaterialKind, string[]> = {
  steel: ["#B9BEC4", "#3C3F44"],
  glass: ["#CFE3E6", "#D4AF37"],
  leather: ["#8A4B24", "#D4AF37"],
  wood: ["#9A6A42", "#E9DCC9"],
  ceramic: ["#E6DDCF", "#8C6A4F"],
  fabric: ["#D9CBB4", "#3A3A3A"],
  plastic: ["#F2F2F0", "#2D6FD6"],
  paper: ["#D8C3A0", "#3A3A3A"],
};

export function materialPalette(productPrompt: string): string[] | undefined {
  const kind = materialOf(productPrompt).kind;
  return kind ? [...MATERIAL_PALETTES[kind]] : undefined;
}
