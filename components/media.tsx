"use client";

import { useRef } from "react";
import type { AssetView } from "./session-types";

/** "1080x1920" → { width, height }; falls back to the ad's aspect ratio. */
export function dimensions(
  resolution: string | null | undefined,
  ratio = "9:16",
): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/.exec(resolution ?? "");
  if (m) return { width: Number(m[1]), height: Number(m[2]) };
  const [w, h] = ratio.split(":").map(Number);
  return { width: (w || 9) * 60, height: (h || 16) * 60 };
}

export const aspectStyle = (d: { width: number; height: number }) => ({
  aspectRatio: `${d.width} / ${d.height}`,
});

/** An image whose box is reserved before it loads (no layout shift). */
export function AssetImage({
  asset,
  ratio,
  alt,
  className = "",
  eager = false,
}: {
  asset: Pick<AssetView, "url" | "resolution">;
  ratio: string;
  alt: string;
  className?: string;
  eager?: boolean;
}) {
  const d = dimensions(asset.resolution, ratio);
  return (
    // Media comes from an authenticated route; a plain <img> with its size set.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={asset.url}
      alt={alt}
      width={d.width}
      height={d.height}
      style={aspectStyle(d)}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      className={`block h-auto w-full bg-slate-100 object-cover ${className}`}
    />
  );
}

/**
 * A clip that plays inline, muted, while the pointer is over it or it has focus (so
 * keyboard users get the same preview); otherwise it shows its first frame or the poster.
 */
export function ClipPreview({
  asset,
  ratio,
  poster,
  label,
}: {
  asset: Pick<AssetView, "url" | "resolution">;
  ratio: string;
  poster?: string;
  label: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  const d = dimensions(asset.resolution, ratio);
  const play = () => void ref.current?.play().catch(() => {});
  const stop = () => ref.current?.pause();
  return (
    <div className="relative">
      <video
        ref={ref}
        onMouseEnter={play}
        onMouseLeave={stop}
        onFocus={play}
        onBlur={stop}
        src={asset.url}
        poster={poster}
        width={d.width}
        height={d.height}
        style={aspectStyle(d)}
        muted
        loop
        playsInline
        preload="metadata"
        aria-label={label}
        tabIndex={0}
        className="block h-auto w-full bg-slate-900 object-cover"
        data-testid="clip-video"
      />
    </div>
  );
}

/** The box of a card still to come (images or clips), the same size as the card it becomes. */
export function CardPlaceholder({ ratio }: { ratio: string }) {
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white" aria-hidden>
      <div
        style={aspectStyle(dimensions(null, ratio))}
        className="animate-pulse bg-slate-200 motion-reduce:animate-none"
      />
      <div className="h-[4.6rem] p-2.5">
        <div className="h-4 w-16 rounded bg-slate-200" />
      </div>
    </div>
  );
}
