// Electronics: over-ear headphones, a phone, a portable speaker and a laptop, per view.
import { mix } from "../../colour";
import {
  type Art,
  type ArtView,
  cylinder,
  ellipsePath,
  gloss,
  line,
  occlude,
  type Painter,
  roundRect,
  shaded,
} from "./art";
import { emblem } from "./other";

export type ElectronicsKind = "headphones" | "phone" | "speaker" | "laptop";

export function drawElectronics(p: Painter, view: ArtView, kind: ElectronicsKind): Art {
  switch (kind) {
    case "headphones":
      return view === "side"
        ? headphonesSide(p)
        : view === "top"
          ? headphonesTop(p)
          : headphonesFront(p, view === "back");
    case "phone":
      return view === "front" ? phoneFront(p) : view === "side" ? phoneSide(p) : phoneBack(p);
    case "laptop":
      return view === "front"
        ? laptopFront(p)
        : view === "side"
          ? laptopSide(p)
          : laptopLid(p, view === "top");
    default:
      return view === "top" ? speakerTop(p) : speaker(p, view);
  }
}

function cup(
  p: Painter,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  inward: number,
  ring: boolean,
): string {
  const { c } = p;
  const shell = ellipsePath(cx, cy, rx, ry);
  return [
    `<path d="${ellipsePath(cx + inward * rx * 0.35, cy, rx * 0.8, ry * 0.92)}" fill="${c.ink}"/>`,
    shaded(p, shell, c.main, { dir: inward > 0 ? "hr" : "h", light: 0.3, dark: 0.35 }),
    ring
      ? `<path d="${ellipsePath(cx, cy, rx * 0.62, ry * 0.66)}" fill="none" stroke="${c.accent}" stroke-width="${rx * 0.08}" opacity="0.9"/>`
      : "",
    gloss(p, shell, cx - rx * 0.3, cy - ry * 0.4, rx * 0.5, ry * 0.35, 0.4, -20),
  ].join("");
}

function headphonesFront(p: Painter, back: boolean): Art {
  const { c } = p;
  const band = `M 70 440 C 56 70 644 70 630 440 L 590 440 C 600 140 100 140 110 440 Z`;
  const pad = `M 150 210 C 230 130 470 130 550 210 L 530 232 C 460 168 240 168 170 232 Z`;
  const markup = [
    shaded(p, band, c.main, { light: 0.3, dark: 0.3 }),
    shaded(p, pad, c.ink, { light: 0.15, dark: 0.2 }),
    gloss(p, band, 350, 130, 240, 26, 0.45),
    `<rect x="76" y="400" width="30" height="90" rx="8" fill="${c.metal}"/>`,
    `<rect x="594" y="400" width="30" height="90" rx="8" fill="${c.metal}"/>`,
    cup(p, 105, 570, 88, 140, back ? -1 : 1, !back),
    cup(p, 595, 570, 88, 140, back ? 1 : -1, !back),
  ].join("");
  return {
    w: 700,
    h: 720,
    markup,
    outline: `${band} ${ellipsePath(105, 570, 88, 140)} ${ellipsePath(595, 570, 88, 140)}`,
    focus: [130, 520],
    footprint: [30, 670],
    texture: "leather",
  };
}

function headphonesSide(p: Painter): Art {
  const { c } = p;
  const band = `M 190 380 C 150 140 300 30 450 60 L 444 108 C 320 90 232 180 250 380 Z`;
  const shell = ellipsePath(260, 530, 170, 190);
  const markup = [
    shaded(p, band, c.main, { dir: "h", light: 0.3, dark: 0.3 }),
    `<rect x="200" y="330" width="36" height="90" rx="9" fill="${c.metal}" transform="rotate(-8 218 375)"/>`,
    `<path d="${ellipsePath(275, 530, 150, 178)}" fill="${c.ink}"/>`,
    shaded(p, shell, c.main, { dir: "d", light: 0.3, dark: 0.35 }),
    `<path d="${ellipsePath(260, 530, 112, 128)}" fill="${mix(c.main, "#000000", 0.12)}"/>`,
    `<path d="${ellipsePath(260, 530, 112, 128)}" fill="none" stroke="${c.accent}" stroke-width="12"/>`,
    `<g opacity="0.9">${emblem(p, 260, 530, 44)}</g>`,
    gloss(p, shell, 200, 430, 110, 70, 0.45, -25),
    occlude(p, shell, 620, 720, 0.25),
  ].join("");
  return {
    w: 520,
    h: 720,
    markup,
    outline: `${band} ${shell}`,
    focus: [300, 470],
    footprint: [120, 400],
    texture: "leather",
  };
}

