// Backdrops and light: the studio sweep, the flat-lay surface and the lifestyle room, plus
// the shadows, glow, rim light and vignette that make a drawn product read as photographed.
import { mix, withHsl } from "../colour";
import type { Rng } from "../seeded";
import type { Look } from "./look";
import { fmt, type SvgDefs } from "./svg";

export type Frame = { W: number; H: number; defs: SvgDefs; look: Look; rng: Rng };

/** The seamless studio sweep: wall fading into floor with no visible corner. */
export function studioBackdrop(
  f: Frame,
  horizon: number,
  cx: number,
  glowY: number,
  glowR: number,
): string {
  const { W, H, defs, look } = f;
  const h = horizon / H;
  const sweep = defs.linear([
    [0, look.wallTop],
    [Math.max(0.05, h - 0.1), look.wallBottom],
    [Math.min(0.97, h + 0.05), look.floorFar],
    [1, look.floorNear],
  ]);
  const glow = defs.radialAt(
    [
      [0, look.glow, look.glowOpacity],
      [0.55, look.glow, look.glowOpacity * 0.35],
      [1, look.glow, 0],
    ],
    cx,
    glowY,
    glowR,
  );
  const pool = defs.radialAt(
    [
      [0, "#FFFFFF", look.mood === "dark" ? 0.12 : 0.28],
      [1, "#FFFFFF", 0],
    ],
    cx,
    horizon + (H - horizon) * 0.25,
    W * 0.6,
    0.28,
  );
  return `<rect width="${W}" height="${H}" fill="${sweep}"/>${decorations(f, horizon, cx, glowY)}<rect width="${W}" height="${H}" fill="${glow}"/><rect y="${fmt(horizon - H * 0.1)}" width="${W}" height="${fmt(H - horizon + H * 0.1)}" fill="${pool}"/>`;
}

/** Style-specific shapes on the wall: a sunset disc for retro, speed bands for sporty, ... */
function decorations(f: Frame, horizon: number, cx: number, glowY: number): string {
  const { W, H, defs, look, rng } = f;
  const u = Math.min(W, H);
  switch (look.mood) {
    case "retro": {
      const r = u * 0.42;
      const sun = defs.linearAt(
        [
          [0, "#F4B860"],
          [0.55, look.propA],
          [1, "#C8553D"],
        ],
        0,
        glowY - r,
        0,
        glowY + r,
      );
      let cuts = "";
      for (let i = 0; i < 5; i++) {
        const y = glowY + r * (0.05 + i * 0.19);
        cuts += `<rect x="0" y="${fmt(y)}" width="${W}" height="${fmt(r * (0.03 + i * 0.022))}" fill="${look.wallBottom}"/>`;
      }
      const band = (y: number, colour: string) =>
        `<rect x="0" y="${fmt(y)}" width="${W}" height="${fmt(u * 0.022)}" fill="${colour}" opacity="0.85"/>`;
      return `<g opacity="0.9"><circle cx="${fmt(cx)}" cy="${fmt(glowY)}" r="${fmt(r)}" fill="${sun}"/>${cuts}</g>${band(horizon - u * 0.09, look.propB)}${band(horizon - u * 0.05, look.propA)}${band(horizon - u * 0.01, "#E9C46A")}`;
    }
    case "sport": {
      let bands = "";
      const slope = rng.range(0.45, 0.7);
      for (let i = 0; i < 4; i++) {
        const x = W * (0.05 + i * 0.3 + rng.range(-0.05, 0.05));
        const w = u * rng.range(0.05, 0.16);
        const colour = i % 2 ? look.propB : look.propA;
        bands += `<path d="M ${fmt(x)} ${fmt(-H * 0.1)} l ${fmt(w)} 0 l ${fmt(-H * slope)} ${fmt(H * 1.2)} l ${fmt(-w)} 0 Z" fill="${colour}" opacity="${fmt(rng.range(0.08, 0.2))}"/>`;
      }
      return `<g>${bands}</g>`;
    }
    case "vivid": {
      const r = u * rng.range(0.36, 0.44);
      const disc = defs.radial(
        [
          [0, withHsl(look.propB, { l: 70 }), 0.9],
          [1, look.propB, 0.75],
        ],
        0.35,
        0.3,
        0.8,
      );
      const small = defs.radial(
        [
          [0, look.propA, 0.95],
          [1, mix(look.propA, "#000000", 0.15), 0.9],
        ],
        0.35,
        0.3,
        0.8,
      );
      const sx = cx + (rng.chance(0.5) ? 1 : -1) * u * 0.36;
      return `<circle cx="${fmt(cx)}" cy="${fmt(glowY)}" r="${fmt(r)}" fill="${disc}"/><circle cx="${fmt(sx)}" cy="${fmt(glowY - u * 0.32)}" r="${fmt(u * 0.09)}" fill="${small}"/>`;
    }
    case "light": {
      const aw = u * 0.62,
        top = glowY - u * 0.45;
      const arch = `M ${fmt(cx - aw / 2)} ${fmt(horizon)} V ${fmt(top + aw / 2)} A ${fmt(aw / 2)} ${fmt(aw / 2)} 0 0 1 ${fmt(cx + aw / 2)} ${fmt(top + aw / 2)} V ${fmt(horizon)} Z`;
      const fill = defs.linearAt(
        [
          [0, look.propA, 0.35],
          [1, look.propA, 0.6],
        ],
        0,
        top,
        0,
        horizon,
      );
      return `<path d="${arch}" fill="${fill}"/>`;
    }
    case "dark": {
      const beam = defs.linearAt(
        [
          [0, "#FFFFFF", 0.14],
          [1, "#FFFFFF", 0],
        ],
        0,
        0,
        0,
        horizon + H * 0.05,
      );
      return `<path d="M ${fmt(cx - u * 0.1)} 0 L ${fmt(cx + u * 0.1)} 0 L ${fmt(cx + u * 0.55)} ${fmt(horizon + H * 0.05)} L ${fmt(cx - u * 0.55)} ${fmt(horizon + H * 0.05)} Z" fill="${beam}"/>`;
    }
    case "natural": {
      let leaves = "";
      for (let i = 0; i < 9; i++) {
        const x = W * rng.range(0.6, 1.05),
          y = H * rng.range(-0.02, 0.3),
          s = u * rng.range(0.05, 0.1),
          a = rng.range(-70, 70);
        leaves += `<ellipse cx="${fmt(x)}" cy="${fmt(y)}" rx="${fmt(s)}" ry="${fmt(s * 0.32)}" transform="rotate(${fmt(a)} ${fmt(x)} ${fmt(y)})"/>`;
      }
      return `<g fill="${look.shadow}" opacity="0.08">${leaves}</g>`;
    }
    default: {
      const fill = defs.radial([
        [0, look.propA, 0.5],
        [1, look.propA, 0],
      ]);
      return `<circle cx="${fmt(cx + u * 0.2)}" cy="${fmt(glowY - u * 0.25)}" r="${fmt(u * 0.35)}" fill="${fill}"/>`;
    }
  }
}

