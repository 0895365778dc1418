// Beauty packaging: a cosmetics jar (cream, balm, candle) with a wide lid, and a perfume
// flacon in glass with a heavy cap, per view.
import { mix } from "../../colour";
import {
  type Art,
  type ArtView,
  cylinder,
  ellipsePath,
  gloss,
  occlude,
  type Painter,
  roundRect,
  shaded,
  textLines,
} from "./art";
import { emblem } from "./other";

export function drawJar(p: Painter, view: ArtView): Art {
  const { c } = p;
  const lidColour = c.metal === "#C9CCD1" ? c.accent : c.metal;
  if (view === "top") {
    const lid = ellipsePath(260, 260, 240, 240);
    const markup = [
      shaded(p, lid, lidColour, { dir: "d", light: 0.35, dark: 0.3 }),
      `<path d="${ellipsePath(260, 260, 200, 200)}" fill="none" stroke="${mix(lidColour, "#000000", 0.2)}" stroke-width="6"/>`,
      `<g opacity="0.85">${emblem({ ...p, c: { ...c, trim: c.main } }, 260, 260, 70)}</g>`,
      gloss(p, lid, 180, 160, 140, 70, 0.45, -35),
    ].join("");
    return {
      w: 520,
      h: 520,
      markup,
      outline: lid,
      focus: [260, 260],
      footprint: [20, 500],
      texture: "ceramic",
    };
  }
  // Side view: the lid is off and leans against the jar, so the cream shows.
  const open = view === "side";
  const body =
    "M 50 170 L 470 170 L 470 330 C 470 350 456 360 436 360 L 84 360 C 64 360 50 350 50 330 Z";
  const lid = open ? roundRect(470, 150, 70, 210, 22) : roundRect(38, 50, 444, 124, 20);
  const lidTop = open ? "" : ellipsePath(260, 52, 222, 22);
  const cream = open
    ? `${ellipsePath(260, 172, 210, 26)} M 150 168 C 200 130 300 130 340 168 Z`
    : "";
  const markup = [
    cylinder(p, body, c.main, { shine: 0.35, edge: 0.35 }),
    open
      ? `<path d="${ellipsePath(260, 172, 210, 26)}" fill="${mix(c.trim, c.main, 0.2)}"/><path d="M 150 168 C 200 130 300 130 340 168 Z" fill="${c.trim}"/>`
      : "",
    open
      ? shaded(p, lid, lidColour, { dir: "h", light: 0.35, dark: 0.35 })
      : cylinder(p, lid, lidColour, { shine: 0.5, edge: 0.4 }),
    lidTop ? `<path d="${lidTop}" fill="${mix(lidColour, "#FFFFFF", 0.25)}"/>` : "",
    view === "front"
      ? `<rect x="50" y="220" width="420" height="90" fill="${mix(c.accent, c.main, 0.2)}" opacity="0.55"/><g opacity="0.9">${emblem({ ...p, c: { ...c, trim: c.trim } }, 260, 265, 34)}</g>`
      : view === "back"
        ? textLines(120, 210, [280, 220, 250, 160], 10, mix(c.main, "#000000", 0.45))
        : "",
    occlude(p, body, 300, 360, 0.2),
  ].join("");
  return {
    w: open ? 560 : 520,
    h: 370,
    markup,
    outline: `${body} ${lid} ${lidTop} ${cream}`,
    focus: [260, 220],
    footprint: [50, 470],
    texture: "ceramic",
  };
}

export function drawPerfume(p: Painter, view: ArtView): Art {
  const { c, defs } = p;
  const capColour = c.metal;
  if (view === "top") {
    const glass = roundRect(20, 90, 360, 220, 30);
    const cap = roundRect(130, 130, 140, 140, 20);
    const markup = [
      `<path d="${glass}" fill="${c.main}" fill-opacity="0.8"/>`,
      `<path d="${roundRect(50, 120, 300, 160, 18)}" fill="${mix(c.main, "#000000", 0.25)}" opacity="0.6"/>`,
      shaded(p, cap, capColour, { dir: "d", light: 0.4, dark: 0.35 }),
      gloss(p, glass, 120, 140, 110, 40, 0.5, -20),
    ].join("");
    return {
      w: 400,
      h: 400,
      markup,
      outline: `${glass} ${cap}`,
      focus: [200, 200],
      footprint: [20, 380],
      texture: "glass",
    };
  }
  // The flacon: thick bevelled glass around the juice; narrower from the side.
  const side = view === "side";
  const [x0, x1] = side ? [110, 290] : [30, 370];
  const glass = `M ${x0 + 40} 220 L ${x1 - 40} 220 L ${x1} 260 L ${x1} 620 L ${x1 - 40} 660 L ${x0 + 40} 660 L ${x0} 620 L ${x0} 260 Z`;
  const juice = roundRect(x0 + 30, 300, x1 - x0 - 60, 330, 14);
  const collar = roundRect(165, 190, 70, 36, 6);
  const cap = side ? roundRect(150, 30, 100, 164, 12) : roundRect(120, 30, 160, 164, 12);
  const glassFill = defs.linear(
    [
      [0, mix(c.main, "#FFFFFF", 0.55)],
      [0.5, mix(c.main, "#FFFFFF", 0.2)],
      [1, mix(c.main, "#000000", 0.15)],
    ],
    0,
    0,
    1,
    1,
  );
  const markup = [
    `<path d="${glass}" fill="${glassFill}" fill-opacity="0.85"/>`,
    `<path d="${juice}" fill="${mix(c.main, "#000000", 0.2)}" opacity="0.75"/>`,
    `<path d="M ${x0 + 40} 220 L ${x0} 260 L ${x0} 620 L ${x0 + 40} 660 L ${x0 + 40} 220 Z" fill="#FFFFFF" opacity="0.25"/>`,
    `<path d="M ${x1 - 40} 220 L ${x1} 260 L ${x1} 620 L ${x1 - 40} 660 Z" fill="#000000" opacity="0.12"/>`,
    shaded(p, collar, capColour, { dir: "h", light: 0.4, dark: 0.4 }),
    cylinder(p, cap, capColour, { shine: 0.6, edge: 0.45 }),
    view === "front"
      ? `<rect x="110" y="420" width="180" height="70" rx="4" fill="${c.trim}" opacity="0.85"/><g opacity="0.85">${emblem({ ...p, c: { ...c, trim: capColour } }, 200, 455, 22)}</g>`
      : view === "back"
        ? textLines(130, 430, [140, 100, 120], 8, mix(c.trim, "#FFFFFF", 0.3))
        : "",
    gloss(p, glass, x0 + 70, 360, 20, 200, 0.55, 0),
  ].join("");
  return {
    w: 400,
    h: 660,
    markup,
    outline: `${glass} ${collar} ${cap}`,
    focus: [200, 380],
    footprint: [x0, x1],
    texture: "glass",
  };
}
