// A sneaker (or a high-top/boot when the prompt says so), drawn per view: side profile with
// the toe to the right, toe-on front, heel-on back, and from above.
import { mix } from "../../colour";
import {
  type Art,
  type ArtView,
  ellipsePath,
  gloss,
  lerp,
  line,
  occlude,
  type Painter,
  roundRect,
  shaded,
} from "./art";

export type FootwearKind = "sneaker" | "boot";

export function drawFootwear(p: Painter, view: ArtView, kind: FootwearKind): Art {
  if (view === "side") return side(p, kind === "boot" ? 110 : 0);
  if (view === "front") return front(p, kind === "boot" ? 80 : 0);
  if (view === "back") return back(p, kind === "boot" ? 80 : 0);
  return top(p);
}

function side(p: Painter, lift: number): Art {
  const { c } = p;
  // Drawn on a 1000-wide grid: the sole's top edge at y = 352 in the sketch coordinates;
  // U() stretches the upper taller (and raises a boot's collar), L() moves the sole down.
  const base = 72 + lift;
  const U = (v: number, collar = 0) => Math.round(base + 352 - (352 - v) * 1.25 - collar * lift);
  // biome-ignore lint/correctness/noComponentHookFactories: L() is a coordinate helper (lower), not a component
  const L = (v: number) => v + base;
  const H = L(470);
  const sole = `M 38 ${L(352)} L 820 ${L(352)} C 900 ${L(350)} 960 ${L(338)} 992 ${L(320)} C 1001 ${L(350)} 998 ${L(392)} 975 ${L(412)} C 955 ${L(430)} 925 ${L(436)} 880 ${L(436)} L 90 ${L(436)} C 55 ${L(436)} 30 ${L(420)} 26 ${L(395)} C 23 ${L(375)} 28 ${L(360)} 38 ${L(352)} Z`;
  const upper = `M 42 ${U(356)} C 26 ${U(300)} 28 ${U(230, 0.6)} 46 ${U(175, 1)} C 56 ${U(145, 1)} 80 ${U(130, 1)} 110 ${U(132, 1)} C 160 ${U(136, 1)} 205 ${U(165, 0.8)} 260 ${U(168, 0.6)} C 300 ${U(170, 0.5)} 330 ${U(150, 0.4)} 360 ${U(120, 0.3)} L 400 ${U(78, 0.2)} C 420 ${U(58, 0.2)} 460 ${U(52, 0.2)} 490 ${U(62, 0.2)} C 505 ${U(68, 0.2)} 510 ${U(82, 0.2)} 505 ${U(96, 0.2)} L 520 ${U(110, 0.15)} C 600 ${U(190)} 700 ${U(250)} 820 ${U(282)} C 900 ${U(302)} 960 ${U(312)} 990 ${U(324)} C 998 ${U(330)} 996 ${U(345)} 990 ${U(352)} L 42 ${U(356)} Z`;
  const toeCap = `M 800 ${U(354)} C 808 ${U(306)} 860 ${U(292)} 930 ${U(305)} C 965 ${U(312)} 990 ${U(322)} 992 ${U(336)} L 990 ${U(354)} Z`;
  const heel = `M 42 ${U(356)} C 26 ${U(300)} 28 ${U(230, 0.6)} 46 ${U(175, 1)} C 52 ${U(160, 1)} 60 ${U(150, 1)} 70 ${U(144, 1)} C 122 ${U(200, 0.5)} 150 ${U(280)} 160 ${U(356)} Z`;
  const wing = `M 300 ${U(354)} C 380 ${U(300)} 470 ${U(240)} 560 ${U(182)} L 615 ${U(214)} C 525 ${U(272)} 445 ${U(322)} 392 ${U(354)} Z`;
  const wing2 = `M 420 ${U(354)} C 500 ${U(310)} 580 ${U(262)} 650 ${U(228)} L 675 ${U(243)} C 605 ${U(282)} 530 ${U(326)} 470 ${U(354)} Z`;
  const eyestay = `M 372 ${U(118, 0.3)} L 520 ${U(110, 0.15)} C 600 ${U(190)} 700 ${U(250)} 820 ${U(282)} L 804 ${U(304)} C 690 ${U(276)} 585 ${U(218)} 500 ${U(146, 0.1)} L 380 ${U(150, 0.3)} Z`;
  const tongue = `M 400 ${U(78, 0.2)} C 420 ${U(58, 0.2)} 460 ${U(52, 0.2)} 490 ${U(62, 0.2)} C 505 ${U(68, 0.2)} 510 ${U(82, 0.2)} 505 ${U(96, 0.2)} L 470 ${U(130, 0.15)} L 392 ${U(118, 0.3)} Z`;
  const collar = `M 52 ${U(170, 1)} C 62 ${U(146, 1)} 84 ${U(134, 1)} 110 ${U(136, 1)} C 160 ${U(140, 1)} 205 ${U(168, 0.8)} 260 ${U(171, 0.6)} C 300 ${U(173, 0.5)} 332 ${U(152, 0.4)} 362 ${U(122, 0.3)}`;

  // Laces cross the top of the shoe: short bars from each eyelet back over the tongue.
  let laces = "";
  let eyelets = "";
  for (let i = 0; i < 6; i++) {
    const t = i / 5;
    const ex = lerp(520, 790, t) - 10,
      ey = lerp(U(120, 0.15), U(282), t ** 1.15) + 4;
    eyelets += `<circle cx="${ex}" cy="${ey + 14}" r="8" fill="${c.ink}" opacity="0.8"/><circle cx="${ex}" cy="${ey + 14}" r="8" fill="none" stroke="${c.metal}" stroke-width="3" opacity="0.8"/>`;
    const bar = `M ${ex} ${ey + 12} L ${ex - 50} ${ey - 24}`;
    laces +=
      line(bar, mix(c.accent, "#000000", 0.3), 19) +
      line(bar, c.accent, 13) +
      line(`M ${ex - 5} ${ey + 5} L ${ex - 40} ${ey - 20}`, "#FFFFFF", 3, 0.45);
  }
  const markup = [
    shaded(p, sole, c.ink, { light: 0.15, dark: 0.4, extra: `transform="translate(0 24)"` }),
    shaded(p, upper, c.main, { light: 0.28, dark: 0.22 }),
    shaded(p, heel, mix(c.main, c.accent, 0.5), { light: 0.18, dark: 0.3 }),
    shaded(p, wing, c.accent, { light: 0.15, dark: 0.2 }),
    shaded(p, wing2, mix(c.accent, c.main, 0.35), { light: 0.1, dark: 0.2 }),
    shaded(p, eyestay, mix(c.main, c.ink, 0.12), { light: 0.2, dark: 0.15 }),
    shaded(p, tongue, mix(c.main, "#FFFFFF", 0.15), { light: 0.2, dark: 0.2 }),
    shaded(p, toeCap, mix(c.main, "#FFFFFF", 0.12), { light: 0.25, dark: 0.2 }),
    line(collar, mix(c.main, c.ink, 0.45), 18),
    line(collar, mix(c.main, "#FFFFFF", 0.3), 4, 0.6),
    line(
      `M 812 ${U(346)} C 820 ${U(312)} 860 ${U(302)} 925 ${U(313)}`,
      mix(c.main, "#FFFFFF", 0.55),
      3,
      0.7,
      "9 7",
    ),
    line(
      `M 70 ${U(345)} C 62 ${U(300)} 60 ${U(240, 0.5)} 74 ${U(190, 0.9)}`,
      mix(c.main, "#FFFFFF", 0.55),
      3,
      0.6,
      "9 7",
    ),
    gloss(p, upper, 560, U(160), 320, 80, 0.35, 18),
    occlude(p, upper, U(290), U(356), 0.25),
    eyelets,
    laces,
    shaded(p, sole, c.trim, { light: 0.1, dark: 0.18 }),
    line(
      `M 60 ${L(392)} L 900 ${L(392)} C 940 ${L(392)} 965 ${L(382)} 982 ${L(366)}`,
      mix(c.trim, "#000000", 0.2),
      3,
      0.5,
    ),
    gloss(p, sole, 500, L(358), 420, 12, 0.5),
    `<path d="${roundRect(24, U(118, 1), 40, 80, 10)}" fill="${mix(c.main, c.ink, 0.5)}" transform="rotate(-14 44 ${U(150, 1)})"/>`,
  ].join("");
  return {
    w: 1000,
    h: H,
    markup,
    outline: `${upper} ${sole}`,
    material: upper,
    focus: [640, U(230)],
    footprint: [60, 930],
    texture: "mesh",
  };
}