/** A round podium the product stands on (back shots, some front shots). */
export function podium(f: Frame, cx: number, topY: number, rx: number, height: number): string {
  const { defs, look } = f;
  const ry = rx * 0.16;
  const base =
    look.mood === "dark" ? mix(look.propA, "#FFFFFF", 0.06) : mix(look.floorNear, look.propA, 0.5);
  const side = defs.linear(
    [
      [0, mix(base, "#000000", 0.25)],
      [0.3, mix(base, "#FFFFFF", 0.25)],
      [0.55, base],
      [1, mix(base, "#000000", 0.35)],
    ],
    0,
    0,
    1,
    0,
  );
  const top = defs.linear([
    [0, mix(base, "#FFFFFF", 0.35)],
    [1, mix(base, "#FFFFFF", 0.1)],
  ]);
  const ground = shadowEllipse(f, cx, topY + height, rx * 1.25, 0.7);
  return `${ground}<path d="M ${fmt(cx - rx)} ${fmt(topY)} V ${fmt(topY + height)} A ${fmt(rx)} ${fmt(ry)} 0 0 0 ${fmt(cx + rx)} ${fmt(topY + height)} V ${fmt(topY)} Z" fill="${side}"/><ellipse cx="${fmt(cx)}" cy="${fmt(topY)}" rx="${fmt(rx)}" ry="${fmt(ry)}" fill="${top}"/>`;
}

/** A soft elliptical shadow on the floor (cheap: a squashed radial gradient, no blur). */
export function shadowEllipse(f: Frame, cx: number, cy: number, rx: number, strength = 1): string {
  const { defs, look } = f;
  const o = look.shadowOpacity * strength;
  const fill = defs.radialAt(
    [
      [0, look.shadow, o],
      [0.45, look.shadow, o * 0.55],
      [1, look.shadow, 0],
    ],
    cx,
    cy,
    rx,
    0.16,
  );
  return `<rect x="${fmt(cx - rx)}" y="${fmt(cy - rx * 0.2)}" width="${fmt(rx * 2)}" height="${fmt(rx * 0.4)}" fill="${fill}"/>`;
}

