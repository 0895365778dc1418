"use client";

import type { CSSProperties } from "react";
import { AD_FONTS, type AdFontId } from "@/app/fonts";
import { END_CARD_TEXT, endCardColors, endCardLayout } from "@/lib/media/end-card-layout";
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
              ...AD_FONTS[font].style,
              color: c.text,
              fontSize: cqh(layout.name.height * t.nameSize),
              lineHeight: 1.1,
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
            ...AD_FONTS[font].style,
            maxWidth: "100%",
            overflow: "hidden",
            borderRadius: "9999px",
            paddingInline: cqh(button.height * t.buttonPadding),
            background: c.button,
            color: c.buttonText,
            fontSize: cqh(button.height * t.buttonTextSize),
          }}
          data-testid="end-card-button"
        >
          {callToAction || "Call to action"}
        </span>
      </div>
    </div>
  );
}
