// Things carried: a wristwatch (round case, dial, strap) and a handbag/tote (body, handles,
// clasp), per view.
import { mix } from "../../colour";
import {
  type Art,
  type ArtView,
  ellipsePath,
  gloss,
  line,
  occlude,
  type Painter,
  roundRect,
  shaded,
  textLines,
} from "./art";

export function drawWatch(p: Painter, view: ArtView): Art {
  const { c, m } = p;
  const caseColour = m.kind === "steel" || c.metal !== "#C9CCD1" ? c.metal : "#C9CCD1";
  const strapColour = c.main;
  if (view === "side") {
    // Edge-on: the case is a thick lens, the strap curves away behind it.
    const strap = "M 150 0 L 210 0 C 280 200 280 620 210 820 L 150 820 C 214 620 214 200 150 0 Z";
    const caseEdge = roundRect(150, 250, 110, 320, 40);
    const crown = roundRect(256, 385, 34, 50, 8);
    const markup = [
      shaded(p, strap, strapColour, { dir: "h", light: 0.3, dark: 0.35 }),
      shaded(p, caseEdge, caseColour, { dir: "h", light: 0.45, dark: 0.4 }),
      shaded(p, crown, caseColour, { dir: "h", light: 0.4, dark: 0.3 }),
      `<rect x="160" y="260" width="24" height="300" rx="12" fill="#FFFFFF" opacity="0.35"/>`,
    ].join("");
    return {
      w: 320,
      h: 820,
      markup,
      outline: `${strap} ${caseEdge} ${crown}`,
      focus: [200, 410],
      footprint: [150, 210],
      texture: m.texture ?? "leather",
    };
  }
  const back = view === "back";
  const strap = `${roundRect(110, 0, 180, 290, 20)} ${roundRect(110, 530, 180, 290, 20)}`;
  const caseOuter = ellipsePath(200, 410, 170, 170);
  const crown = roundRect(362, 388, 30, 44, 8);
  const ticks = Array.from({ length: 12 }, (_, i) => {
    const a = (i * Math.PI) / 6;
    const r0 = i % 3 ? 118 : 106;
    return `<path d="M ${200 + Math.sin(a) * r0} ${410 - Math.cos(a) * r0} L ${200 + Math.sin(a) * 128} ${410 - Math.cos(a) * 128}" stroke="${c.ink}" stroke-width="${i % 3 ? 4 : 8}" stroke-linecap="round"/>`;
  }).join("");
  const dial = mix(c.trim, c.main, 0.15);
  const face = back
    ? `<path d="${ellipsePath(200, 410, 140, 140)}" fill="${mix(caseColour, "#000000", 0.12)}"/><path d="${ellipsePath(200, 410, 96, 96)}" fill="none" stroke="${mix(caseColour, "#000000", 0.3)}" stroke-width="5"/>${textLines(150, 395, [100, 70], 8, mix(caseColour, "#000000", 0.4))}`
    : `<path d="${ellipsePath(200, 410, 140, 140)}" fill="${dial}"/>${ticks}${line("M 200 410 L 200 318", c.ink, 9)}${line("M 200 410 L 268 446", c.ink, 6)}${line("M 200 430 L 200 300", c.accent === dial ? "#C8553D" : c.accent, 3)}<circle cx="200" cy="410" r="10" fill="${c.ink}"/>`;
  const holes = back
    ? ""
    : [600, 640, 680, 720]
        .map((y) => `<circle cx="200" cy="${y}" r="7" fill="${c.ink}" opacity="0.6"/>`)
        .join("");
  const markup = [
    shaded(p, strap, strapColour, { light: 0.25, dark: 0.3 }),
    holes,
    shaded(p, caseOuter, caseColour, { dir: "d", light: 0.5, dark: 0.4 }),
    shaded(p, crown, caseColour, { dir: "h", light: 0.4, dark: 0.3 }),
    face,
    back ? "" : gloss(p, caseOuter, 150, 330, 110, 50, 0.35, -30),
  ].join("");
  return {
    w: 400,
    h: 820,
    markup,
    outline: `${strap} ${caseOuter} ${crown}`,
    material: strap,
    focus: [200, 380],
    footprint: [110, 290],
    texture: m.texture ?? "leather",
  };
}

