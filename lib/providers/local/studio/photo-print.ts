// Scenes for a photo that cannot be cut out: the photo as a print — rounded corners, a mat,
// a soft shadow — floating in the studio, tilted over a blurred copy of itself, standing
// backlit on a podium, lying on a flat-lay table, or framed on a table in a room. The close-up
// (shared with cut-outs) crops into the photo where it has the most detail.
import sharp from "sharp";
import { mix } from "../colour";
import { layout } from "./compose";
import type { PhotoContext, PhotoScene } from "./photo";
import {
  blurred,
  card,
  type Layer,
  type Print,
  photoBackdrop,
  place,
  sideLight,
  silhouette,
  transform,
} from "./photo-layers";
import {
  bokeh,
  flatLaySurface,
  lifestyleRoom,
  podium,
  shadowEllipse,
  studioBackdrop,
} from "./scene";

const MAX_ENLARGE = 3;

/** The largest w×h with the photo's proportions (kept between 1:2 and 2:1) inside maxW×maxH. */
function fitPrint(c: PhotoContext, maxW: number, maxH: number): { w: number; h: number } {
  const a = Math.min(2, Math.max(0.5, c.photo.width / c.photo.height));
  const w = Math.min(maxW, maxH * a);
  return { w, h: w / a };
}

/** A print with a soft shadow under it (offset by dx, dy), centred at (cx, cy). */
async function printLayers(
  c: PhotoContext,
  print: Layer,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
  softness = 0.028,
) {
  const { W, H, u, look } = c;
  const wide = await blurred(
    silhouette(print, look.shadow, Math.min(0.85, look.shadowOpacity * 1.1)),
    u * softness,
  );
  const tight = await blurred(silhouette(print, look.shadow, 0.35), u * 0.005);
  return [
    await place(wide, cx - wide.width / 2 + dx, cy - wide.height / 2 + dy, W, H),
    await place(tight, cx - tight.width / 2 + dx * 0.15, cy - tight.height / 2 + dy * 0.15, W, H),
    await place(print, cx - print.width / 2, cy - print.height / 2, W, H),
  ];
}

const matted = (c: PhotoContext, w: number, h: number): Print => ({
  radius: c.u * 0.02,
  mat: Math.min(w, h) * 0.045,
});

async function floating(c: PhotoContext): Promise<PhotoScene> {
  const { W, H, u, rng, f } = c;
  const L = layout(W, H);
  const { w, h } = fitPrint(c, W * 0.78, H * 0.54);
  const cx = W / 2 + rng.range(-0.01, 0.01) * W,
    cy = H * 0.45 + rng.range(-0.01, 0.01) * H;
  const print = await card(c.photo, w, h, matted(c, w, h));
  return {
    under: studioBackdrop(f, L.ground - L.horizonGap, cx, cy, Math.max(W, H) * 0.6),
    layers: await printLayers(c, print, cx, cy, 0, u * 0.03),
    vignette: c.look.vignette,
  };
}

async function tilted(c: PhotoContext): Promise<PhotoScene> {
  const { W, H, u, rng, look } = c;
  const side = c.alternate ? -1 : 1;
  const { w, h } = fitPrint(c, W * 0.72, H * 0.5);
  const flat = await card(c.photo, w, h, { radius: u * 0.03, mat: 0 });
  const print = await transform(await sideLight(flat, side < 0, 0.9), flat.width, flat.height, {
    rotate: side * rng.range(4, 7),
  });
  const cx = W / 2 - side * 0.03 * W,
    cy = H * 0.47;
  return {
    underImage: await photoBackdrop(c.photo, W, H, u * 0.05),
    under: `<rect width="${W}" height="${H}" fill="${mix(look.wallBottom, "#000000", look.mood === "dark" ? 0.3 : 0)}" opacity="0.5"/>`,
    layers: await printLayers(c, print, cx, cy, side * u * 0.025, u * 0.035),
    vignette: look.vignette + 0.15,
  };
}

