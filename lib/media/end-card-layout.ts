// Where the end card's parts go in each format, and its colours. Pure arithmetic: boxes in
// pixels inside the format's safe area. 9:16 and 1:1 stack logo, product, name and button;
// 16:9 puts the product on the left and the words on the right.
import type { AspectRatio } from "./formats";
import { type Box, safeArea } from "./safe-area";

export type EndCardLayout = {
  /** Each part fits inside its box (centred in it); absent parts have no box. */
  logo: Box;
  product: Box;
  name: Box;
  button: Box;
};

/** Share of the frame's height (stacked) or of the right column (side by side) per part. */
const STACK: Record<
  "9:16" | "1:1",
  { logo: number; product: number; name: number; button: number; gap: number }
> = {
  "9:16": { logo: 0.07, product: 0.36, name: 0.11, button: 0.065, gap: 0.025 },
  "1:1": { logo: 0.09, product: 0.38, name: 0.12, button: 0.1, gap: 0.02 },
};

export function endCardLayout(
  ratio: AspectRatio,
  W: number,
  H: number,
  has: { logo: boolean; product: boolean },
): EndCardLayout {
  const area = safeArea(ratio, W, H);
  const empty = (y: number): Box => ({ x: area.x, y, width: 0, height: 0 });
  if (ratio === "16:9") {
    const gap = Math.round(area.width * 0.04);
    const left: Box = { ...area, width: has.product ? Math.round(area.width * 0.48) : 0 };
    const right: Box = has.product
      ? {
          x: area.x + left.width + gap,
          y: area.y,
          width: area.width - left.width - gap,
          height: area.height,
        }
      : area;
    const parts = stack(
      right,
      [has.logo ? 0.18 : 0, 0, has.product ? 0.3 : 0.4, 0.17],
      Math.round(area.height * 0.06),
    );
    return {
      logo: has.logo ? parts[0] : empty(area.y),
      product: has.product ? insetBox(left, 0.02) : empty(area.y),
      name: parts[2],
      button: parts[3],
    };
  }
  const s = STACK[ratio];
  const parts = stack(
    area,
    [
      has.logo ? s.logo : 0,
      has.product ? s.product : 0,
      has.product ? s.name : s.name * 1.6,
      s.button,
    ].map((share) => (share * H) / area.height),
    Math.round(H * s.gap),
  );
  return { logo: parts[0], product: parts[1], name: parts[2], button: parts[3] };
}

/**
 * The card's words, as shares of their box's height (or width): drawn by end-card.ts, shown
 * alike by the Finish step's preview (components/end-card-preview.tsx).
 */
export const END_CARD_TEXT = {
  /** The product name's font size. */
  nameSize: 0.55,
  /** The button's label: its font size, its side padding, and how far it may fill the box. */
  buttonTextSize: 0.45,
  buttonPadding: 0.5,
  buttonLabelWidth: 0.86,
  buttonLabelHeight: 0.8,
} as const;

/** Boxes of these shares of `area`'s height, one under the other, centred as a group. */
function stack(area: Box, shares: number[], gap: number): Box[] {
  const heights = shares.map((f) => Math.round(f * area.height));
  const used = heights.reduce((a, b) => a + b, 0) + gap * (heights.filter((h) => h > 0).length - 1);
  let y = area.y + Math.max(0, Math.round((area.height - used) / 2));
  return heights.map((h) => {
    const box = { x: area.x, y, width: h > 0 ? area.width : 0, height: h };
    if (h > 0) y += h + gap;
    return box;
  });
}

function insetBox(b: Box, f: number): Box {
  const d = Math.round(Math.min(b.width, b.height) * f);
  return { x: b.x + d, y: b.y + d, width: b.width - 2 * d, height: b.height - 2 * d };
}

/** Relative luminance (WCAG) of #RRGGBB. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** #RRGGBB mixed toward black (amount < 0) or white (amount > 0). */
export function shade(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const target = amount < 0 ? 0 : 255;
  const k = Math.abs(amount);
  const mix = (v: number) => Math.round(v + (target - v) * k);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, "0").toUpperCase()}`;
}

export type EndCardColors = {
  /** The gradient's two ends. */
  from: string;
  to: string;
  /** The product name's colour. */
  text: string;
  button: string;
  buttonText: string;
};

/** The card's palette from the brand's 1–3 colours (a default blue without any). */
export function endCardColors(colors: string[]): EndCardColors {
  const base = (colors[0] ?? "#4F46E5").toUpperCase();
  const to = (colors[1] ?? shade(base, luminance(base) > 0.4 ? -0.35 : 0.25)).toUpperCase();
  const mid = shade(base, 0); // the name sits on the gradient's first half
  const text = contrast("#FFFFFF", mid) >= contrast("#111111", mid) ? "#FFFFFF" : "#111111";
  // The button: the brand's accent when it stands out from the background, else the text colour.
  const accent = colors[2] ?? colors[1];
  const button =
    accent && contrast(accent, base) >= 2.5 && contrast(accent, to) >= 1.5
      ? accent.toUpperCase()
      : text;
  const buttonText =
    contrast("#FFFFFF", button) >= contrast("#111111", button) ? "#FFFFFF" : "#111111";
  return { from: base, to, text, button, buttonText };
}