/** A product-shaped shadow: the outline flattened onto the floor and blurred. */
export function castShadow(
  f: Frame,
  outline: string,
  artTransform: string,
  groundY: number,
  blur: number,
  squash: number,
  opacity: number,
  skewX = 0,
): string {
  const { defs, look } = f;
  return `<g filter="${defs.blur(blur)}" opacity="${fmt(Math.min(1, opacity * look.shadowOpacity))}"><g transform="translate(0 ${fmt(groundY)}) skewX(${fmt(skewX)}) scale(1 ${fmt(squash)}) translate(0 ${fmt(-groundY)})"><g transform="${artTransform}"><path d="${outline}" fill="${look.shadow}"/></g></g></g>`;
}

/** Darkened corners. */
export function vignette(f: Frame, strength = f.look.vignette): string {
  const { W, H, defs } = f;
  const r = Math.hypot(W, H) / 2;
  const fill = defs.radialAt(
    [
      [0, "#000000", 0],
      [0.55, "#000000", 0],
      [1, "#000000", strength],
    ],
    W / 2,
    H * 0.48,
    r,
  );
  return `<rect width="${W}" height="${H}" fill="${fill}"/>`;
}

/** Out-of-focus light discs for close-ups and lifestyle shots. */
export function bokeh(
  f: Frame,
  count: number,
  region: { x0: number; x1: number; y0: number; y1: number },
): string {
  const { defs, look, rng, W, H } = f;
  const u = Math.min(W, H);
  const colour = look.mood === "dark" ? mix(look.rim ?? look.glow, "#FFFFFF", 0.3) : "#FFFFFF";
  let out = "";
  for (let i = 0; i < count; i++) {
    const r = u * rng.range(0.03, 0.09);
    const fill = defs.radial([
      [0, colour, rng.range(0.12, 0.3)],
      [0.8, colour, 0.1],
      [1, colour, 0],
    ]);
    out += `<circle cx="${fmt(rng.range(region.x0, region.x1))}" cy="${fmt(rng.range(region.y0, region.y1))}" r="${fmt(r)}" fill="${fill}"/>`;
  }
  return out;
}

/** A rim of light along the product's edge on the side facing the key light. */
export function rimLight(
  f: Frame,
  outline: string,
  artTransform: string,
  width: number,
  fromLeft: boolean,
): string {
  const { defs, look } = f;
  if (!look.rim) return "";
  const fill = defs.linear(
    fromLeft
      ? [
          [0, look.rim, 0.9],
          [0.35, look.rim, 0],
          [1, look.rim, 0],
        ]
      : [
          [0, look.rim, 0],
          [0.65, look.rim, 0],
          [1, look.rim, 0.9],
        ],
    0,
    0,
    1,
    0.3,
  );
  const clip = defs.clip(`<path d="${outline}" transform="${artTransform}"/>`);
  return `<g clip-path="${clip}"><g transform="${artTransform}"><path d="${outline}" fill="none" stroke="${fill}" stroke-width="${fmt(width)}"/></g></g>`;
}

