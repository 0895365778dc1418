"use client";

import { type CSSProperties, useState } from "react";
import { AD_FONTS, type AdFontId } from "@/app/fonts";
import { safeArea } from "@/lib/media/safe-area";
import type { Ratio } from "./ad-options";
import { type EndCardLook, EndCardPreview } from "./end-card-preview";
import type { AssetView } from "./session-types";

const WIDTHS: Record<Ratio, string> = {
  "9:16": "max-w-[15rem]",
  "1:1": "max-w-[22rem]",
  "16:9": "max-w-full",
};

/** A darker or lighter outline than the text, as the renderer draws it, so text reads on any frame. */
function outlineOf(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const lum = 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
  return lum > 140 ? "rgba(0,0,0,0.75)" : "rgba(255,255,255,0.85)";
}

/**
 * How the title and the end card will look: the first approved clip playing (muted, looped)
 * in the chosen format, cropped like the composition crops it, with the title in the chosen
 * font and colour inside the format's safe area; the designed end card as the video draws
 * it (./end-card-preview.tsx).
 */
export function TitlePreview({
  clip,
  poster,
  ratios,
  productName,
  callToAction,
  color,
  font,
  card,
}: {
  clip?: AssetView;
  poster?: string;
  ratios: Ratio[];
  productName: string;
  callToAction: string;
  color: string;
  font: AdFontId;
  /** The brand colours, logo and product picture of the end card. */
  card: EndCardLook;
}) {
  const [ratioChoice, setRatio] = useState<Ratio>();
  const ratio = ratioChoice && ratios.includes(ratioChoice) ? ratioChoice : (ratios[0] ?? "9:16");
  const [part, setPart] = useState<"title" | "card">("title");
  const [w, h] = ratio.split(":").map(Number);
  const box = safeArea(ratio, w * 100, h * 100);
  const inset: CSSProperties = {
    left: `${(box.x / (w * 100)) * 100}%`,
    top: `${(box.y / (h * 100)) * 100}%`,
    width: `${(box.width / (w * 100)) * 100}%`,
    height: `${(box.height / (h * 100)) * 100}%`,
  };
  const text: CSSProperties = {
    ...AD_FONTS[font].style,
    color,
    WebkitTextStroke: `0.06em ${outlineOf(color)}`,
    paintOrder: "stroke fill",
    fontSize: "10cqmin",
    lineHeight: 1.15,
    overflowWrap: "anywhere",
  };
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <fieldset className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5 text-xs">
          <legend className="sr-only">Preview part</legend>
          {(["title", "card"] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={part === p}
              onClick={() => setPart(p)}
              className={`rounded-md px-2 py-1 font-medium ${part === p ? "bg-slate-900 text-white" : "text-slate-600"}`}
            >
              {p === "title" ? "Opening title" : "End card"}
            </button>
          ))}
        </fieldset>
        {ratios.length > 1 ? (
          <fieldset className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5 text-xs">
            <legend className="sr-only">Preview format</legend>
            {ratios.map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={ratio === r}
                onClick={() => setRatio(r)}
                className={`rounded-md px-2 py-1 font-medium ${ratio === r ? "bg-slate-900 text-white" : "text-slate-600"}`}
              >
                {r}
              </button>
            ))}
          </fieldset>
        ) : null}
      </div>
      <div className="flex justify-center">
        <div
          className={`relative w-full overflow-hidden rounded-xl bg-slate-900 shadow-inner ${WIDTHS[ratio]}`}
          style={{ aspectRatio: `${w} / ${h}`, containerType: "size" }}
          data-testid="title-preview"
        >
          {part === "card" ? (
            <EndCardPreview
              ratio={ratio}
              look={card}
              productName={productName}
              callToAction={callToAction}
              font={font}
            />
          ) : clip ? (
            <video
              key={clip.id}
              src={clip.url}
              poster={poster}
              muted
              loop
              autoPlay
              playsInline
              preload="metadata"
              aria-hidden
              className="absolute inset-0 h-full w-full object-cover"
            />
          ) : null}
          {part === "title" ? (
            <div className="absolute flex items-center justify-center text-center" style={inset}>
              <p style={text} data-testid="preview-text">
                {productName || "Product name"}
              </p>
            </div>
          ) : null}
          <div
            className="pointer-events-none absolute border border-dashed border-white/30"
            style={inset}
            aria-hidden
          />
        </div>
      </div>
      <p className="text-xs text-slate-500">
        The dashed box is the safe area: players draw their buttons outside it.
      </p>
    </div>
  );
}
