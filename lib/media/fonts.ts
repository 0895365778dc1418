// The fonts an ad can use. They ship as TTF files in npm packages (no network, no system
// fonts needed); text-image.ts hands the files to Pango, so any machine renders the same.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Ids accepted by the composition spec, as a tuple so zod can make an enum of them. */
export const FONT_IDS = ["inter", "poppins", "playfair", "bebas"] as const;
export type FontId = (typeof FONT_IDS)[number];

export type BundledFont = {
  id: FontId;
  /** Shown in the UI. */
  label: string;
  /** Family name inside the TTF: what Pango matches the font description against. */
  family: string;
  /** CSS-style weight of the file we ship (only this weight is registered). */
  weight: number;
  /** Absolute path to the TTF. */
  file: string;
};

const resolveFont = (pkgFile: string) =>
  require.resolve(/* turbopackIgnore: true */ `@expo-google-fonts/${pkgFile}`);

export const FONTS: Record<FontId, BundledFont> = {
  inter: {
    id: "inter",
    label: "Inter",
    family: "Inter",
    weight: 700,
    file: resolveFont("inter/700Bold/Inter_700Bold.ttf"),
  },
  poppins: {
    id: "poppins",
    label: "Poppins",
    family: "Poppins",
    weight: 700,
    file: resolveFont("poppins/700Bold/Poppins_700Bold.ttf"),
  },
  playfair: {
    id: "playfair",
    label: "Playfair Display",
    family: "Playfair Display",
    weight: 700,
    file: resolveFont("playfair-display/700Bold/PlayfairDisplay_700Bold.ttf"),
  },
  bebas: {
    id: "bebas",
    label: "Bebas Neue",
    family: "Bebas Neue",
    weight: 400, // the family has a single weight
    file: resolveFont("bebas-neue/400Regular/BebasNeue_400Regular.ttf"),
  },
};

/**
 * Scripts and symbols the display fonts lack. Pango tries these, in order, for any character the chosen
 * font has no glyph for; without them Arabic and Hebrew would depend on whatever the host
 * happens to have installed (often nothing in a container).
 */
export const FALLBACK_FONTS: { family: string; weight: number; file: string }[] = [
  {
    family: "Noto Sans Arabic",
    weight: 700,
    file: resolveFont("noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf"),
  },
  {
    family: "Noto Sans Hebrew",
    weight: 700,
    file: resolveFont("noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf"),
  },
  {
    // Monochrome emoji, drawn in the text colour with the same outline: an emoji never
    // becomes an empty box, and never clashes with the chosen colour.
    family: "Noto Emoji",
    weight: 700,
    file: resolveFont("noto-emoji/700Bold/NotoEmoji_700Bold.ttf"),
  },
  {
    // Chinese and Japanese (Han, kana, CJK punctuation); not Hangul. The one CJK font in an
    // npm package: a 57 MB download for all its weights, of which this 10.5 MB one is used.
    family: "Noto Sans SC",
    weight: 700,
    file: resolveFont("noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
  },
  {
    // Korean (Hangul syllables and jamo), which Noto Sans SC lacks: without it a Korean
    // line was a row of empty boxes. After SC, so Chinese and Japanese keep SC's glyphs.
    // 55 MB download for its nine weights, of which this 6.2 MB one is used.
    family: "Noto Sans KR",
    weight: 700,
    file: resolveFont("noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf"),
  },
];

export function fontById(id: FontId): BundledFont {
  return FONTS[id];
}