/** The lifestyle room: wall with window light, a table or floor surface, and props. */
export function lifestyleRoom(
  f: Frame,
  horizon: number,
  productX: number,
  productW: number,
  mirror: boolean,
): { back: string; front: string } {
  const { W, H, defs, look, rng } = f;
  const u = Math.min(W, H);
  const wall = defs.linear([
    [0, mix(look.wallTop, "#FFFFFF", 0.1)],
    [1, look.wallBottom],
  ]);
  const surfaceBase =
    look.mood === "dark"
      ? mix(look.floorNear, "#3A2A20", 0.4)
      : look.mood === "natural" || look.mood === "retro"
        ? "#C49A6C"
        : mix(look.floorNear, "#FFFFFF", 0.25);
  const surface = defs.linear([
    [0, mix(surfaceBase, "#000000", 0.08)],
    [1, mix(surfaceBase, "#FFFFFF", 0.12)],
  ]);
  const edge = `<rect x="0" y="${fmt(horizon - u * 0.004)}" width="${W}" height="${fmt(u * 0.008)}" fill="#FFFFFF" opacity="0.35"/>`;
  let grain = "";
  if (look.mood === "natural" || look.mood === "retro" || look.mood === "dark") {
    for (let i = 0; i < 7; i++) {
      const y = horizon + (H - horizon) * ((i + 1) / 8) ** 1.4;
      grain += `<path d="M 0 ${fmt(y)} C ${fmt(W * 0.3)} ${fmt(y + rng.range(-6, 6))} ${fmt(W * 0.6)} ${fmt(y + rng.range(-6, 6))} ${W} ${fmt(y)}" stroke="#000000" stroke-opacity="0.07" stroke-width="${fmt(u * 0.003)}" fill="none"/>`;
    }
  } else {
    for (let i = 0; i < 5; i++) {
      const x0 = rng.range(-0.2, 1.0) * W;
      grain += `<path d="M ${fmt(x0)} ${fmt(horizon)} C ${fmt(x0 + W * 0.2)} ${fmt(horizon + (H - horizon) * 0.3)} ${fmt(x0 + W * 0.1)} ${fmt(horizon + (H - horizon) * 0.6)} ${fmt(x0 + W * 0.35)} ${H}" stroke="${look.shadow}" stroke-opacity="0.06" stroke-width="${fmt(u * 0.004)}" fill="none"/>`;
    }
  }
  // Window light falling across the wall.
  const light = `<g opacity="${look.mood === "dark" ? 0.1 : 0.22}" fill="#FFFFFF">${[0, 1]
    .map((i) => {
      const x = W * (mirror ? 0.1 + i * 0.2 : 0.55 + i * 0.2);
      return `<path d="M ${fmt(x)} ${fmt(H * 0.05)} l ${fmt(u * 0.14)} 0 l ${fmt(u * 0.22)} ${fmt(horizon - H * 0.05)} l ${fmt(-u * 0.14)} 0 Z"/>`;
    })
    .join("")}</g>`;

  // Props stand further back on the table, partly behind the product, inside the frame.
  const side = mirror ? 1 : -1;
  const inside = (x: number, margin: number) => Math.min(W - margin, Math.max(margin, x));
  const plantX = inside(productX + side * (productW * 0.42 + u * 0.05), u * 0.16);
  const propX = inside(productX - side * (productW * 0.4 + u * 0.05), u * 0.14);
  const back = [
    `<rect width="${W}" height="${fmt(horizon)}" fill="${wall}"/>`,
    light,
    `<rect y="${fmt(horizon)}" width="${W}" height="${fmt(H - horizon)}" fill="${surface}"/>`,
    grain,
    edge,
    plant(f, plantX, horizon + (H - horizon) * 0.16, u * 0.3),
    rng.chance(0.5)
      ? sphereAndBlock(f, propX, horizon + (H - horizon) * 0.2, u * 0.08)
      : books(f, propX, horizon + (H - horizon) * 0.2, u * 0.2),
  ].join("");
  const front = bokeh(f, 3, { x0: 0, x1: W, y0: H * 0.88, y1: H * 1.05 });
  return { back, front };
}

function plant(f: Frame, x: number, groundY: number, size: number): string {
  const { defs, rng, look } = f;
  const potW = size * 0.42,
    potH = size * 0.42;
  const potColour =
    look.mood === "dark" ? "#2E2A27" : look.mood === "vivid" ? look.propA : "#D8CBB8";
  const pot = defs.linear(
    [
      [0, mix(potColour, "#000000", 0.2)],
      [0.35, mix(potColour, "#FFFFFF", 0.25)],
      [1, mix(potColour, "#000000", 0.3)],
    ],
    0,
    0,
    1,
    0,
  );
  const green = look.mood === "vivid" ? "#2FA36B" : "#5E8C5A";
  let leaves = "";
  for (let i = 0; i < 11; i++) {
    const a = rng.range(-75, 75);
    const len = size * rng.range(0.45, 0.85);
    const rad = (a - 90) * (Math.PI / 180);
    const tx = x + Math.cos(rad) * len,
      ty = groundY - potH + Math.sin(rad) * len;
    const shade = mix(green, i % 3 ? "#000000" : "#FFFFFF", rng.range(0.05, 0.3));
    leaves += `<path d="M ${fmt(x)} ${fmt(groundY - potH)} Q ${fmt((x + tx) / 2 + len * 0.18)} ${fmt((groundY - potH + ty) / 2)} ${fmt(tx)} ${fmt(ty)} Q ${fmt((x + tx) / 2 - len * 0.18)} ${fmt((groundY - potH + ty) / 2)} ${fmt(x)} ${fmt(groundY - potH)} Z" fill="${shade}"/>`;
  }
  return `${shadowEllipse(f, x, groundY, potW * 0.9, 0.8)}${leaves}<path d="M ${fmt(x - potW / 2)} ${fmt(groundY - potH)} L ${fmt(x + potW / 2)} ${fmt(groundY - potH)} L ${fmt(x + potW * 0.38)} ${fmt(groundY)} L ${fmt(x - potW * 0.38)} ${fmt(groundY)} Z" fill="${pot}"/>`;
}

