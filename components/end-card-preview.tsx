"use client";

import { type CSSProperties, useEffect, useState } from "react";
import { AD_FONTS, type AdFontId } from "@/app/fonts";
import {
  END_CARD_TEXT,
  endCardColors,
  endCardLayout,
  luminance,
} from "@/lib/media/end-card-layout";
import type { Box } from "@/lib/media/safe-area";
import type { Ratio } from "./ad-options";

/** What the end card shows, as the compose will draw it (lib/media/end-card.ts). */
export type EndCardLook = {
  /** The brand's 1–3 colours; the default blue without any. */
  colors: string[];
  logoUrl?: string;
  /** The uploaded photo, else the first approved image. */
  productUrl?: string;
};

/**
 * The designed end card as the video will show it: the same layout per format, palette,
 * name size and button (the numbers come from lib/media/end-card-layout.ts, which the
 * renderer uses too), drawn with CSS at the preview's size. The product photo is shown as a
 * rounded print; the video cuts it out when its backdrop is plain.
 */
export function EndCardPreview({
  ratio,
  look,
  productName,
  callToAction,
  font,
}: {
  ratio: Ratio;
  look: EndCardLook;
  productName: string;
  callToAction: string;
  font: AdFontId;
}) {
  const [w, h] = ratio.split(":").map(Number);
  const W = w * 100;
  const H = h * 100;
  const c = endCardColors(look.colors);
  const layout = endCardLayout(ratio, W, H, {
    logo: !!look.logoUrl,
    product: !!look.productUrl,
  });
  // Boxes as percentages of the frame; sizes in cqh (1 % of the preview's height).
  const place = (b: Box): CSSProperties => ({
    position: "absolute",
    left: `${(b.x / W) * 100}%`,
    top: `${(b.y / H) * 100}%`,
    width: `${(b.width / W) * 100}%`,
    height: `${(b.height / H) * 100}%`,
  });
  const cqh = (px: number) => `${(px / H) * 100}cqh`;
  const t = END_CARD_TEXT;
  const glow = layout.product.width ? layout.product : layout.name;
  const light = `radial-gradient(circle at ${((glow.x + glow.width / 2) / W) * 100}% ${((glow.y + glow.height / 2) / H) * 100}%, rgba(255,255,255,0.35), rgba(255,255,255,0) ${cqh(Math.max(glow.width, glow.height) * 0.75)})`;
  const circle = (x: number, y: number, r: number) =>
    `radial-gradient(circle at ${x * 100}% ${y * 100}%, rgba(255,255,255,0.07) ${cqh(r * Math.min(W, H))}, rgba(255,255,255,0) ${cqh(r * Math.min(W, H))})`;
  const background = [
    light,
    circle(0.15, 0.2, 0.22),
    circle(0.85, 0.35, 0.16),
    circle(0.3, 0.85, 0.28),
    circle(0.9, 0.9, 0.2),
    `linear-gradient(to bottom right, ${c.from}, ${c.to})`,
  ].join(", ");
  const button = layout.button;
  const style = AD_FONTS[font].style as CSSProperties;
  const nameSize = useFittedSize(productName, style, layout.name, layout.name.height * t.nameSize);
  const padX = button.height * t.buttonPadding;
  const label = {
    x: 0,
    y: 0,
    width: button.width * t.buttonLabelWidth - 2 * padX,
    height: button.height * t.buttonLabelHeight,
  };
  const labelSize = useFittedSize(callToAction, style, label, button.height * t.buttonTextSize);
  // The video's words have a soft outline in the shade that contrasts with them (text-image.ts).
  const outline = (hex: string) =>
    `0 0 0.12em ${luminance(hex) > 0.35 ? "rgba(0,0,0,0.85)" : "rgba(255,255,255,0.85)"}`;
  return (
    <div
      className="absolute inset-0"
      style={{ background }}
      data-testid="end-card-preview"
      data-ratio={ratio}
      data-color={c.from}
    >
      {look.logoUrl ? (
        <div style={place(layout.logo)} className="flex items-center justify-center">
          <img src={look.logoUrl} alt="" className="max-h-full max-w-full object-contain" />
        </div>
      ) : null}
      {look.productUrl ? (
        <div style={place(layout.product)} className="flex items-center justify-center">
          <img
            src={look.productUrl}
            alt=""
            className="max-h-full max-w-full rounded-[6%] object-contain"
            style={{ filter: "drop-shadow(0 1cqh 1.5cqh rgba(0,0,0,0.45))" }}
          />
        </div>
      ) : null}
      {productName.trim() ? (
        <div style={place(layout.name)} className="flex items-center justify-center text-center">
          <p
            style={{
              ...style,
              color: c.text,
              fontSize: cqh(nameSize),
              lineHeight: LINE_HEIGHT,
              textWrap: "balance",
              textShadow: outline(c.text),
              overflowWrap: "anywhere",
            }}
            data-testid="end-card-name"
          >
            {productName}
          </p>
        </div>
      ) : null}
      <div style={place(button)} className="flex items-start justify-center">
        <span
          className="flex h-full items-center justify-center whitespace-nowrap"
          style={{
            ...style,
            maxWidth: "100%",
            overflow: "hidden",
            borderRadius: "9999px",
            paddingInline: cqh(padX),
            background: c.button,
            color: c.buttonText,
            fontSize: cqh(labelSize),
            lineHeight: LINE_HEIGHT,
          }}
          data-testid="end-card-button"
        >
          {callToAction || "Call to action"}
        </span>
      </div>
    </div>
  );
}

const LINE_HEIGHT = 1.2;

/**
 * The font size the video's text gets in this box (lib/media/text-image.ts): it starts at
 * `start`, wraps at the box's width, and shrinks until it fits with its outline's margin.
 * Measured in the browser once the font is loaded; until then, the starting size.
 */
function useFittedSize(text: string, style: CSSProperties, box: Box, start: number): number {
  const [size, setSize] = useState(start);
  const font = `${style.fontWeight ?? 400} {size}px ${style.fontFamily}`;
  useEffect(() => {
    let live = true;
    const measure = () => {
      if (live) setSize(fittedSize(text, font, box.width, box.height, start));
    };
    measure();
    void document.fonts?.ready.then(measure);
    return () => {
      live = false;
    };
  }, [text, font, box.width, box.height, start]);
  return size;
}

function fittedSize(text: string, font: string, W: number, H: number, start: number): number {
  const ctx = document.createElement("canvas").getContext("2d");
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!ctx || words.length === 0) return start;
  let size = Math.max(8, Math.round(start));
  for (let i = 0; i < 12; i++) {
    const pad = Math.ceil(size * 0.16); // the outline's margin (text-image.ts padFor)
    ctx.font = font.replace("{size}", String(size));
    const lines = wrapWords(words, (s) => ctx.measureText(s).width, W - 2 * pad);
    const width = Math.max(...lines.map((l) => ctx.measureText(l).width));
    const fit = Math.min(
      (W - 2 * pad) / width,
      (H - 2 * pad) / (lines.length * size * LINE_HEIGHT),
    );
    if (fit >= 1 || size <= 8) break;
    size = Math.max(8, Math.floor(size * Math.min(0.95, fit)));
  }
  return size;
}

/** Words in lines no wider than `max` (a longer word has a line of its own). */
function wrapWords(words: string[], width: (s: string) => number, max: number): string[] {
  const lines: string[] = [];
  for (const w of words) {
    const last = lines.at(-1);
    if (last !== undefined && width(`${last} ${w}`) <= max)
      lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines;
}
