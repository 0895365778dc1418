// The "look" of a shot: backdrop, floor, light and product colours, decided from the style
// keywords and the palette. Luxury goes dark with a warm rim light, minimalist goes light,
// vibrant goes saturated; the backdrop always keeps clear of the product's own colour.
import type { ProductCategory } from "../../types";
import { type Hsl, hexToHsl, hslToHex, isHex, mix } from "../colour";
import { STYLE_WORDS } from "../lexicon";
import { findPhrases, phraseMap, tokenize } from "../words";

export type Mood = "dark" | "light" | "vivid" | "retro" | "sport" | "natural" | "soft";

export type ProductColours = {
  main: string;
  accent: string;
  trim: string;
  metal: string;
  /** A near-black in the product's hue, for rubber, screens and seams. */
  ink: string;
};

export type Look = {
  mood: Mood;
  wallTop: string;
  wallBottom: string;
  floorNear: string;
  floorFar: string;
  glow: string;
  glowOpacity: number;
  shadow: string;
  shadowOpacity: number;
  vignette: number;
  rim?: string;
  /** Colours for backdrop shapes and props. */
  propA: string;
  propB: string;
  /** Glossy floor with a faint mirror image of the product. */
  reflection: boolean;
  product: ProductColours;
};

const styleDictionary = phraseMap(
  Object.entries(STYLE_WORDS).flatMap(([style, words]) =>
    [style, ...words].map((w) => [w, style] as [string, string]),
  ),
);

/** The user's and parser's style words mapped to the canonical ones ("premium" -> luxury). */
export function canonicalStyles(keywords: string[]): string[] {
  return [
    ...new Set(
      keywords.flatMap((k) => findPhrases(tokenize(k), styleDictionary).map((m) => m.value)),
    ),
  ];
}

const MOOD_OF_STYLE: Record<string, Mood> = {
  luxury: "dark",
  elegant: "dark",
  minimalist: "light",
  modern: "light",
  vibrant: "vivid",
  bold: "vivid",
  playful: "vivid",
  retro: "retro",
  sporty: "sport",
  urban: "sport",
  natural: "natural",
  handmade: "natural",
  cozy: "natural",
};

const DEFAULT_MAIN: Record<ProductCategory, string> = {
  footwear: "#F4F4F2",
  accessories: "#7B4F2E",
  electronics: "#2B2D31",
  beauty: "#E8B4B8",
  apparel: "#1F2F57",
  home: "#E9DCC9",
  other: "#2D6FD6",
};

const hsl = (h: number, s: number, l: number) => hslToHex({ h, s, l });
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function isMetal(hex: string): boolean {
  const c = hexToHsl(hex);
  return (
    (c.h > 25 && c.h < 55 && c.s > 35 && c.l > 45 && c.l < 80) || (c.s < 10 && c.l > 70 && c.l < 85)
  );
}

export function productColours(
  palette: string[],
  category: ProductCategory,
  mood: Mood,
): ProductColours {
  const colours = palette.filter(isHex).map((c) => c.toUpperCase());
  const main = colours[0] ?? DEFAULT_MAIN[category];
  const m = hexToHsl(main);
  const derivedAccent =
    m.l > 58 ? hsl(m.h, Math.min(m.s, 30), 20) : hsl(m.h, Math.min(m.s, 15), 94);
  const accent = colours[1] ?? derivedAccent;
  const trim = colours[2] ?? (m.l > 85 ? hsl(m.h, 8, 88) : "#F3F1EC");
  const metal =
    colours.find(isMetal) ??
    (mood === "dark" || mood === "retro" || mood === "natural" ? "#D4AF37" : "#C9CCD1");
  const ink = hsl(m.h, Math.min(m.s, 18), 11);
  return { main, accent, trim, metal, ink };
}

/** Picks a backdrop lightness at least `gap` points away from the product's lightness. */
function awayFrom(product: Hsl, wanted: number, gap: number): number {
  if (Math.abs(wanted - product.l) >= gap) return wanted;
  const up = product.l + gap,
    down = product.l - gap;
  return up <= 96 && (wanted >= product.l || down < 6) ? up : Math.max(4, down);
}