function sphereAndBlock(f: Frame, x: number, groundY: number, r: number): string {
  const { defs, look } = f;
  const sphere = defs.radial(
    [
      [0, mix(look.propA, "#FFFFFF", 0.5)],
      [0.6, look.propA],
      [1, mix(look.propA, "#000000", 0.35)],
    ],
    0.35,
    0.3,
    0.75,
  );
  const block = defs.linear(
    [
      [0, mix(look.propB, "#FFFFFF", 0.2)],
      [1, mix(look.propB, "#000000", 0.2)],
    ],
    0,
    0,
    1,
    0,
  );
  return `${shadowEllipse(f, x, groundY, r * 2.4, 0.8)}<rect x="${fmt(x - r * 0.2)}" y="${fmt(groundY - r * 1.9)}" width="${fmt(r * 1.5)}" height="${fmt(r * 1.9)}" rx="${fmt(r * 0.08)}" fill="${block}"/><circle cx="${fmt(x - r * 0.6)}" cy="${fmt(groundY - r)}" r="${fmt(r)}" fill="${sphere}"/>`;
}

function books(f: Frame, x: number, groundY: number, w: number): string {
  const { rng, look } = f;
  const colours = [look.propA, look.propB, mix(look.propA, "#FFFFFF", 0.4), "#E9E4DA"];
  let y = groundY;
  let out = shadowEllipse(f, x, groundY, w * 0.8, 0.8);
  for (let i = 0; i < 3; i++) {
    const h = w * rng.range(0.12, 0.18),
      bw = w * rng.range(0.8, 1),
      dx = rng.range(-0.06, 0.06) * w;
    y -= h;
    out += `<rect x="${fmt(x - bw / 2 + dx)}" y="${fmt(y)}" width="${fmt(bw)}" height="${fmt(h)}" rx="${fmt(h * 0.12)}" fill="${colours[i % colours.length]}"/><rect x="${fmt(x - bw / 2 + dx + bw * 0.04)}" y="${fmt(y + h * 0.2)}" width="${fmt(bw * 0.92)}" height="${fmt(h * 0.6)}" fill="#FFFFFF" opacity="0.25"/>`;
  }
  return out;
}

/** The flat-lay surface for top-down shots, with light falling from the top left. */
export function flatLaySurface(f: Frame): string {
  const { W, H, defs, look, rng } = f;
  const u = Math.min(W, H);
  const base = defs.linear(
    [
      [0, mix(look.floorNear, "#FFFFFF", 0.12)],
      [1, mix(look.floorFar, "#000000", 0.04)],
    ],
    0,
    0,
    1,
    1,
  );
  let texture = "";
  if (look.mood === "natural" || look.mood === "retro") {
    for (let i = 0; i < 9; i++) {
      const x = (i / 8) * W;
      texture += `<rect x="${fmt(x)}" y="0" width="${fmt(u * 0.003)}" height="${H}" fill="#000000" opacity="0.06"/>`;
    }
  } else {
    for (let i = 0; i < 60; i++) {
      texture += `<circle cx="${fmt(rng.range(0, W))}" cy="${fmt(rng.range(0, H))}" r="${fmt(u * rng.range(0.002, 0.008))}" fill="${rng.chance(0.5) ? look.propA : look.propB}" opacity="0.25"/>`;
    }
  }
  const prop = (x: number, y: number, r: number) => {
    const fill = defs.radial(
      [
        [0, mix(look.propA, "#FFFFFF", 0.35)],
        [1, look.propA],
      ],
      0.4,
      0.4,
      0.7,
    );
    return `<circle cx="${fmt(x + r * 0.12)}" cy="${fmt(y + r * 0.12)}" r="${fmt(r)}" fill="${look.shadow}" opacity="0.18"/><circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}" fill="${fill}"/>`;
  };
  const light = defs.radialAt(
    [
      [0, "#FFFFFF", 0.3],
      [1, "#FFFFFF", 0],
    ],
    W * 0.3,
    H * 0.25,
    Math.max(W, H) * 0.7,
  );
  return `<rect width="${W}" height="${H}" fill="${base}"/>${texture}${prop(W * rng.range(-0.02, 0.08), H * rng.range(0.05, 0.15), u * 0.16)}${prop(W * rng.range(0.92, 1.02), H * rng.range(0.85, 0.95), u * 0.12)}<rect width="${W}" height="${H}" fill="${light}"/>`;
}