async function onPodium(c: PhotoContext): Promise<PhotoScene> {
  const { W, H, u, rng, look, f } = c;
  const L = layout(W, H);
  const podiumH = H * 0.07;
  const floor = L.ground + rng.range(-0.01, 0.01) * H,
    ground = floor - podiumH;
  const { w, h } = fitPrint(c, W * 0.6, H * 0.4);
  const print = await sideLight(await card(c.photo, w, h, matted(c, w, h)), !c.alternate, 0.8);
  const x = W / 2,
    cy = ground - h / 2;
  const glow = await blurred(
    silhouette(print, look.glow, Math.min(0.9, look.glowOpacity * 1.8)),
    u * 0.05,
  );
  return {
    under:
      studioBackdrop(f, floor - L.horizonGap, x, cy, Math.max(W, H) * 0.55) +
      podium(f, x, ground, Math.max(w * 0.7, W * 0.24), podiumH) +
      shadowEllipse(f, x, ground, w * 0.6, 1.2),
    layers: [
      await place(glow, x - glow.width / 2, cy - glow.height / 2, W, H, "screen"),
      ...(await printLayers(c, print, x, cy, 0, -u * 0.004, 0.012)),
    ],
    vignette: look.vignette,
  };
}

async function onTable(c: PhotoContext): Promise<PhotoScene> {
  const { W, H, u, rng, f } = c;
  const { w, h } = fitPrint(c, W * 0.7, H * 0.5);
  const flat = await card(c.photo, w, h, matted(c, w, h));
  const print = await transform(flat, flat.width, flat.height, {
    rotate: rng.range(6, 12) * (rng.chance(0.5) ? 1 : -1) * (c.alternate ? -1 : 1),
  });
  return {
    under: flatLaySurface(f),
    layers: await printLayers(c, print, W / 2, H / 2, u * 0.022, u * 0.03, 0.016),
    vignette: c.look.vignette * 0.7,
  };
}

async function framedInRoom(c: PhotoContext): Promise<PhotoScene> {
  const { W, H, u, rng, look, f } = c;
  const L = layout(W, H);
  const horizon = L.room + rng.range(-0.02, 0.02) * H;
  const ground = horizon + (H - horizon) * rng.range(0.35, 0.45);
  const { w, h } = fitPrint(c, L.maxW * 0.62, L.maxH * 0.6);
  const x = W * (0.5 + (c.alternate ? -1 : 1) * rng.range(0.03, 0.07));
  const frame = await card(c.photo, w, h, {
    radius: u * 0.004,
    frame: Math.min(w, h) * 0.03,
    frameColour: look.mood === "dark" ? "#C9A86A" : "#2A2623",
    mat: Math.min(w, h) * 0.08,
  });
  const room = lifestyleRoom(f, horizon, x, w, c.alternate);
  // Leaning on the wall: its shadow falls on the wall, away from the window light.
  return {
    under: room.back + shadowEllipse(f, x, ground, w * 0.6, 1),
    layers: await printLayers(
      c,
      await sideLight(frame, c.alternate, 0.7),
      x,
      ground - h / 2,
      (c.alternate ? 1 : -1) * u * 0.03,
      -u * 0.01,
      0.02,
    ),
    over: room.front,
    vignette: look.vignette,
  };
}

