// Puts a drawn product into a shot: per view, where it stands, how big, what it stands on,
// which light falls on it — and returns the whole picture as one SVG document.
import type { View } from "../../types";
import { mix } from "../colour";
import type { Rng } from "../seeded";
import type { Look } from "./look";
import type { Material } from "./material";
import type { Art, ArtView, Painter } from "./products/art";
import type { ProductDrawing } from "./products/index";
import {
  bokeh,
  castShadow,
  type Frame,
  flatLaySurface,
  lifestyleRoom,
  podium,
  rimLight,
  shadowEllipse,
  studioBackdrop,
  vignette,
} from "./scene";
import { fmt, SvgDefs, svgDocument } from "./svg";
import { textureStrokes } from "./texture";

export type ShotInput = {
  width: number;
  height: number;
  view: View;
  look: Look;
  product: ProductDrawing;
  /** Varies composition (placement, props, light) — never the product itself. */
  rng: Rng;
  /** A deliberate second take of a view: mirrored and re-arranged. */
  alternate: boolean;
  /** Randomness for the product drawing, the same in every shot of a session. */
  productRng: () => Rng;
  /** What the material looks like (shine, metal, glass, close-up texture). */
  material: Material;
  /**
   * "full" is the shot; "background" the same shot without the product (its shadow and
   * reflection stay); "mask" the product's outline in white on black, where it was drawn.
   * The last two let a test check that the drawn product is the shape it claims to be.
   */
  layer?: StudioLayer;
};

export type StudioLayer = "full" | "background" | "mask";

/** A composed shot: the SVG body, plus raster effects the renderer applies after rasterising. */
export type Shot = {
  body: string;
  /** Where the product's outline was drawn (for the mask layer). */
  placed: { outline: string; transform: string }[];
  depthOfField?: { x: number; y: number; radius: number };
  vignette?: number;
};

type Placed = {
  art: Art;
  transform: string;
  s: number;
  x: number;
  ground: number;
  widthPx: number;
  heightPx: number;
};

function place(art: Art, x: number, ground: number, s: number, rotate = 0, mirror = false): Placed {
  const transform = `translate(${fmt(x)} ${fmt(ground)}) rotate(${fmt(rotate)}) scale(${fmt(mirror ? -s : s)} ${fmt(s)}) translate(${fmt(-art.w / 2)} ${fmt(-art.h)})`;
  return { art, transform, s, x, ground, widthPx: art.w * s, heightPx: art.h * s };
}

/** Frame proportions: tall (9:16), square (1:1) or wide (16:9) layouts. */
export function layout(W: number, H: number) {
  const a = W / H;
  if (a < 0.8)
    return { maxW: W * 0.8, maxH: H * 0.4, ground: H * 0.66, horizonGap: H * 0.09, room: H * 0.6 };
  if (a < 1.3)
    return {
      maxW: W * 0.66,
      maxH: H * 0.52,
      ground: H * 0.76,
      horizonGap: H * 0.14,
      room: H * 0.56,
    };
  return { maxW: W * 0.5, maxH: H * 0.6, ground: H * 0.8, horizonGap: H * 0.15, room: H * 0.55 };
}

function productMarkup(pl: Placed): string {
  return `<g transform="${pl.transform}">${pl.art.markup}</g>`;
}

/** The product's own pixels (markup, rim light, close-up texture): left out of the background layer. */
const own = (input: ShotInput, markup: string) =>
  input.layer === "background" || input.layer === "mask" ? "" : markup;

/** A faint mirror image below the product on glossy (dark) floors. */
function reflection(f: Frame, pl: Placed): string {
  if (!f.look.reflection) return "";
  const mask = f.defs.mask(
    `<rect x="0" y="${fmt(pl.ground)}" width="${f.W}" height="${fmt(pl.heightPx * 0.6)}" fill="${f.defs.linearAt(
      [
        [0, "#FFFFFF", 0.5],
        [1, "#FFFFFF", 0],
      ],
      0,
      pl.ground,
      0,
      pl.ground + pl.heightPx * 0.6,
    )}"/>`,
  );
  return `<g mask="${mask}" opacity="0.5"><g transform="translate(0 ${fmt(2 * pl.ground)}) scale(1 -1)">${productMarkup(pl)}</g></g>`;
}

