// What every product drawing returns, and the shading helpers they share. Products are
// drawn in their own unit box (origin top-left, resting on y = h) and placed by compose.ts.
import { mix } from "../../colour";
import type { Rng } from "../../seeded";
import type { ProductColours } from "../look";
import type { Material } from "../material";
import type { SvgDefs } from "../svg";

export type ArtView = "front" | "side" | "back" | "top";

/** Surface pattern laid over the product in close-ups. */
export type Texture =
  | "mesh"
  | "knit"
  | "leather"
  | "brushed"
  | "glass"
  | "ceramic"
  | "fabric"
  | "paper"
  | "wax"
  | "wood";

export type Art = {
  w: number;
  h: number;
  markup: string;
  /** Outline path of the whole product: rim light, texture clip, reflection. */
  outline: string;
  /** The main material's area, where close-ups show the texture (default: the outline). */
  material?: string;
  /** Where a close-up should look (unit coordinates). */
  focus: [number, number];
  /** x range touching the ground, for the contact shadow. */
  footprint: [number, number];
  texture: Texture;
};

export type Painter = { defs: SvgDefs; c: ProductColours; rng: Rng; m: Material };

const WHITE = "#FFFFFF";
const BLACK = "#000000";

/** A shape filled with a light-to-dark gradient of its colour (light from above by default). */
export function shaded(
  p: Painter,
  d: string,
  colour: string,
  o: { light?: number; dark?: number; dir?: "v" | "h" | "d" | "hr"; extra?: string } = {},
): string {
  const light = o.light ?? 0.22,
    dark = o.dark ?? 0.28;
  const [x1, y1, x2, y2] =
    o.dir === "h"
      ? [0, 0, 1, 0]
      : o.dir === "hr"
        ? [1, 0, 0, 0]
        : o.dir === "d"
          ? [0, 0, 1, 1]
          : [0, 0, 0, 1];
  const fill = p.defs.linear(
    [
      [0, mix(colour, WHITE, light)],
      [0.45, colour],
      [1, mix(colour, BLACK, dark)],
    ],
    x1,
    y1,
    x2,
    y2,
  );
  return `<path d="${d}" fill="${fill}"${o.extra ? ` ${o.extra}` : ""}/>`;
}

/** A cylinder-like fill: dark edges, a bright band left of centre (bottles, mugs, cans). */
export function cylinder(
  p: Painter,
  d: string,
  colour: string,
  o: { shine?: number; edge?: number } = {},
): string {
  const shine = (o.shine ?? 0.45) * Math.min(1.4, p.m.shine),
    edge = (o.edge ?? 0.35) * (p.m.metallic ? 1.2 : 1);
  const fill = p.defs.linear(
    [
      [0, mix(colour, BLACK, edge)],
      [0.18, mix(colour, BLACK, edge * 0.2)],
      [0.3, mix(colour, WHITE, shine)],
      [0.42, colour],
      [0.8, mix(colour, BLACK, edge * 0.45)],
      [1, mix(colour, BLACK, edge)],
    ],
    0,
    0,
    1,
    0,
  );
  return `<path d="${d}" fill="${fill}"/>`;
}

/** A soft highlight clipped to a shape: an ellipse of white fading out. */
export function gloss(
  p: Painter,
  clipD: string,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  opacity = 0.35,
  rotate = 0,
): string {
  const clip = p.defs.clip(`<path d="${clipD}"/>`);
  const fill = p.defs.radial([
    [0, WHITE, Math.min(0.9, opacity * p.m.shine)],
    [1, WHITE, 0],
  ]);
  return `<g clip-path="${clip}"><ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${fill}" transform="rotate(${rotate} ${cx} ${cy})"/></g>`;
}

/** A darkening at one side of a shape (ambient occlusion near the ground, creases). */
export function occlude(
  p: Painter,
  clipD: string,
  y0: number,
  y1: number,
  opacity = 0.3,
  colour = BLACK,
): string {
  const clip = p.defs.clip(`<path d="${clipD}"/>`);
  const fill = p.defs.linearAt(
    [
      [0, colour, 0],
      [1, colour, opacity],
    ],
    0,
    y0,
    0,
    y1,
  );
  return `<g clip-path="${clip}"><rect x="-10000" y="${Math.min(y0, y1)}" width="20000" height="${Math.abs(y1 - y0)}" fill="${fill}"/></g>`;
}

export function line(d: string, colour: string, width: number, opacity = 1, dash?: string): string {
  return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round"${opacity < 1 ? ` stroke-opacity="${opacity}"` : ""}${dash ? ` stroke-dasharray="${dash}"` : ""}/>`;
}

export const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

/** A rounded rectangle as a path (so it can be clipped and outlined like any other shape). */
export function roundRect(x: number, y: number, w: number, h: number, r: number): string {
  const rr = Math.min(r, w / 2, h / 2);
  return `M ${x + rr} ${y} H ${x + w - rr} A ${rr} ${rr} 0 0 1 ${x + w} ${y + rr} V ${y + h - rr} A ${rr} ${rr} 0 0 1 ${x + w - rr} ${y + h} H ${x + rr} A ${rr} ${rr} 0 0 1 ${x} ${y + h - rr} V ${y + rr} A ${rr} ${rr} 0 0 1 ${x + rr} ${y} Z`;
}

/** Clockwise on screen, like roundRect: overlapping outlines add up instead of cancelling. */
export function ellipsePath(cx: number, cy: number, rx: number, ry: number): string {
  return `M ${cx - rx} ${cy} A ${rx} ${ry} 0 1 1 ${cx + rx} ${cy} A ${rx} ${ry} 0 1 1 ${cx - rx} ${cy} Z`;
}

/** An elliptical ring (a handle, a loop): the outer ellipse with the inner one cut out. */
export function ringPath(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  thickness: number,
): string {
  const ix = rx - thickness,
    iy = ry - thickness;
  // The inner ellipse runs the other way round: under the non-zero rule it is a hole.
  return `${ellipsePath(cx, cy, rx, ry)} M ${cx - ix} ${cy} A ${ix} ${iy} 0 1 0 ${cx + ix} ${cy} A ${ix} ${iy} 0 1 0 ${cx - ix} ${cy} Z`;
}

/** Rows of rounded bars standing in for small print (never real text). */
export function textLines(
  x: number,
  y: number,
  widths: number[],
  height: number,
  colour: string,
): string {
  return widths
    .map(
      (w, i) =>
        `<rect x="${x}" y="${y + i * height * 2.4}" width="${w}" height="${height}" rx="${height / 2}" fill="${colour}" opacity="0.7"/>`,
    )
    .join("");
}