/** Close into the photo where it has the most detail, softening away from that point. */
export async function closeUp(c: PhotoContext): Promise<PhotoScene> {
  const { W, H, u, rng, look, f, photo, src } = c;
  const sw = photo.width,
    sh = photo.height;
  const cover = Math.max(W / sw, H / sh);
  // A cut-out fills about 2.4 frames; a print is cropped 1.6–2.1× past covering the frame
  // (a hair more than covering, so rounding never leaves an empty line at an edge). Neither
  // is enlarged past MAX_ENLARGE its own pixels unless covering the frame needs it.
  const s = src.cutout
    ? Math.min(W / (0.42 * sw), H / (0.42 * sh), MAX_ENLARGE)
    : cover * 1.01 * Math.max(1, Math.min(rng.range(1.6, 2.1), MAX_ENLARGE / cover));
  const rotate = src.cutout ? rng.range(-7, 7) : 0;
  const mirror = c.alternate;
  // The part of the photo that can show (with room for the tilt), around the focus.
  const half = { x: (W / s) * (src.cutout ? 1 : 0.5), y: (H / s) * (src.cutout ? 1 : 0.5) };
  let fx = (src.focus.x + rng.range(-0.04, 0.04)) * sw,
    fy = (src.focus.y + rng.range(-0.04, 0.04)) * sh;
  if (!src.cutout) {
    fx = Math.min(sw - half.x, Math.max(half.x, fx));
    fy = Math.min(sh - half.y, Math.max(half.y, fy));
  }
  const x0 = Math.max(0, Math.floor(fx - half.x)),
    y0 = Math.max(0, Math.floor(fy - half.y));
  const x1 = Math.min(sw, Math.ceil(fx + half.x)),
    y1 = Math.min(sh, Math.ceil(fy + half.y));
  const region = await regionOf(photo, x0, y0, x1 - x0, y1 - y0);
  const layer = await transform(region, region.width * s, region.height * s, { mirror, rotate });
  // Where the focus lands in the transformed layer, then the layer placed to put it at (Fx, Fy).
  let dx = (fx - x0 - region.width / 2) * s;
  const dy = (fy - y0 - region.height / 2) * s;
  if (mirror) dx = -dx;
  const t = (rotate * Math.PI) / 180;
  const lx = layer.width / 2 + dx * Math.cos(t) - dy * Math.sin(t),
    ly = layer.height / 2 + dx * Math.sin(t) + dy * Math.cos(t);
  let Fx = src.cutout ? W * (0.5 + rng.range(-0.05, 0.05)) : W / 2,
    Fy = src.cutout ? H * (0.5 + rng.range(-0.04, 0.04)) : H / 2;
  if (src.cutout) {
    // Slide the product so it fills the frame rather than leave an empty band where it ends
    // (by less than half a frame, so the region's own cut edges stay outside).
    const fill = (lo: number, hi: number, size: number) =>
      Math.max(
        -0.45 * size,
        Math.min(
          0.45 * size,
          lo > 0.1 * size ? -lo + 0.1 * size : hi < 0.9 * size ? 0.9 * size - hi : 0,
        ),
      );
    Fx += fill(Fx - lx, Fx - lx + layer.width, W);
    Fy += fill(Fy - ly, Fy - ly + layer.height, H);
  }
  const backdrop = f.defs.radialAt(
    [
      [0, mix(look.wallTop, "#FFFFFF", 0.15)],
      [1, look.wallBottom],
    ],
    W * 0.5,
    H * 0.35,
    Math.max(W, H) * 0.8,
  );
  const shadow = src.cutout
    ? await blurred(silhouette(layer, look.shadow, look.shadowOpacity * 0.7), u * 0.02)
    : undefined;
  return {
    under: `<rect width="${W}" height="${H}" fill="${backdrop}"/>${src.cutout ? bokeh(f, 7, { x0: 0, x1: W, y0: 0, y1: H }) : ""}`,
    layers: [
      shadow &&
        (await place(
          shadow,
          Fx - lx - shadow.margin + u * 0.02,
          Fy - ly - shadow.margin + u * 0.03,
          W,
          H,
        )),
      await place(layer, Fx - lx, Fy - ly, W, H),
    ],
    depthOfField: { x: Fx, y: Fy, radius: u * (src.cutout ? 0.55 : 0.62) },
    vignette: look.vignette * 1.1 + 0.1,
  };
}

async function regionOf(
  l: Layer,
  left: number,
  top: number,
  width: number,
  height: number,
): Promise<Layer> {
  if (left === 0 && top === 0 && width === l.width && height === l.height) return l;
  const data = await sharp(l.data, { raw: { width: l.width, height: l.height, channels: 4 } })
    .extract({ left, top, width: Math.max(1, width), height: Math.max(1, height) })
    .raw()
    .toBuffer();
  return { data, width: Math.max(1, width), height: Math.max(1, height) };
}

export function printScene(c: PhotoContext): Promise<PhotoScene> {
  switch (c.view) {
    case "front":
      return floating(c);
    case "side":
      return tilted(c);
    case "back":
      return onPodium(c);
    case "top":
      return onTable(c);
    case "detail":
      return closeUp(c);
    case "lifestyle":
      return framedInRoom(c);
  }
}