function front(p: Painter, lift: number): Art {
  const { c } = p;
  const H = 470 + lift;
  const y = (v: number) => v + lift;
  const outsole = roundRect(24, y(400), 512, 68, 30);
  const midsole = `M 30 ${y(350)} C 30 ${y(330)} 60 ${y(318)} 100 ${y(318)} L 460 ${y(318)} C 500 ${y(318)} 530 ${y(330)} 530 ${y(350)} L 530 ${y(405)} C 530 ${y(425)} 510 ${y(438)} 480 ${y(438)} L 80 ${y(438)} C 50 ${y(438)} 30 ${y(425)} 30 ${y(405)} Z`;
  const upper = `M 48 ${y(350)} C 38 ${y(290)} 62 ${y(236)} 112 ${y(206)} C 132 ${170 - lift * 0.2} 150 ${100 - lift * 0.4} 182 ${74} C 220 52 340 52 378 74 C 410 ${100 - lift * 0.4} 428 ${170 - lift * 0.2} 448 ${y(206)} C 498 ${y(236)} 522 ${y(290)} 512 ${y(350)} Z`;
  const toe = `M 62 ${y(350)} C 62 ${y(285)} 130 ${y(238)} 280 ${y(238)} C 430 ${y(238)} 498 ${y(285)} 498 ${y(350)} Z`;
  const tongue = `M 212 ${40} C 212 18 348 18 348 ${40} L 356 ${y(236)} L 204 ${y(236)} Z`;
  let laces = "";
  const rows = 5;
  for (let i = 0; i < rows; i++) {
    const ly = lerp(96, y(214), i / (rows - 1));
    const half = lerp(82, 100, i / (rows - 1));
    laces += `<circle cx="${280 - half - 8}" cy="${ly}" r="7" fill="${c.ink}" opacity="0.7"/><circle cx="${280 + half + 8}" cy="${ly}" r="7" fill="${c.ink}" opacity="0.7"/>`;
    laces +=
      line(`M ${280 - half} ${ly} L ${280 + half} ${ly - 8}`, mix(c.accent, "#000000", 0.25), 17) +
      line(`M ${280 - half} ${ly} L ${280 + half} ${ly - 8}`, c.accent, 12);
  }
  const markup = [
    shaded(p, outsole, c.ink, { light: 0.1, dark: 0.4 }),
    shaded(p, upper, c.main, { dir: "h", light: 0.25, dark: 0.3 }),
    `<ellipse cx="280" cy="82" rx="118" ry="30" fill="${c.ink}"/>`,
    `<ellipse cx="280" cy="86" rx="104" ry="20" fill="${mix(c.ink, "#000000", 0.5)}"/>`,
    shaded(p, tongue, mix(c.main, "#FFFFFF", 0.12), { dir: "h", light: 0.2, dark: 0.22 }),
    shaded(p, toe, mix(c.main, "#FFFFFF", 0.1), { light: 0.3, dark: 0.15 }),
    line(
      `M 75 ${y(344)} C 80 ${y(292)} 140 ${y(250)} 280 ${y(250)} C 420 ${y(250)} 480 ${y(292)} 485 ${y(344)}`,
      mix(c.main, "#FFFFFF", 0.55),
      3,
      0.6,
      "9 7",
    ),
    laces,
    gloss(p, upper, 200, y(170), 120, 150, 0.3, -20),
    occlude(p, upper, y(300), y(350), 0.25),
    shaded(p, midsole, c.trim, { light: 0.15, dark: 0.2 }),
    gloss(p, midsole, 220, y(330), 200, 16, 0.5),
    line(`M 50 ${y(392)} L 510 ${y(392)}`, mix(c.trim, "#000000", 0.2), 3, 0.5),
  ].join("");
  return {
    w: 560,
    h: H,
    markup,
    outline: `${upper} ${midsole} ${outsole}`,
    focus: [280, y(180)],
    footprint: [40, 520],
    texture: "mesh",
  };
}

