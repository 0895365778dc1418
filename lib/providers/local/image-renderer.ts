// ImageProvider without a model: a styled studio render of the described product (drawn as
// SVG, rasterised by sharp), or the user's product photo composited into the same styled
// scenes. Same input, same pixels: all variation comes from the seed.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import { ProviderError, type ImageInput, type ImageOutput, type ImageProvider } from "../types";
import { LOCAL_MODELS, localCall, throwIfAborted } from "./call";
import { chooseLook } from "./studio/look";
import { composeShot } from "./studio/compose";
import { GRAIN_TILE, grainTile } from "./studio/grain";
import { renderPhotoShot } from "./studio/photo";
import { productDrawing } from "./studio/products/index";
import { createRng, hashString, mixSeed } from "./seeded";

const MIN_SIDE = 32;
const MAX_SIDE = 4096;

/** Words in a shot prompt that ask for a second, different take of a view. */
const ALTERNATE = /\b(alternate|alternative|three-quarter|opposite|different|another|wider|lower camera)\b/i;

export async function renderStudioImage(input: ImageInput): Promise<Buffer> {
  const look = chooseLook(input.styleKeywords, input.palette, input.category);
  const product = productDrawing(input.category, input.productPrompt);
  // The product itself depends only on the product prompt, so every shot of a session shows
  // the same product; composition depends on the seed, the view and the shot's prompt.
  const productSeed = hashString(`${input.category}|${input.productPrompt.trim().toLowerCase()}`);
  const shot = composeShot({
    width: input.width,
    height: input.height,
    view: input.view,
    look,
    product,
    rng: createRng(mixSeed(input.seed, "shot", input.view, input.prompt)),
    alternate: ALTERNATE.test(input.prompt),
    productRng: () => createRng(productSeed),
  });
  let image = sharp(Buffer.from(shot.svg));
  if (shot.depthOfField) image = await withDepthOfField(image, input.width, input.height, shot.depthOfField);
  if (shot.overlaySvg) image = sharp(await image.composite([{ input: Buffer.from(shot.overlaySvg) }]).png({ compressionLevel: 0 }).toBuffer());
  return finish(image, input);
}

/**
 * Close-up focus fall-off on the raster: a softened copy (downscale, blur, upscale — cheap)
 * under the sharp render, which shows through a radial mask around the focus point.
 */
async function withDepthOfField(image: Sharp, width: number, height: number, focus: { x: number; y: number; radius: number }): Promise<Sharp> {
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
  const sharpLayer = await sharp(sharpPx, { raw: { width, height, channels: 3 } }).joinChannel(mask, { raw: { width, height, channels: 1 } }).png({ compressionLevel: 0 }).toBuffer();
  return sharp(soft, { raw: { width, height, channels: 3 } }).composite([{ input: sharpLayer }]);
}

/** Grain, then PNG. Shared by the drawn and the photo paths. */
export async function finish(image: Sharp, input: ImageInput): Promise<Buffer> {
  const flat = await image.flatten({ background: "#808080" }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const tile = grainTile(mixSeed(input.seed, "grain"), 3.2);
  return sharp(flat.data, { raw: { width: flat.info.width, height: flat.info.height, channels: flat.info.channels } })
    .composite([{ input: tile, raw: { width: GRAIN_TILE, height: GRAIN_TILE, channels: 3 }, tile: true, blend: "soft-light" }])
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}

function validate(input: ImageInput): void {
  for (const [name, v] of [["width", input.width], ["height", input.height]] as const) {
    if (!Number.isInteger(v) || v < MIN_SIDE || v > MAX_SIDE) {
      throw new ProviderError(`Image ${name} must be a whole number from ${MIN_SIDE} to ${MAX_SIDE}, got ${v}`, "permanent");
    }
  }
}

export const localImage: ImageProvider = {
  generateImage(input, ctx) {
    return localCall(LOCAL_MODELS.image, ctx, async () => {
      validate(input);
      const png = input.productPhotoPath ? await renderPhotoShot(input, ctx.signal) : await renderStudioImage(input);
      throwIfAborted(ctx.signal);
      const name = `local-${input.view}-${(hashString(JSON.stringify(input)) >>> 0).toString(36)}.png`;
      const filePath = path.join(ctx.workDir, name);
      await writeFile(filePath, png);
      const output: ImageOutput = { filePath, mimeType: "image/png", width: input.width, height: input.height };
      return { output, metadata: { view: input.view, seed: input.seed, fromPhoto: Boolean(input.productPhotoPath), bytes: png.length } };
    });
  },
};
