// Raster layers cut from the product photo: the product resized, mirrored or tilted; its
// silhouette turned into shadows, a glow or a floor reflection; the photo as a rounded print.
// Layers are raw RGBA; `place` clips one to the frame for sharp's composite (which refuses
// overlays larger than, or reaching outside, the picture).
import sharp, { type OverlayOptions, type Sharp } from "sharp";
import { hexToRgb } from "../colour";

export type Layer = { data: Buffer; width: number; height: number };

const raw = (l: Layer) => ({ raw: { width: l.width, height: l.height, channels: 4 as const } });

async function toLayer(image: Sharp): Promise<Layer> {
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Resized to exactly w×h, optionally mirrored, then rotated (degrees) on a transparent canvas. */
export async function transform(
  l: Layer,
  w: number,
  h: number,
  opts: { mirror?: boolean; rotate?: number } = {},
): Promise<Layer> {
  let img = sharp(l.data, raw(l)).resize(Math.max(1, Math.round(w)), Math.max(1, Math.round(h)), {
    fit: "fill",
    kernel: "lanczos3",
  });
  if (opts.mirror) img = img.flop();
  const flat = await toLayer(img);
  if (!opts.rotate) return flat;
  return toLayer(
    sharp(flat.data, raw(flat)).rotate(opts.rotate, { background: { r: 0, g: 0, b: 0, alpha: 0 } }),
  );
}

/** The layer's shape filled with one colour at `opacity`. */
export function silhouette(l: Layer, colour: string, opacity: number): Layer {
  const { r, g, b } = hexToRgb(colour);
  const out = Buffer.alloc(l.data.length);
  for (let i = 0; i < out.length; i += 4) {
    out[i] = r;
    out[i + 1] = g;
    out[i + 2] = b;
    out[i + 3] = Math.round(l.data[i + 3] * opacity);
  }
  return { data: out, width: l.width, height: l.height };
}

/**
 * A soft version of the layer with `margin` px of room on every side for the blur to spread
 * into. Blurred at reduced size (cheap even for large radii), then scaled back.
 */
export async function blurred(
  l: Layer,
  sigma: number,
  margin = Math.ceil(sigma * 2.5),
): Promise<Layer & { margin: number }> {
  const k = Math.max(1, Math.min(8, sigma / 3));
  const W = l.width + 2 * margin,
    H = l.height + 2 * margin;
  const padded = await sharp(l.data, raw(l))
    .extend({
      top: margin,
      bottom: margin,
      left: margin,
      right: margin,
      background: { r: 0, g: 0, b: 0, alpha: 0 },
    })
    .raw()
    .toBuffer();
  const small = sharp(padded, { raw: { width: W, height: H, channels: 4 } })
    .resize(Math.max(1, Math.round(W / k)), Math.max(1, Math.round(H / k)))
    .blur(Math.max(0.3, sigma / k));
  const soft = await toLayer(
    sharp(await small.raw().toBuffer(), {
      raw: {
        width: Math.max(1, Math.round(W / k)),
        height: Math.max(1, Math.round(H / k)),
        channels: 4,
      },
    }).resize(W, H, { fit: "fill" }),
  );
  return { ...soft, margin };
}

/** The silhouette flattened onto the floor behind the product (its bottom edge on the ground), soft. */
export async function castShadow(
  l: Layer,
  colour: string,
  opacity: number,
  squash: number,
  sigma: number,
): Promise<Layer & { margin: number }> {
  const flat = await toLayer(
    sharp(silhouette(l, colour, opacity).data, raw(l)).resize(
      l.width,
      Math.max(2, Math.round(l.height * squash)),
      { fit: "fill" },
    ),
  );
  return blurred(flat, sigma);
}

/** The product upside down below itself, fading out: a glossy floor. */
export async function reflection(l: Layer, opacity: number, depth = 0.45): Promise<Layer> {
  const flipped = await toLayer(sharp(l.data, raw(l)).flip());
  const d = flipped.data;
  const fade = Math.max(1, Math.round(l.height * depth));
  for (let y = 0; y < l.height; y++) {
    const a = y >= fade ? 0 : opacity * (1 - y / fade) ** 2;
    for (let x = 0; x < l.width; x++)
      d[(y * l.width + x) * 4 + 3] = Math.round(d[(y * l.width + x) * 4 + 3] * a);
  }
  return flipped;
}

/** Light falling across the product from one side, and shade on the other; only where the product is. */
export async function sideLight(l: Layer, fromLeft: boolean, strength: number): Promise<Layer> {
  const [a, b] = fromLeft ? ["#FFFFFF", "#000000"] : ["#000000", "#FFFFFF"];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${l.height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0.25"><stop offset="0" stop-color="${a}" stop-opacity="${(fromLeft ? 0.28 : 0.22) * strength}"/><stop offset="0.55" stop-color="#808080" stop-opacity="0"/><stop offset="1" stop-color="${b}" stop-opacity="${(fromLeft ? 0.22 : 0.28) * strength}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  return toLayer(sharp(l.data, raw(l)).composite([{ input: Buffer.from(svg), blend: "atop" }]));
}

export type Print = {
  radius: number;
  mat: number;
  matColour?: string;
  frame?: number;
  frameColour?: string;
};

/** The photo as a print, w×h overall: rounded corners, a mat (white border) and a frame, each optional. */
export async function card(l: Layer, w: number, h: number, p: Print): Promise<Layer> {
  const W = Math.max(4, Math.round(w)),
    H = Math.max(4, Math.round(h));
  const fr = Math.round(p.frame ?? 0),
    inset = fr + Math.round(p.mat);
  const pw = Math.max(1, W - 2 * inset),
    ph = Math.max(1, H - 2 * inset);
  const photo = await toLayer(
    sharp(l.data, raw(l))
      .flatten({ background: p.matColour ?? "#FFFFFF" })
      .resize(pw, ph, { fit: "cover", kernel: "lanczos3" }),
  );
  const r = Math.max(0, p.radius);
  const rr = (x: number, y: number, rw: number, rh: number, radius: number, fill: string) =>
    `<rect x="${x}" y="${y}" width="${rw}" height="${rh}" rx="${Math.max(0, radius).toFixed(1)}" fill="${fill}"/>`;
  const mount = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${fr ? rr(0, 0, W, H, r, p.frameColour ?? "#1C1B1A") : ""}${inset ? rr(fr, fr, W - 2 * fr, H - 2 * fr, r - fr * 0.5, p.matColour ?? "#FBFAF7") : ""}</svg>`;
  const photoMask = `<svg xmlns="http://www.w3.org/2000/svg" width="${pw}" height="${ph}">${rr(0, 0, pw, ph, inset ? Math.max(1, r * 0.35) : r, "#fff")}</svg>`;
  const rounded = await sharp(photo.data, raw(photo))
    .composite([{ input: Buffer.from(photoMask), blend: "dest-in" }])
    .png()
    .toBuffer();
  return toLayer(
    sharp(Buffer.from(mount))
      .ensureAlpha()
      .composite([{ input: rounded, left: inset, top: inset }]),
  );
}

/** The photo scaled to cover W×H and blurred: a backdrop in the photo's own colours. */
export async function photoBackdrop(
  l: Layer,
  W: number,
  H: number,
  sigma: number,
): Promise<Buffer> {
  const k = Math.max(1, sigma / 4);
  const w = Math.max(8, Math.round(W / k)),
    h = Math.max(8, Math.round(H / k));
  const small = await sharp(l.data, raw(l))
    .flatten({ background: "#808080" })
    .resize(w, h, { fit: "cover" })
    .blur(Math.max(0.3, sigma / k))
    .raw()
    .toBuffer();
  return sharp(small, { raw: { width: w, height: h, channels: 3 } })
    .resize(W, H, { fit: "fill" })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** An overlay at (left, top), clipped to the W×H picture; undefined when nothing of it shows. */
export async function place(
  l: Layer,
  left: number,
  top: number,
  W: number,
  H: number,
  blend?: OverlayOptions["blend"],
): Promise<OverlayOptions | undefined> {
  const x0 = Math.round(left),
    y0 = Math.round(top);
  const cx = Math.max(0, -x0),
    cy = Math.max(0, -y0);
  const w = Math.min(l.width - cx, W - Math.max(0, x0)),
    h = Math.min(l.height - cy, H - Math.max(0, y0));
  if (w <= 0 || h <= 0) return undefined;
  const whole = cx === 0 && cy === 0 && w === l.width && h === l.height;
  const part = whole
    ? l
    : await toLayer(sharp(l.data, raw(l)).extract({ left: cx, top: cy, width: w, height: h }));
  return {
    input: part.data,
    raw: raw(part).raw,
    left: Math.max(0, x0),
    top: Math.max(0, y0),
    ...(blend ? { blend } : {}),
  };
}
