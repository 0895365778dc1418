// Raster steps shared by the drawn and the photo shots: close-up depth of field, and the
// finish (grain, PNG) every local image goes through.
import sharp, { type Sharp } from "sharp";
import type { ImageInput } from "../../types";
import { mixSeed } from "../seeded";
import { GRAIN_TILE, grainTile } from "./grain";

/** Words in a shot prompt that ask for a second, different take of a view. */
export const ALTERNATE =
  /\b(alternate|alternative|three-quarter|opposite|different|another|wider|lower camera)\b/i;

/**
 * Close-up focus fall-off on the raster: a softened copy (downscale, blur, upscale — cheap)
 * under the sharp render, which shows through a radial mask around the focus point.
 */
export async function withDepthOfField(
  image: Sharp,
  width: number,
  height: number,
  focus: { x: number; y: number; radius: number },
): Promise<Sharp> {
  const sharpPx = await image.removeAlpha().raw().toBuffer();
  const small = Math.max(8, Math.round(width / 6));
  const soft = await sharp(sharpPx, { raw: { width, height, channels: 3 } })
    .resize(small, Math.max(8, Math.round((height * small) / width)))
    .blur(1.2)
    .resize(width, height, { kernel: "cubic" })
    .raw()
    .toBuffer();
  const mask = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - focus.x, y - focus.y) / focus.radius;
      const t = Math.min(1, Math.max(0, (d - 0.55) / 0.9));
      mask[y * width + x] = Math.round(255 * (1 - t * t * (3 - 2 * t)));
    }
  }
  const sharpLayer = await sharp(sharpPx, { raw: { width, height, channels: 3 } })
    .joinChannel(mask, { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return sharp(soft, { raw: { width, height, channels: 3 } }).composite([{ input: sharpLayer }]);
}

/** Grain, then PNG. Shared by the drawn and the photo paths. */
export async function finish(image: Sharp, input: ImageInput): Promise<Buffer> {
  const flat = await image
    .flatten({ background: "#808080" })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = flat.info;
  // sharp refuses an overlay larger than the picture, tiled or not: small renders get part of the tile.
  const tw = Math.min(GRAIN_TILE, width),
    th = Math.min(GRAIN_TILE, height);
  let tile = grainTile(mixSeed(input.seed, "grain"), 3.2);
  if (tw < GRAIN_TILE || th < GRAIN_TILE) {
    tile = await sharp(tile, { raw: { width: GRAIN_TILE, height: GRAIN_TILE, channels: 3 } })
      .extract({ left: 0, top: 0, width: tw, height: th })
      .raw()
      .toBuffer();
  }
  return sharp(flat.data, { raw: { width, height, channels: flat.info.channels } })
    .composite([
      { input: tile, raw: { width: tw, height: th, channels: 3 }, tile: true, blend: "soft-light" },
    ])
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}
