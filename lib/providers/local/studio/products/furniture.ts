// A chair: backrest, seat and four legs, per view. A wooden chair has its frame in the main
// colour and its seat in the second ("walnut chair with a cream seat").
import { mix } from "../../colour";
import { type Art, type ArtView, gloss, occlude, type Painter, roundRect, shaded } from "./art";

export function drawChair(p: Painter, view: ArtView): Art {
  const { c, m } = p;
  // Upholstery in the main colour; the frame in wood, metal or a darker shade of it.
  const frame = m.kind === "wood" ? c.main : m.metallic ? c.metal : mix(c.main, "#000000", 0.35);
  const seatColour = m.kind === "wood" ? c.accent : c.main;
  if (view === "top") {
    const seat = roundRect(60, 150, 480, 420, 40);
    const back = roundRect(40, 40, 520, 110, 30);
    const markup = [
      shaded(p, `${roundRect(60, 560, 50, 40, 10)} ${roundRect(490, 560, 50, 40, 10)}`, frame),
      shaded(p, seat, seatColour, { dir: "d", light: 0.3, dark: 0.25 }),
      shaded(p, back, mix(seatColour, "#000000", 0.1), { light: 0.3, dark: 0.3 }),
      gloss(p, seat, 220, 280, 180, 90, 0.2, -20),
    ].join("");
    return {
      w: 600,
      h: 600,
      markup,
      outline: `${seat} ${back} ${roundRect(60, 560, 50, 40, 10)} ${roundRect(490, 560, 50, 40, 10)}`,
      focus: [300, 360],
      footprint: [40, 560],
      texture: m.texture ?? "fabric",
    };
  }
  if (view === "side") {
    // Profile: the back post leans back, the seat is a slab, front and back legs.
    const backPost = "M 70 0 L 120 0 L 170 520 L 120 520 Z";
    const rest = "M 80 40 L 130 40 L 160 380 L 112 380 Z";
    const seat = roundRect(110, 470, 380, 60, 18);
    const legs = `M 130 530 L 170 530 L 150 900 L 112 900 Z M 430 530 L 470 530 L 486 900 L 448 900 Z`;
    const markup = [
      shaded(p, legs, frame, { dir: "h", light: 0.3, dark: 0.3 }),
      shaded(p, backPost, frame, { dir: "h", light: 0.3, dark: 0.3 }),
      shaded(p, rest, seatColour, { dir: "h", light: 0.3, dark: 0.3 }),
      shaded(p, seat, seatColour, { light: 0.35, dark: 0.3 }),
      occlude(p, seat, 500, 530, 0.3),
    ].join("");
    return {
      w: 560,
      h: 900,
      markup,
      outline: `${legs} ${backPost} ${rest} ${seat}`,
      focus: [300, 500],
      footprint: [112, 486],
      texture: m.texture ?? "fabric",
    };
  }
  // Front and back: the backrest panel above the seat, four legs below (the back legs
  // show between the front ones, a little shorter: they stand further away).
  const back = view === "back";
  const rest = roundRect(90, 0, 420, 400, 50);
  const posts = `${roundRect(90, 300, 40, 220, 10)} ${roundRect(470, 300, 40, 220, 10)}`;
  const seat = back ? roundRect(60, 480, 480, 50, 14) : roundRect(50, 470, 500, 80, 20);
  const legs = `M 70 540 L 110 540 L 104 900 L 72 900 Z M 490 540 L 530 540 L 528 900 L 496 900 Z`;
  const backLegs = `M 140 540 L 170 540 L 166 860 L 142 860 Z M 430 540 L 460 540 L 458 860 L 434 860 Z`;
  const markup = [
    shaded(p, backLegs, mix(frame, "#000000", 0.3), { light: 0.1, dark: 0.2 }),
    shaded(p, legs, frame, { dir: "h", light: 0.35, dark: 0.3 }),
    shaded(p, posts, frame, { dir: "h", light: 0.3, dark: 0.3 }),
    shaded(p, rest, back ? mix(seatColour, "#000000", 0.18) : seatColour, {
      light: 0.3,
      dark: 0.3,
    }),
    back
      ? `<path d="${roundRect(130, 40, 340, 320, 30)}" fill="none" stroke="${mix(seatColour, "#000000", 0.35)}" stroke-width="6"/>`
      : `<path d="${roundRect(120, 30, 360, 340, 36)}" fill="${mix(seatColour, "#FFFFFF", 0.08)}"/>${[150, 230, 310].map((y) => `<path d="M 130 ${y} H 470" stroke="${mix(seatColour, "#000000", 0.18)}" stroke-width="4"/>`).join("")}`,
    shaded(p, seat, seatColour, { light: 0.35, dark: 0.35 }),
    gloss(p, rest, 200, 120, 120, 80, 0.25, -20),
  ].join("");
  return {
    w: 600,
    h: 900,
    markup,
    outline: `${backLegs} ${legs} ${posts} ${rest} ${seat}`,
    material: `${rest} ${seat}`,
    // Close-ups look where the seat meets the frame: both materials in one picture.
    focus: [110, 500],
    footprint: [70, 530],
    texture: m.texture ?? "fabric",
  };
}