function headphonesTop(p: Painter): Art {
  const { c } = p;
  const band = `M 120 150 C 120 470 600 470 600 150 L 560 150 C 560 420 160 420 160 150 Z`;
  const markup = [
    shaded(p, band, c.main, { light: 0.3, dark: 0.3 }),
    gloss(p, band, 360, 380, 200, 20, 0.35),
    shaded(p, roundRect(50, 40, 180, 150, 60), c.main, { dir: "d", light: 0.3, dark: 0.3 }),
    shaded(p, roundRect(490, 40, 180, 150, 60), c.main, { dir: "d", light: 0.3, dark: 0.3 }),
    `<rect x="80" y="62" width="120" height="106" rx="44" fill="none" stroke="${c.accent}" stroke-width="10"/>`,
    `<rect x="520" y="62" width="120" height="106" rx="44" fill="none" stroke="${c.accent}" stroke-width="10"/>`,
  ].join("");
  return {
    w: 720,
    h: 420,
    markup,
    outline: `${band} ${roundRect(50, 40, 180, 150, 60)} ${roundRect(490, 40, 180, 150, 60)}`,
    focus: [140, 115],
    footprint: [50, 670],
    texture: "leather",
  };
}

function screen(p: Painter, x: number, y: number, w: number, h: number, r: number): string {
  const { c, defs } = p;
  const wall = defs.linear(
    [
      [0, mix(c.main, "#FFFFFF", 0.25)],
      [0.5, mix(c.accent, c.main, 0.5)],
      [1, mix(c.main, "#000000", 0.4)],
    ],
    0,
    0,
    1,
    1,
  );
  const clip = defs.clip(`<path d="${roundRect(x, y, w, h, r)}"/>`);
  return `<g clip-path="${clip}"><rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${wall}"/><path d="M ${x - 20} ${y + h * 0.62} C ${x + w * 0.3} ${y + h * 0.45} ${x + w * 0.6} ${y + h * 0.8} ${x + w + 20} ${y + h * 0.55} L ${x + w + 20} ${y + h + 20} L ${x - 20} ${y + h + 20} Z" fill="${c.ink}" opacity="0.45"/><path d="M ${x - 20} ${y + h * 0.3} C ${x + w * 0.4} ${y + h * 0.15} ${x + w * 0.6} ${y + h * 0.5} ${x + w + 20} ${y + h * 0.25}" stroke="#FFFFFF" stroke-width="${w * 0.03}" fill="none" opacity="0.35"/><path d="M ${x} ${y} L ${x + w * 0.55} ${y} L ${x} ${y + h * 0.5} Z" fill="#FFFFFF" opacity="0.08"/></g>`;
}

/** The phone's slab seen face-on, front or back: one body for both. */
const PHONE_BODY = roundRect(20, 20, 380, 780, 58);

function phoneArt(markup: string, focus: [number, number]): Art {
  return {
    w: 420,
    h: 820,
    markup,
    outline: PHONE_BODY,
    focus,
    footprint: [60, 360],
    texture: "glass",
  };
}

function phoneFront(p: Painter): Art {
  const { c } = p;
  const markup = [
    shaded(p, PHONE_BODY, c.main, { dir: "h", light: 0.35, dark: 0.35 }),
    `<path d="${roundRect(34, 34, 352, 752, 46)}" fill="${c.ink}"/>`,
    screen(p, 44, 44, 332, 732, 38),
    `<circle cx="210" cy="78" r="11" fill="#05060A"/>`,
  ].join("");
  return phoneArt(markup, [210, 200]);
}

