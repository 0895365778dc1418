// Reads the user's product photo once per shot: upright (EXIF orientation applied), 8-bit
// sRGB, bounded in size, and cut out when that can be done reliably — a photo with
// transparency as it is, a packshot on a plain backdrop by photo-key.ts. Anything else (a
// busy scene, a product touching the edges) stays a rectangular photo, shown as a print.
import sharp from "sharp";
import { rgbToHex } from "../colour";
import { keyPlainBackdrop } from "./photo-key";

/** RGBA pixels of the product: cut out (transparent around it) or the whole photo. */
export type PhotoSource = {
  rgba: Buffer;
  width: number;
  height: number;
  cutout: boolean;
  /** The product's average colour, for choosing a backdrop that keeps clear of it. */
  colour: string;
  /** Where the most detail is (0–1 of width/height), for close-ups. */
  focus: { x: number; y: number };
  /** Where these pixels sit in the upright, resized photo (a cut-out is cropped to the product). */
  origin: { x: number; y: number };
};

/** Longest side kept: plenty for a 1080×1920 frame, bounded for memory and time. */
const MAX_SIDE = 1600;

export async function loadPhoto(file: string, maxSide = MAX_SIDE): Promise<PhotoSource> {
  const { data, info } = await sharp(file, { failOn: "error", limitInputPixels: 100_000_000 })
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
    .toColourspace("srgb")
    .ensureAlpha()
    .raw({ depth: "uchar" }) // 16-bit PNGs come out as 8-bit like the rest
    .toBuffer({ resolveWithObject: true });
  let width = info.width,
    height = info.height;
  let rgba: Buffer = data;
  let origin = { x: 0, y: 0 };
  let cutout = countBelow(rgba, 128) / (width * height) > 0.01;
  if (!cutout && width > 64 && height > 64) {
    // The outermost pixels are often a resize or scan artefact (a dark line): key inside them.
    const inner = { x: 2, y: 2, w: width - 4, h: height - 4 };
    const keyed = keyPlainBackdrop(await crop(rgba, width, height, inner), inner.w, inner.h);
    if (keyed) {
      rgba = keyed;
      width = inner.w;
      height = inner.h;
      cutout = true;
      origin = inner;
    }
  }
  if (cutout) {
    const box = opaqueBox(rgba, width, height);
    if (!box) throw new Error("the photo is fully transparent");
    if (box.w < width || box.h < height)
      return finishSource(await crop(rgba, width, height, box), box.w, box.h, true, {
        x: origin.x + box.x,
        y: origin.y + box.y,
      });
  }
  return finishSource(rgba, width, height, cutout, origin);
}

function finishSource(
  rgba: Buffer,
  width: number,
  height: number,
  cutout: boolean,
  origin: { x: number; y: number },
): PhotoSource {
  return {
    rgba,
    width,
    height,
    cutout,
    colour: averageColour(rgba, cutout),
    focus: detailFocus(rgba, width, height),
    origin: { x: origin.x, y: origin.y },
  };
}

function countBelow(rgba: Buffer, alpha: number): number {
  let n = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] < alpha) n++;
  return n;
}

function opaqueBox(
  rgba: Buffer,
  W: number,
  H: number,
): { x: number; y: number; w: number; h: number } | undefined {
  let x0 = W,
    y0 = H,
    x1 = -1,
    y1 = -1;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (rgba[(y * W + x) * 4 + 3] < 24) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? undefined : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

function crop(
  rgba: Buffer,
  W: number,
  H: number,
  b: { x: number; y: number; w: number; h: number },
): Promise<Buffer> {
  return sharp(rgba, { raw: { width: W, height: H, channels: 4 } })
    .extract({ left: b.x, top: b.y, width: b.w, height: b.h })
    .raw()
    .toBuffer();
}

function averageColour(rgba: Buffer, cutout: boolean): string {
  let r = 0,
    g = 0,
    b = 0,
    n = 0;
  for (let i = 0; i < rgba.length; i += 4 * 7) {
    const w = cutout ? rgba[i + 3] / 255 : 1;
    r += rgba[i] * w;
    g += rgba[i + 1] * w;
    b += rgba[i + 2] * w;
    n += w;
  }
  return n ? rgbToHex({ r: r / n, g: g / n, b: b / n }) : "#808080";
}

/** The centre of the 4×4 cell (of the opaque part) with the most local contrast. */
function detailFocus(rgba: Buffer, W: number, H: number): { x: number; y: number } {
  const N = 4;
  const energy = new Float64Array(N * N);
  const step = Math.max(1, Math.floor(Math.min(W, H) / 200));
  for (let y = step; y < H; y += step) {
    for (let x = step; x < W; x += step) {
      const i = (y * W + x) * 4;
      if (rgba[i + 3] < 200 || rgba[i - 4 * step + 3] < 200 || rgba[i - 4 * W * step + 3] < 200)
        continue;
      const e =
        Math.abs(rgba[i] - rgba[i - 4 * step]) + Math.abs(rgba[i + 1] - rgba[i - 4 * W * step + 1]);
      energy[
        Math.min(N - 1, Math.floor((y / H) * N)) * N + Math.min(N - 1, Math.floor((x / W) * N))
      ] += e;
    }
  }
  // Prefer the middle a little: a close-up of a corner rarely reads as the product.
  let best = 5,
    bestScore = -1;
  energy.forEach((e, k) => {
    const cx = (k % N) + 0.5,
      cy = Math.floor(k / N) + 0.5;
    const score = e * (1 - 0.12 * Math.hypot(cx - N / 2, cy - N / 2));
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  });
  return { x: ((best % N) + 0.5) / N, y: (Math.floor(best / N) + 0.5) / N };
}