function studioShot(
  f: Frame,
  input: ShotInput,
  art: Art,
  opts: {
    floating: boolean;
    onPodium: boolean;
    scale?: number;
    offsetX?: number;
    /** Light from the other side (and the product mirrored). */
    mirror?: boolean;
  },
): Shot {
  const { W, H, rng } = f;
  const L = layout(W, H);
  const mirror = opts.mirror ?? input.alternate;
  let s = Math.min(L.maxW / art.w, L.maxH / art.h) * (opts.scale ?? 1);
  const podiumH = opts.onPodium ? H * 0.07 : 0;
  if (opts.onPodium) s *= 0.82;
  const x = W / 2 + (opts.offsetX ?? 0) * W + rng.range(-0.015, 0.015) * W;
  const floor = L.ground + rng.range(-0.01, 0.01) * H;
  const lift = opts.floating ? H * 0.045 : 0;
  const tilt = opts.floating ? (mirror ? 1 : -1) * rng.range(5, 9) : 0;
  const ground = floor - podiumH;
  const pl = place(art, x, ground - lift, s, tilt, mirror);
  const horizon = floor - L.horizonGap;
  const glowY = ground - pl.heightPx * 0.55;
  const footprint = (art.footprint[1] - art.footprint[0]) * s;
  const parts = [studioBackdrop(f, horizon, x, glowY, Math.max(W, H) * 0.55)];
  if (opts.onPodium)
    parts.push(podium(f, x, ground, Math.max(footprint * 0.62, W * 0.22), podiumH));
  parts.push(reflection(f, pl));
  if (opts.floating) {
    parts.push(shadowEllipse(f, x, floor, footprint * 0.55, 0.9));
  } else {
    parts.push(
      castShadow(
        f,
        art.outline,
        pl.transform,
        ground,
        Math.max(2, W * 0.012),
        0.08,
        1.6,
        mirror ? 30 : -30,
      ),
    );
    parts.push(shadowEllipse(f, x, ground, footprint * 0.58, 1.1));
  }
  parts.push(own(input, productMarkup(pl)));
  parts.push(
    own(input, rimLight(f, art.outline, pl.transform, Math.max(2, W * 0.006) / s, mirror)),
  );
  return {
    body: parts.join(""),
    vignette: f.look.vignette,
    placed: [{ outline: art.outline, transform: pl.transform }],
  };
}

function topShot(f: Frame, input: ShotInput, art: Art): Shot {
  const { W, H, rng } = f;
  const u = Math.min(W, H);
  const wideFrame = W > H * 1.2,
    tallArt = art.h > art.w * 1.3;
  const rot = (wideFrame && tallArt ? -90 : 0) + rng.range(-14, 14) * (input.alternate ? -1 : 1);
  const fits =
    wideFrame && tallArt
      ? Math.min((W * 0.66) / art.h, (H * 0.72) / art.w)
      : Math.min((W * 0.66) / art.w, (H * 0.6) / art.h);
  const cx = W / 2 + rng.range(-0.02, 0.02) * W,
    cy = H / 2 + rng.range(-0.02, 0.02) * H;
  const transform = `translate(${fmt(cx)} ${fmt(cy)}) rotate(${fmt(rot)}) scale(${fmt(fits)}) translate(${fmt(-art.w / 2)} ${fmt(-art.h / 2)})`;
  const shadow = `<g filter="${f.defs.blur(u * 0.018, { margin: 0.12 })}" opacity="${fmt(f.look.shadowOpacity * 0.9)}"><g transform="translate(${fmt(u * 0.025)} ${fmt(u * 0.035)})"><g transform="${transform}"><path d="${art.outline}" fill="${f.look.shadow}"/></g></g></g>`;
  return {
    body: [
      flatLaySurface(f),
      shadow,
      own(input, `<g transform="${transform}">${art.markup}</g>`),
    ].join(""),
    vignette: f.look.vignette * 0.7,
    placed: [{ outline: art.outline, transform }],
  };
}

function detailShot(f: Frame, input: ShotInput, art: Art): Shot {
  const { W, H, defs, look, rng } = f;
  const u = Math.min(W, H);
  const s = Math.min(W / (0.36 * art.w), H / (0.36 * art.h));
  const rot = rng.range(-7, 7);
  const fx = W * (0.5 + rng.range(-0.06, 0.06)),
    fy = H * (0.5 + rng.range(-0.05, 0.05));
  const transform = `translate(${fmt(fx)} ${fmt(fy)}) rotate(${fmt(rot)}) scale(${fmt(input.alternate ? -s : s)} ${fmt(s)}) translate(${fmt(-art.focus[0])} ${fmt(-art.focus[1])})`;
  const backdrop = defs.radialAt(
    [
      [0, mix(look.wallTop, "#FFFFFF", 0.15)],
      [1, look.wallBottom],
    ],
    W * 0.5,
    H * 0.35,
    Math.max(W, H) * 0.8,
  );
  const clip = defs.clip(`<path d="${art.material ?? art.outline}" transform="${transform}"/>`);
  const R = u * 0.7;
  const texture = textureStrokes(
    input.material.texture ?? art.texture,
    rng,
    {
      x0: Math.max(0, fx - R),
      x1: Math.min(W, fx + R),
      y0: Math.max(0, fy - R),
      y1: Math.min(H, fy + R),
    },
    u * 0.012,
    look.product.ink,
  );
  const streak = defs.radial([
    [0, "#FFFFFF", 0.4],
    [1, "#FFFFFF", 0],
  ]);
  const svg = [
    `<rect width="${W}" height="${H}" fill="${backdrop}"/>`,
    bokeh(f, 7, { x0: 0, x1: W, y0: 0, y1: H }),
    own(
      input,
      [
        `<g transform="${transform}">${art.markup}</g>`,
        `<g clip-path="${clip}">${texture}<ellipse cx="${fmt(fx - u * 0.1)}" cy="${fmt(fy - u * 0.12)}" rx="${fmt(u * 0.6)}" ry="${fmt(u * 0.05)}" fill="${streak}" transform="rotate(-24 ${fmt(fx)} ${fmt(fy)})"/></g>`,
        rimLight(f, art.outline, transform, (u * 0.01) / s, false),
      ].join(""),
    ),
  ].join("");
  // Shallow depth of field is applied on the raster (image-renderer): sharp around the focus.
  return {
    body: svg,
    depthOfField: { x: fx, y: fy, radius: u * 0.55 },
    vignette: look.vignette * 1.1 + 0.1,
    placed: [{ outline: art.outline, transform }],
  };
}

