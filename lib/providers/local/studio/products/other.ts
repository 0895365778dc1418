// A product box — the generic product when the category is "other": a carton with a lid
// band, a label panel and an abstract emblem (never text).
import { mix } from "../../colour";
import { type Art, type ArtView, gloss, line, type Painter, roundRect, shaded } from "./art";

export function drawBox(p: Painter, view: ArtView): Art {
  const { c } = p;
  if (view === "top") {
    const face = roundRect(20, 20, 560, 560, 14);
    const markup = [
      shaded(p, face, c.main, { dir: "d", light: 0.25, dark: 0.2 }),
      `<rect x="20" y="250" width="560" height="100" fill="${c.accent}" opacity="0.9"/>`,
      emblem(p, 300, 300, 70),
      gloss(p, face, 180, 160, 260, 180, 0.25, -30),
    ].join("");
    return {
      w: 600,
      h: 600,
      markup,
      outline: face,
      focus: [300, 300],
      footprint: [20, 580],
      texture: "paper",
    };
  }
  if (view === "side") {
    // Three-quarter: the front face, the right face in perspective and the lid on top.
    const front = `M 40 200 L 420 240 L 420 760 L 40 720 Z`;
    const right = `M 420 240 L 660 170 L 660 690 L 420 760 Z`;
    const lid = `M 40 200 L 280 130 L 660 170 L 420 240 Z`;
    const markup = [
      shaded(p, front, c.main, { light: 0.18, dark: 0.2 }),
      shaded(p, right, mix(c.main, "#000000", 0.22), { light: 0.1, dark: 0.25 }),
      shaded(p, lid, mix(c.main, "#FFFFFF", 0.25), { dir: "h", light: 0.15, dark: 0.1 }),
      `<path d="M 40 300 L 420 340 L 420 420 L 40 380 Z" fill="${c.accent}"/>`,
      `<path d="M 420 340 L 660 270 L 660 350 L 420 420 Z" fill="${mix(c.accent, "#000000", 0.25)}"/>`,
      `<g transform="matrix(1 0.105 0 1 0 0)">${emblem(p, 230, 520, 70)}</g>`,
      line("M 420 240 L 420 760", "#FFFFFF", 3, 0.35),
      line("M 40 200 L 420 240 L 660 170", "#FFFFFF", 3, 0.5),
      gloss(p, front, 160, 420, 120, 260, 0.22, -10),
    ].join("");
    return {
      w: 700,
      h: 770,
      markup,
      outline: `M 40 200 L 280 130 L 660 170 L 660 690 L 420 760 L 40 720 Z`,
      focus: [260, 460],
      footprint: [40, 660],
      texture: "paper",
    };
  }
  const face = roundRect(20, 60, 460, 640, 10);
  const lid = roundRect(10, 20, 480, 110, 12);
  const markup = [
    shaded(p, face, c.main, { dir: "h", light: 0.2, dark: 0.25 }),
    `<rect x="20" y="${view === "back" ? 520 : 300}" width="460" height="${view === "back" ? 60 : 110}" fill="${c.accent}"/>`,
    view === "back"
      ? [0, 1, 2, 3]
          .map(
            (i) =>
              `<rect x="70" y="${220 + i * 44}" width="${[300, 260, 320, 200][i]}" height="14" rx="7" fill="${c.accent}" opacity="0.55"/>`,
          )
          .join("")
      : emblem(p, 250, 470, 80),
    shaded(p, lid, mix(c.main, "#FFFFFF", 0.12), { light: 0.25, dark: 0.2 }),
    gloss(p, face, 130, 300, 110, 300, 0.22, -8),
  ].join("");
  return {
    w: 500,
    h: 700,
    markup,
    outline: `${face} ${lid}`,
    focus: [250, 420],
    footprint: [20, 480],
    texture: "paper",
  };
}

/** An abstract brand mark: concentric shapes in the accent and trim colours. */
export function emblem(p: Painter, cx: number, cy: number, r: number): string {
  const { c } = p;
  return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${c.trim}" stroke-width="${r * 0.12}" opacity="0.9"/><path d="M ${cx - r * 0.5} ${cy + r * 0.3} L ${cx} ${cy - r * 0.55} L ${cx + r * 0.5} ${cy + r * 0.3} Z" fill="${c.trim}" opacity="0.9"/>`;
}
