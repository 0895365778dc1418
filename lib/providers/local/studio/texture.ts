// Material texture for close-ups, drawn as stroked lines in screen pixels so the weave has a
// believable scale whatever the zoom: mesh dots for sneakers, knit for apparel, pebbled
// leather, brushed metal... Strokes, not SVG patterns: librsvg paints small pattern tiles
// one by one, which took seconds at 1080×1920; dashed strokes take milliseconds.
import type { Rng } from "../seeded";
import type { Texture } from "./products/art";
import { fmt } from "./svg";

export type Region = { x0: number; y0: number; x1: number; y1: number };

export function textureStrokes(
  kind: Texture,
  rng: Rng,
  r: Region,
  unit: number,
  ink: string,
): string {
  const s = Math.max(3, unit);
  const rows: string[] = [];
  const row = (y: number, attrs: string, x0 = r.x0, x1 = r.x1) =>
    rows.push(`<path d="M ${fmt(x0)} ${fmt(y)} H ${fmt(x1)}" ${attrs}/>`);
  switch (kind) {
    case "mesh": {
      // A staggered grid of round dots: zero-length dashes with round caps.
      for (let y = r.y0, i = 0; y <= r.y1; y += s * 0.87, i++) {
        row(
          y,
          `stroke-dasharray="0 ${fmt(s)}" stroke-dashoffset="${fmt(i % 2 ? s / 2 : 0)}" stroke-width="${fmt(s * 0.5)}" stroke-linecap="round"`,
        );
      }
      return `<g stroke="${ink}" fill="none" opacity="0.22">${rows.join("")}</g>`;
    }
    case "knit":
    case "fabric": {
      // Rows of small zigzags, like stockinette stitches.
      for (let y = r.y0; y <= r.y1; y += s * 0.9) {
        let d = `M ${fmt(r.x0)} ${fmt(y)}`;
        for (let x = r.x0, up = true; x <= r.x1; x += s / 2, up = !up)
          d += ` L ${fmt(x + s / 2)} ${fmt(up ? y + s * 0.7 : y)}`;
        rows.push(`<path d="${d}"/>`);
      }
      return `<g stroke="${ink}" stroke-width="${fmt(s * 0.14)}" fill="none" opacity="${kind === "knit" ? 0.22 : 0.14}">${rows.join("")}</g>`;
    }
    case "leather": {
      // Irregular pebbles: dashed rows with uneven gaps and offsets.
      for (let y = r.y0; y <= r.y1; y += s * 0.6) {
        const dashes = Array.from({ length: 8 }, () => `0 ${fmt(s * rng.range(0.6, 1.8))}`).join(
          " ",
        );
        row(
          y,
          `stroke-dasharray="${dashes}" stroke-dashoffset="${fmt(rng.range(0, s * 5))}" stroke-width="${fmt(s * rng.range(0.25, 0.4))}" stroke-linecap="round"`,
        );
      }
      return `<g stroke="${ink}" fill="none" opacity="0.16">${rows.join("")}</g>`;
    }
    case "brushed": {
      for (let y = r.y0; y <= r.y1; y += s * 0.35)
        row(y, `stroke-width="${fmt(s * 0.08)}" stroke-opacity="${fmt(rng.range(0.05, 0.3))}"`);
      return `<g stroke="#FFFFFF" fill="none" opacity="0.6">${rows.join("")}</g>`;
    }
    case "wood": {
      // Long grain lines that wander a little, darker than the wood.
      for (let y = r.y0; y <= r.y1; y += s * rng.range(0.6, 1.6)) {
        const k = rng.range(-0.4, 0.4) * s;
        rows.push(
          `<path d="M ${fmt(r.x0)} ${fmt(y)} C ${fmt(r.x0 + (r.x1 - r.x0) * 0.3)} ${fmt(y + k)} ${fmt(r.x0 + (r.x1 - r.x0) * 0.7)} ${fmt(y - k)} ${fmt(r.x1)} ${fmt(y)}" stroke-width="${fmt(s * rng.range(0.06, 0.2))}"/>`,
        );
      }
      return `<g stroke="${ink}" fill="none" opacity="0.22">${rows.join("")}</g>`;
    }
    case "glass": {
      for (let i = 0; i < 6; i++) {
        const x = r.x0 + (r.x1 - r.x0) * rng.next();
        rows.push(
          `<path d="M ${fmt(x)} ${fmt(r.y1)} L ${fmt(x + (r.y1 - r.y0) * 0.6)} ${fmt(r.y0)}" stroke-width="${fmt(s * rng.range(0.3, 1.5))}"/>`,
        );
      }
      return `<g stroke="#FFFFFF" fill="none" opacity="0.12">${rows.join("")}</g>`;
    }
    default: {
      // Paper, ceramic, wax: a sparse speckle.
      for (let y = r.y0; y <= r.y1; y += s * 1.3) {
        const dashes = Array.from({ length: 6 }, () => `0 ${fmt(s * rng.range(2, 6))}`).join(" ");
        row(
          y,
          `stroke-dasharray="${dashes}" stroke-dashoffset="${fmt(rng.range(0, s * 20))}" stroke-width="${fmt(s * rng.range(0.12, 0.25))}" stroke-linecap="round"`,
        );
      }
      return `<g stroke="${ink}" fill="none" opacity="0.2">${rows.join("")}</g>`;
    }
  }
}