export function chooseLook(
  styleKeywords: string[],
  palette: string[],
  category: ProductCategory,
): Look {
  const styles = canonicalStyles(styleKeywords);
  const mood: Mood = styles.map((s) => MOOD_OF_STYLE[s]).find(Boolean) ?? "soft";
  const product = productColours(palette, category, mood);
  const p = hexToHsl(product.main);
  const h = p.s < 8 ? 215 : p.h; // greys get a cool neutral backdrop
  const sat = p.s < 8 ? 8 : Math.min(p.s, 40);

  switch (mood) {
    case "dark": {
      const l = p.l < 18 ? 17 : 9; // keep a black product separable from a black room
      return {
        mood,
        product,
        wallTop: hsl(h, sat * 0.5, l + 4),
        wallBottom: hsl(h, sat * 0.45, l - 4),
        floorNear: hsl(h, sat * 0.35, l + 6),
        floorFar: hsl(h, sat * 0.4, l - 2),
        glow: mix(product.main, "#FFF3DC", 0.6),
        glowOpacity: 0.28,
        shadow: "#000000",
        shadowOpacity: 0.7,
        vignette: 0.6,
        rim: styles.includes("luxury") || product.metal !== "#C9CCD1" ? "#F2D49B" : "#DCE6F2",
        propA: hsl(h, sat * 0.4, l + 10),
        propB: product.metal,
        reflection: true,
      };
    }
    case "light": {
      const wall = awayFrom(p, 94, 14);
      return {
        mood,
        product,
        wallTop: hsl(h, Math.min(sat, 14), wall + 2),
        wallBottom: hsl(h, Math.min(sat, 14), wall - 5),
        floorNear: hsl(h, Math.min(sat, 12), wall - 1),
        floorFar: hsl(h, Math.min(sat, 12), wall - 8),
        glow: "#FFFFFF",
        glowOpacity: 0.55,
        shadow: hsl(h, 25, 18),
        shadowOpacity: 0.42,
        vignette: 0.16,
        propA: hsl(h, Math.min(sat, 20), wall - 12),
        propB: hsl((h + 30) % 360, 20, wall - 20),
        reflection: false,
      };
    }
    case "vivid": {
      const hue = p.s < 20 ? 330 : h;
      const wall = awayFrom(p, p.l > 50 ? 52 : 70, 20);
      return {
        mood,
        product,
        wallTop: hsl(hue, 78, wall + 8),
        wallBottom: hsl((hue + 12) % 360, 72, wall - 6),
        floorNear: hsl(hue, 70, wall - 2),
        floorFar: hsl((hue + 12) % 360, 66, wall - 12),
        glow: "#FFFFFF",
        glowOpacity: 0.35,
        shadow: hsl(hue, 60, 18),
        shadowOpacity: 0.45,
        vignette: 0.25,
        propA: hsl((hue + 180) % 360, 70, 60),
        propB: hsl((hue + 40) % 360, 85, 62),
        reflection: false,
      };
    }
    case "retro": {
      const wall = awayFrom(p, 86, 14);
      return {
        mood,
        product,
        wallTop: hsl(42, 60, wall + 3),
        wallBottom: hsl(34, 52, wall - 6),
        floorNear: hsl(30, 42, wall - 10),
        floorFar: hsl(26, 40, wall - 18),
        glow: "#FFF4D6",
        glowOpacity: 0.4,
        shadow: hsl(20, 45, 22),
        shadowOpacity: 0.42,
        vignette: 0.32,
        propA: "#E07A3F",
        propB: "#2A9D8F",
        reflection: false,
      };
    }
    case "sport": {
      const dark = p.l > 45;
      const wall = dark ? 20 : 88;
      return {
        mood,
        product,
        wallTop: hsl(218, 22, wall + 4),
        wallBottom: hsl(222, 26, wall - 6),
        floorNear: hsl(218, 18, wall + (dark ? 4 : -4)),
        floorFar: hsl(220, 20, wall - 8),
        glow: dark ? mix(product.main, "#FFFFFF", 0.5) : "#FFFFFF",
        glowOpacity: dark ? 0.3 : 0.5,
        shadow: "#05070C",
        shadowOpacity: dark ? 0.6 : 0.38,
        vignette: dark ? 0.45 : 0.2,
        rim: dark ? "#E6EEFF" : undefined,
        propA: product.main,
        propB: product.accent,
        reflection: dark,
      };
    }
    case "natural": {
      const wall = awayFrom(p, 86, 14);
      return {
        mood,
        product,
        wallTop: hsl(38, 32, wall + 3),
        wallBottom: hsl(34, 28, wall - 5),
        floorNear: hsl(30, 26, wall - 9),
        floorFar: hsl(28, 24, wall - 16),
        glow: "#FFF6E4",
        glowOpacity: 0.45,
        shadow: hsl(28, 30, 18),
        shadowOpacity: 0.4,
        vignette: 0.26,
        propA: "#7E9A6A",
        propB: "#C9A27A",
        reflection: false,
      };
    }
    default: {
      const wall = awayFrom(p, 86, 16);
      return {
        mood,
        product,
        wallTop: hsl(h, sat, clamp(wall + 4, 0, 97)),
        wallBottom: hsl(h, sat, wall - 5),
        floorNear: hsl(h, sat * 0.9, wall - 3),
        floorFar: hsl(h, sat * 0.9, wall - 11),
        glow: "#FFFFFF",
        glowOpacity: 0.45,
        shadow: hsl(h, 30, 16),
        shadowOpacity: 0.42,
        vignette: 0.24,
        propA: hsl((h + 25) % 360, sat, wall - 14),
        propB: hsl((h + 340) % 360, sat + 10, wall - 24),
        reflection: false,
      };
    }
  }
}