export function drawBag(p: Painter, view: ArtView): Art {
  const { c } = p;
  const hardware = c.metal;
  if (view === "top") {
    const body = roundRect(40, 140, 600, 240, 60);
    const handles = `${roundRect(200, 20, 280, 60, 30)} ${roundRect(200, 440, 280, 60, 30)}`;
    const markup = [
      shaded(p, handles, mix(c.main, "#000000", 0.15), { light: 0.25, dark: 0.25 }),
      shaded(p, body, c.main, { dir: "d", light: 0.3, dark: 0.3 }),
      `<path d="${roundRect(90, 225, 500, 70, 35)}" fill="${mix(c.main, "#000000", 0.45)}"/>`,
      `<rect x="70" y="254" width="540" height="12" rx="6" fill="${hardware}"/>`,
      gloss(p, body, 200, 180, 160, 40, 0.3, -5),
    ].join("");
    return {
      w: 680,
      h: 520,
      markup,
      outline: `${body} ${handles}`,
      focus: [340, 260],
      footprint: [40, 640],
      texture: "leather",
    };
  }
  if (view === "side") {
    // The gusset: a narrow tapered panel, the handles seen edge-on as one arch.
    const body = "M 250 300 L 430 300 L 470 720 L 210 720 Z";
    const handle = "M 320 304 C 300 120 380 120 360 304 L 344 304 C 356 150 324 150 336 304 Z";
    const markup = [
      shaded(p, handle, mix(c.main, "#000000", 0.1), { dir: "h", light: 0.3, dark: 0.3 }),
      shaded(p, body, mix(c.main, "#000000", 0.08), { dir: "h", light: 0.3, dark: 0.35 }),
      line("M 340 310 L 340 710", mix(c.main, "#000000", 0.35), 4, 0.6, "14 10"),
      occlude(p, body, 640, 720, 0.25),
    ].join("");
    return {
      w: 680,
      h: 720,
      markup,
      outline: `${body} ${handle}`,
      focus: [340, 500],
      footprint: [210, 470],
      texture: "leather",
    };
  }
  const back = view === "back";
  const body =
    "M 110 270 L 570 270 L 630 670 C 634 700 616 720 586 720 L 94 720 C 64 720 46 700 50 670 Z";
  const handle = (x0: number, x1: number) =>
    `M ${x0} 276 C ${x0} 20 ${x1} 20 ${x1} 276 L ${x1 - 34} 276 C ${x1 - 34} 66 ${x0 + 34} 66 ${x0 + 34} 276 Z`;
  const handles = `${handle(170, 510)}`;
  const markup = [
    shaded(p, handle(190, 490), mix(c.main, "#000000", 0.3), { light: 0.2, dark: 0.2 }),
    shaded(p, handles, c.main, { light: 0.3, dark: 0.3 }),
    `<rect x="150" y="258" width="60" height="40" rx="8" fill="${hardware}"/><rect x="470" y="258" width="60" height="40" rx="8" fill="${hardware}"/>`,
    shaded(p, body, c.main, { dir: "h", light: 0.25, dark: 0.3 }),
    back
      ? `<path d="${roundRect(140, 360, 400, 240, 20)}" fill="none" stroke="${mix(c.main, "#000000", 0.35)}" stroke-width="5" stroke-dasharray="14 10"/>`
      : `<path d="M 110 270 L 570 270 L 560 420 C 450 470 230 470 120 420 Z" fill="${mix(c.main, "#000000", 0.12)}"/>${line("M 120 420 C 230 470 450 470 560 420", mix(c.main, "#FFFFFF", 0.3), 4, 0.6, "14 10")}<path d="${roundRect(310, 430, 60, 50, 10)}" fill="${hardware}"/><circle cx="340" cy="455" r="9" fill="${mix(hardware, "#000000", 0.4)}"/>`,
    occlude(p, body, 620, 720, 0.25),
    gloss(p, body, 230, 380, 150, 80, 0.25, -15),
  ].join("");
  return {
    w: 680,
    h: 720,
    markup,
    outline: `${body} ${handles} ${handle(190, 490)}`,
    focus: [340, 460],
    footprint: [50, 630],
    texture: "leather",
  };
}