function back(p: Painter, lift: number): Art {
  const { c } = p;
  const H = 470 + lift;
  const y = (v: number) => v + lift;
  const outsole = roundRect(30, y(402), 380, 66, 28);
  const midsole = `M 40 ${y(340)} L 400 ${y(340)} C 420 ${y(340)} 426 ${y(360)} 421 ${y(380)} L 412 ${y(420)} C 408 ${y(436)} 395 ${y(440)} 380 ${y(440)} L 60 ${y(440)} C 45 ${y(440)} 32 ${y(436)} 28 ${y(420)} L 19 ${y(380)} C 14 ${y(360)} 20 ${y(340)} 40 ${y(340)} Z`;
  const upper = `M 40 ${y(345)} C 30 ${y(240)} 60 ${120} 110 80 C 160 55 280 55 330 80 C 380 120 410 ${y(240)} 400 ${y(345)} Z`;
  const counter = `M 58 ${y(345)} C 58 ${y(262)} 120 ${y(192)} 220 ${y(192)} C 320 ${y(192)} 382 ${y(262)} 382 ${y(345)} Z`;
  const tab = roundRect(198, 44, 44, 70, 12);
  const markup = [
    shaded(p, outsole, c.ink, { light: 0.1, dark: 0.4 }),
    shaded(p, upper, c.main, { dir: "h", light: 0.25, dark: 0.3 }),
    `<ellipse cx="220" cy="86" rx="104" ry="26" fill="${c.ink}"/>`,
    `<ellipse cx="220" cy="90" rx="90" ry="17" fill="${mix(c.ink, "#000000", 0.5)}"/>`,
    shaded(p, counter, mix(c.main, c.accent, 0.55), { light: 0.2, dark: 0.25 }),
    line(
      `M 72 ${y(338)} C 74 ${y(270)} 130 ${y(206)} 220 ${y(206)} C 310 ${y(206)} 366 ${y(270)} 368 ${y(338)}`,
      mix(c.main, "#FFFFFF", 0.6),
      3,
      0.6,
      "9 7",
    ),
    line(`M 220 112 L 220 ${y(190)}`, mix(c.main, c.ink, 0.35), 4, 0.6),
    shaded(p, tab, mix(c.main, c.ink, 0.5), { dir: "h", light: 0.2, dark: 0.25 }),
    `<rect x="176" y="${y(284)}" width="88" height="14" rx="7" fill="#FFFFFF" opacity="0.75"/>`,
    gloss(p, upper, 150, y(150), 80, 130, 0.3, -10),
    occlude(p, upper, y(290), y(345), 0.25),
    shaded(p, midsole, c.trim, { light: 0.15, dark: 0.2 }),
    gloss(p, midsole, 170, y(350), 150, 12, 0.5),
  ].join("");
  return {
    w: 440,
    h: H,
    markup,
    outline: `${upper} ${midsole} ${outsole}`,
    focus: [220, y(200)],
    footprint: [40, 400],
    texture: "mesh",
  };
}