function phoneBack(p: Painter): Art {
  const { c } = p;
  const module = roundRect(50, 50, 170, 170, 40);
  const lens = (x: number, y: number) =>
    `<circle cx="${x}" cy="${y}" r="34" fill="${mix(c.main, "#000000", 0.45)}"/><circle cx="${x}" cy="${y}" r="25" fill="#0A0C12"/><circle cx="${x - 8}" cy="${y - 8}" r="7" fill="#FFFFFF" opacity="0.5"/>`;
  const markup = [
    shaded(p, PHONE_BODY, c.main, { dir: "d", light: 0.3, dark: 0.3 }),
    shaded(p, module, mix(c.main, "#FFFFFF", 0.12), { dir: "d", light: 0.3, dark: 0.25 }),
    lens(100, 100),
    lens(170, 135),
    lens(100, 170),
    `<circle cx="175" cy="80" r="9" fill="#FFF6D8" opacity="0.9"/>`,
    `<g opacity="0.6">${emblem({ ...p, c: { ...c, trim: mix(c.main, "#FFFFFF", 0.35) } }, 210, 430, 40)}</g>`,
    gloss(p, PHONE_BODY, 120, 300, 100, 380, 0.22, -12),
  ].join("");
  return phoneArt(markup, [130, 140]);
}

function phoneSide(p: Painter): Art {
  const { c } = p;
  const body = roundRect(20, 20, 60, 780, 26);
  const markup = [
    shaded(p, body, c.main, { dir: "h", light: 0.45, dark: 0.35 }),
    `<rect x="12" y="180" width="10" height="90" rx="4" fill="${mix(c.main, "#000000", 0.2)}"/>`,
    `<rect x="12" y="300" width="10" height="60" rx="4" fill="${mix(c.main, "#000000", 0.2)}"/>`,
    line("M 50 40 L 50 780", "#FFFFFF", 3, 0.35),
  ].join("");
  return {
    w: 100,
    h: 820,
    markup,
    outline: body,
    focus: [50, 250],
    footprint: [20, 80],
    texture: "brushed",
  };
}

function speaker(p: Painter, view: ArtView): Art {
  const { c, defs } = p;
  const body = roundRect(40, 30, 340, 640, 170);
  const grille = roundRect(62, 120, 296, 470, 148);
  const clip = defs.clip(`<path d="${grille}"/>`);
  let holes = "";
  for (let y = 140; y < 590; y += 16)
    holes += `<path d="M 60 ${y} H 360" stroke="${c.ink}" stroke-width="6" stroke-dasharray="0 16" stroke-dashoffset="${(y / 16) % 2 ? 8 : 0}" stroke-linecap="round"/>`;
  const markup = [
    cylinder(p, body, c.main, { shine: 0.35, edge: 0.45 }),
    view === "back"
      ? `<circle cx="210" cy="420" r="60" fill="${c.ink}"/><circle cx="210" cy="420" r="44" fill="#05060A"/><rect x="180" y="560" width="60" height="18" rx="9" fill="${c.ink}"/>`
      : `${cylinder(p, grille, mix(c.main, "#000000", 0.12), { shine: 0.2, edge: 0.4 })}<g clip-path="${clip}" opacity="0.35">${holes}</g>`,
    view === "front" ? `<g opacity="0.85">${emblem(p, 210, 355, 30)}</g>` : "",
    `<path d="${roundRect(60, 640, 300, 34, 17)}" fill="${c.ink}"/>`,
    view === "front"
      ? `<rect x="150" y="58" width="40" height="12" rx="6" fill="${c.accent}"/><rect x="230" y="58" width="40" height="12" rx="6" fill="${c.accent}"/><rect x="244" y="52" width="12" height="24" rx="6" fill="${c.accent}"/>`
      : "",
    view === "side"
      ? `<path d="M 360 150 C 420 160 420 260 360 270" stroke="${c.accent}" stroke-width="18" fill="none" stroke-linecap="round"/>`
      : "",
    gloss(p, body, 150, 160, 70, 240, 0.3, -4),
  ].join("");
  return {
    w: 420,
    h: 690,
    markup,
    outline: body,
    material: grille,
    focus: [220, 330],
    footprint: [80, 340],
    texture: "fabric",
  };
}

