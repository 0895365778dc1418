// Drinkware: a water bottle (tumbler, flask) with a carry loop on its cap, and a mug with a
// handle, per view. Metal bottles get a polished neck ring; ceramics a glazed rim.
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
  ringPath,
  roundRect,
  shaded,
  textLines,
} from "./art";
import { emblem } from "./other";

export function drawBottle(p: Painter, view: ArtView): Art {
  const { c, m } = p;
  if (view === "top") {
    const body = ellipsePath(200, 200, 180, 180);
    const cap = ellipsePath(200, 200, 96, 96);
    const markup = [
      shaded(p, body, c.main, { dir: "d", light: 0.3, dark: 0.35 }),
      `<path d="${ellipsePath(200, 200, 112, 112)}" fill="${m.metallic ? "#C4C7CC" : c.metal}"/>`,
      shaded(p, cap, mix(c.main, "#000000", 0.08), { dir: "d", light: 0.25, dark: 0.3 }),
      `<rect x="182" y="60" width="36" height="280" rx="18" fill="${mix(c.main, "#000000", 0.2)}"/>`,
      gloss(p, body, 140, 120, 90, 50, 0.4, -35),
    ].join("");
    return {
      w: 400,
      h: 400,
      markup,
      outline: `${body} ${roundRect(182, 60, 36, 280, 18)}`,
      focus: [200, 200],
      footprint: [20, 380],
      texture: "brushed",
    };
  }
  // The body, shoulder and neck as one profile; the cap and its loop on top.
  const body =
    "M 40 330 C 40 250 95 225 100 190 L 100 170 L 200 170 L 200 190 C 205 225 260 250 260 330 L 260 866 C 260 888 246 900 224 900 L 76 900 C 54 900 40 888 40 866 Z";
  const cap = roundRect(88, 84, 124, 92, 16);
  // Seen from the front the loop is a ring; from the side, a flat bar.
  const loop = view === "side" ? roundRect(134, 14, 32, 80, 14) : ringPath(150, 74, 52, 56, 22);
  const capColour = m.metallic ? mix(c.main, "#000000", 0.1) : c.accent;
  // Glass shows the water inside: a see-through body over a fuller, darker fill line.
  const glassBody = m.clear
    ? `<path d="M 40 420 L 260 420 L 260 866 C 260 888 246 900 224 900 L 76 900 C 54 900 40 888 40 866 Z" fill="${mix(c.main, "#1B4F72", 0.35)}" opacity="0.55"/>`
    : "";
  const markup = [
    m.clear
      ? `<g opacity="0.72">${cylinder(p, body, c.main, { shine: 0.6, edge: 0.5 })}</g>${glassBody}`
      : cylinder(p, body, c.main, { shine: m.metallic ? 0.5 : 0.4, edge: 0.45 }),
    shaded(p, loop, capColour, { dir: "h", light: 0.3, dark: 0.3 }),
    cylinder(p, cap, capColour, { shine: 0.35, edge: 0.4 }),
    // A steel bottle's neck ring is steel, whatever metal the scene's mood prefers.
    `<rect x="96" y="170" width="108" height="14" rx="4" fill="${m.metallic ? "#C4C7CC" : c.metal}"/>`,
    view === "front"
      ? `<g opacity="0.9">${emblem({ ...p, c: { ...c, trim: mix(c.main, c.main === c.accent ? "#FFFFFF" : c.accent, 0.8) } }, 150, 560, 44)}</g>`
      : view === "back"
        ? textLines(90, 640, [120, 90, 110, 70], 10, mix(c.main, "#FFFFFF", 0.55))
        : line("M 210 360 L 210 860", "#FFFFFF", 6, 0.18 * m.shine),
    occlude(p, body, 780, 900, 0.25),
    gloss(p, body, 100, 520, 26, 300, 0.45, 0),
  ].join("");
  return {
    w: 300,
    h: 900,
    markup,
    outline: `${body} ${cap} ${loop}`,
    focus: [150, 300],
    footprint: [40, 260],
    texture: "brushed",
  };
}

export function drawMug(p: Painter, view: ArtView): Art {
  const { c } = p;
  const inside = mix(c.main, "#000000", 0.35);
  if (view === "top") {
    const rim = ellipsePath(250, 250, 210, 210);
    const handle = roundRect(440, 215, 150, 70, 30);
    const markup = [
      shaded(p, handle, c.main, { dir: "h", light: 0.3, dark: 0.3 }),
      shaded(p, rim, c.main, { dir: "d", light: 0.35, dark: 0.3 }),
      `<path d="${ellipsePath(250, 250, 184, 184)}" fill="${inside}"/>`,
      `<path d="${ellipsePath(250, 250, 170, 170)}" fill="#4A2C1A"/>`,
      `<path d="${ellipsePath(230, 230, 90, 60)}" fill="#C89B6D" opacity="0.55"/>`,
      gloss(p, rim, 180, 120, 120, 40, 0.4, -30),
    ].join("");
    return {
      w: 600,
      h: 500,
      markup,
      outline: `${rim} ${handle}`,
      focus: [250, 250],
      footprint: [40, 460],
      texture: "ceramic",
    };
  }
  // Front: the handle faces away (hidden); side: to the right; back: to the left, so the
  // body moves right to make room for it.
  const handleSide = view === "side" ? 1 : view === "back" ? -1 : 0;
  const o = handleSide < 0 ? 140 : 0;
  const body = `M ${o + 60} 80 L ${o + 440} 80 L ${o + 430} 470 C ${o + 428} 500 ${o + 400} 520 ${o + 370} 520 L ${o + 130} 520 C ${o + 100} 520 ${o + 72} 500 ${o + 70} 470 Z`;
  const rimTop = ellipsePath(o + 250, 80, 190, 34);
  const handle = handleSide === 0 ? "" : ringPath(o + 250 + handleSide * 250, 280, 100, 130, 40);
  const markup = [
    handle
      ? shaded(p, handle, c.main, { dir: handleSide > 0 ? "hr" : "h", light: 0.25, dark: 0.35 })
      : "",
    cylinder(p, body, c.main, { shine: 0.35, edge: 0.35 }),
    `<path d="${rimTop}" fill="${mix(c.main, "#FFFFFF", 0.2)}"/>`,
    `<path d="${ellipsePath(o + 250, 84, 174, 28)}" fill="${inside}"/>`,
    view === "front"
      ? `<g opacity="0.85">${emblem({ ...p, c: { ...c, trim: c.accent } }, 250, 300, 60)}</g>`
      : view === "back"
        ? textLines(o + 150, 270, [200, 150, 180], 12, mix(c.accent, c.main, 0.3))
        : "",
    occlude(p, body, 420, 520, 0.22),
    gloss(p, body, o + 150, 300, 40, 170, 0.4, 0),
  ].join("");
  return {
    w: handleSide === 0 ? 500 : 640,
    h: 520,
    markup,
    outline: `${body} ${rimTop} ${handle}`,
    // Close-ups look at the rim and where the handle joins it.
    focus: [o + 250 + handleSide * 160, 130],
    footprint: [o + 70, o + 430],
    texture: "ceramic",
  };
}