function top(p: Painter): Art {
  const { c } = p;
  const print = `M 200 10 C 300 10 372 90 382 250 C 392 420 362 560 332 700 C 312 800 332 900 292 960 C 262 995 138 995 108 960 C 68 900 88 800 68 700 C 38 560 8 420 18 250 C 28 90 100 10 200 10 Z`;
  const inner = `transform="translate(200 500) scale(0.9 0.955) translate(-200 -500)"`;
  const toe = `M 200 26 C 286 26 348 92 358 200 C 296 232 104 232 42 200 C 52 92 114 26 200 26 Z`;
  let laces = "";
  for (let i = 0; i < 6; i++) {
    const ly = 420 + i * 48;
    laces += `<circle cx="128" cy="${ly + 10}" r="8" fill="${c.ink}" opacity="0.7"/><circle cx="272" cy="${ly + 10}" r="8" fill="${c.ink}" opacity="0.7"/>`;
    laces +=
      line(`M 136 ${ly} L 264 ${ly + 22}`, mix(c.accent, "#000000", 0.25), 17) +
      line(`M 136 ${ly} L 264 ${ly + 22}`, c.accent, 12);
    laces +=
      line(`M 136 ${ly + 22} L 264 ${ly}`, mix(c.accent, "#000000", 0.25), 17) +
      line(`M 136 ${ly + 22} L 264 ${ly}`, c.accent, 12);
  }
  const markup = [
    shaded(p, print, c.trim, { dir: "h", light: 0.1, dark: 0.25 }),
    `<g ${inner}>${shaded(p, print, c.main, { dir: "h", light: 0.25, dark: 0.25 })}</g>`,
    shaded(p, toe, mix(c.main, "#FFFFFF", 0.12), { light: 0.25, dark: 0.12 }),
    `<path d="${roundRect(150, 360, 100, 360, 40)}" fill="${mix(c.main, "#FFFFFF", 0.14)}"/>`,
    laces,
    `<ellipse cx="200" cy="820" rx="100" ry="128" fill="${mix(c.main, c.ink, 0.5)}"/>`,
    `<ellipse cx="200" cy="826" rx="84" ry="110" fill="${c.ink}"/>`,
    `<path d="${ellipsePath(200, 850, 60, 70)}" fill="${mix(c.ink, "#FFFFFF", 0.08)}"/>`,
    gloss(p, print, 130, 300, 70, 260, 0.3, -6),
  ].join("");
  return {
    w: 400,
    h: 1000,
    markup,
    outline: print,
    focus: [200, 520],
    footprint: [40, 360],
    texture: "mesh",
  };
}
