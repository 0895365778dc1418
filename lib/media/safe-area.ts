// Where text may go in each format. Social players draw their own UI over the edges (a 9:16
// feed covers the bottom with captions and buttons), so text stays inside these margins.
import type { AspectRatio } from "./formats";

/** Margins as fractions of the frame: left/right, top, bottom. */
const MARGINS: Record<AspectRatio, { side: number; top: number; bottom: number }> = {
  "9:16": { side: 0.07, top: 0.1, bottom: 0.2 },
  "1:1": { side: 0.07, top: 0.07, bottom: 0.07 },
  "16:9": { side: 0.07, top: 0.08, bottom: 0.1 },
};

export type Box = { x: number; y: number; width: number; height: number };

export function safeArea(ratio: AspectRatio, width: number, height: number): Box {
  const m = MARGINS[ratio];
  const x = Math.round(width * m.side);
  const y = Math.round(height * m.top);
  return { x, y, width: width - 2 * x, height: height - y - Math.round(height * m.bottom) };
}

export type TextPosition = "top" | "center" | "bottom";

/**
 * Top-left corner for an image of the given size placed in the safe area: centred across,
 * and at the top, middle or bottom of the safe area. Clamped so it never leaves the frame.
 */
export function placeInSafeArea(
  area: Box,
  imageWidth: number,
  imageHeight: number,
  position: TextPosition,
) {
  const x = area.x + Math.round((area.width - imageWidth) / 2);
  const y =
    position === "top"
      ? area.y
      : position === "bottom"
        ? area.y + area.height - imageHeight
        : area.y + Math.round((area.height - imageHeight) / 2);
  return { x: Math.max(0, x), y: Math.max(0, y) };
}

/** Starting font size for a role, in pixels, from the frame's short side. */
export function baseFontSize(role: "title" | "cta", width: number, height: number): number {
  const short = Math.min(width, height);
  return Math.max(8, Math.round(short * (role === "title" ? 0.1 : 0.09)));
}