function lifestyleShot(f: Frame, input: ShotInput, art: Art): Shot {
  const { W, H, rng } = f;
  const L = layout(W, H);
  const horizon = L.room + rng.range(-0.02, 0.02) * H;
  const ground = horizon + (H - horizon) * rng.range(0.4, 0.5);
  const s = Math.min((L.maxW * 0.74) / art.w, (L.maxH * 0.7) / art.h);
  const x = W * (0.5 + (input.alternate ? -1 : 1) * rng.range(0.03, 0.08));
  const pl = place(art, x, ground, s, 0, input.alternate);
  const room = lifestyleRoom(f, horizon, x, pl.widthPx, input.alternate);
  const footprint = (art.footprint[1] - art.footprint[0]) * s;
  const body = [
    room.back,
    castShadow(
      f,
      art.outline,
      pl.transform,
      ground,
      Math.max(2, W * 0.01),
      0.1,
      1.4,
      input.alternate ? 35 : -35,
    ),
    shadowEllipse(f, x, ground, footprint * 0.58, 1.1),
    own(input, productMarkup(pl)),
    own(input, rimLight(f, art.outline, pl.transform, Math.max(2, W * 0.005) / s, input.alternate)),
    room.front,
  ].join("");
  return {
    body,
    vignette: f.look.vignette,
    placed: [{ outline: art.outline, transform: pl.transform }],
  };
}

export type ComposedShot = {
  svg: string;
  /** Applied on the raster: everything outside this circle is softened (close-ups). */
  depthOfField?: { x: number; y: number; radius: number };
  /** Drawn over the raster after depth of field (the vignette), when there is any. */
  overlaySvg?: string;
};

export function composeShot(input: ShotInput): ComposedShot {
  const { width: W, height: H, view, look, product } = input;
  const defs = new SvgDefs("s");
  const f: Frame = { W, H, defs, look, rng: input.rng };
  const painter = (): Painter => ({
    defs,
    c: look.product,
    rng: input.productRng(),
    m: input.material,
  });
  const art = (v: ArtView) => product.draw(painter(), v);
  let shot: Shot;
  switch (view) {
    case "front":
      shot = studioShot(f, input, art("front"), { floating: false, onPodium: product.podium });
      break;
    case "side":
      // Side and back stand off-centre, on opposite sides, lit from opposite sides: three
      // studio shots of one product should not read as one picture three times.
      shot = studioShot(f, input, art("side"), {
        floating: product.floats,
        onPodium: false,
        scale: 1.1,
        offsetX: input.alternate ? 0.08 : -0.08,
      });
      break;
    case "back":
      shot = studioShot(f, input, art("back"), {
        floating: false,
        onPodium: true,
        scale: 0.9,
        offsetX: input.alternate ? -0.1 : 0.1,
        mirror: !input.alternate,
      });
      break;
    case "top":
      shot = topShot(f, input, art("top"));
      break;
    case "detail":
      shot = detailShot(f, input, art(product.detailView));
      break;
    case "lifestyle":
      shot = lifestyleShot(f, input, art(product.lifestyleView));
      break;
  }
  if (input.layer === "mask") {
    const white = shot.placed
      .map((pl) => `<path d="${pl.outline}" transform="${pl.transform}" fill="#FFFFFF"/>`)
      .join("");
    return {
      svg: svgDocument(W, H, new SvgDefs("m"), `<rect width="${W}" height="${H}"/>${white}`),
    };
  }
  const shade = shot.vignette ?? look.vignette;
  if (!shot.depthOfField) return { svg: svgDocument(W, H, defs, shot.body + vignette(f, shade)) };
  const overlayDefs = new SvgDefs("o");
  const overlay = vignette({ ...f, defs: overlayDefs }, shade);
  return {
    svg: svgDocument(W, H, defs, shot.body),
    depthOfField: shot.depthOfField,
    overlaySvg: svgDocument(W, H, overlayDefs, overlay),
  };
}