function speakerTop(p: Painter): Art {
  const { c } = p;
  const outer = ellipsePath(300, 300, 280, 280);
  const markup = [
    shaded(p, outer, c.main, { dir: "d", light: 0.3, dark: 0.3 }),
    `<path d="${ellipsePath(300, 300, 220, 220)}" fill="${mix(c.main, "#000000", 0.1)}"/>`,
    `<path d="M 250 300 H 350 M 300 250 V 350" stroke="${c.accent}" stroke-width="18" stroke-linecap="round"/>`,
    `<path d="${ellipsePath(300, 300, 120, 120)}" fill="none" stroke="${c.accent}" stroke-width="10" opacity="0.8"/>`,
    gloss(p, outer, 210, 190, 150, 90, 0.35, -35),
  ].join("");
  return {
    w: 600,
    h: 600,
    markup,
    outline: outer,
    focus: [300, 300],
    footprint: [20, 580],
    texture: "fabric",
  };
}

function laptopFront(p: Painter): Art {
  const { c, defs } = p;
  const lid = roundRect(80, 20, 740, 470, 22);
  const base = `M 20 590 L 880 590 L 830 494 L 70 494 Z`;
  let keys = "";
  for (let r = 0; r < 4; r++)
    keys += `<path d="M ${150 - r * 8} ${508 + r * 16} H ${750 + r * 8}" stroke="${c.ink}" stroke-width="10" stroke-dasharray="34 6" opacity="0.55"/>`;
  const markup = [
    shaded(p, lid, mix(c.main, "#000000", 0.1), { light: 0.2, dark: 0.2 }),
    `<path d="${roundRect(98, 36, 704, 440, 12)}" fill="${c.ink}"/>`,
    screen(p, 112, 50, 676, 412, 6),
    shaded(p, base, c.main, { light: 0.3, dark: 0.15 }),
    keys,
    `<rect x="390" y="560" width="120" height="22" rx="4" fill="${mix(c.main, "#000000", 0.15)}"/>`,
    `<path d="M 20 590 L 880 590 L 872 606 C 860 614 40 614 28 606 Z" fill="${mix(c.main, "#000000", 0.35)}"/>`,
    `<rect x="20" y="590" width="860" height="3" fill="#FFFFFF" opacity="${defs ? 0.4 : 0}"/>`,
  ].join("");
  return {
    w: 900,
    h: 616,
    markup,
    outline: `${lid} ${base} M 20 590 L 880 590 L 872 606 L 28 606 Z`,
    focus: [450, 250],
    footprint: [20, 880],
    texture: "brushed",
  };
}

function laptopSide(p: Painter): Art {
  const { c } = p;
  const lid = `M 120 560 L 300 40 L 340 52 L 162 566 Z`;
  const base = roundRect(110, 556, 740, 30, 12);
  const markup = [
    shaded(p, lid, c.main, { dir: "h", light: 0.3, dark: 0.3 }),
    shaded(p, base, c.main, { light: 0.35, dark: 0.3 }),
    `<rect x="120" y="584" width="40" height="8" rx="4" fill="${c.ink}"/><rect x="800" y="584" width="40" height="8" rx="4" fill="${c.ink}"/>`,
    line("M 130 560 L 840 560", "#FFFFFF", 3, 0.5),
  ].join("");
  return {
    w: 880,
    h: 600,
    markup,
    outline: `${lid} ${base}`,
    focus: [300, 520],
    footprint: [110, 850],
    texture: "brushed",
  };
}

function laptopLid(p: Painter, fromTop: boolean): Art {
  const { c } = p;
  const lid = roundRect(20, 20, 860, fromTop ? 600 : 540, 26);
  const hinge = fromTop ? "" : roundRect(10, 548, 880, 36, 14);
  const markup = [
    shaded(p, lid, c.main, { dir: "d", light: 0.3, dark: 0.3 }),
    `<g opacity="0.7">${emblem({ ...p, c: { ...c, trim: mix(c.main, "#FFFFFF", 0.45) } }, 450, fromTop ? 320 : 290, 54)}</g>`,
    gloss(p, lid, 260, 150, 300, 120, 0.25, -20),
    hinge ? `<path d="${hinge}" fill="${mix(c.main, "#000000", 0.3)}"/>` : "",
  ].join("");
  return {
    w: 900,
    h: fromTop ? 640 : 590,
    markup,
    outline: `${lid} ${hinge}`,
    focus: [450, 300],
    footprint: [20, 880],
    texture: "brushed",
  };
}
