// ImageProvider without a model: a styled studio render of the described product (drawn as
// SVG, rasterised by sharp), or the user's product photo composited into the same styled
// scenes. Same input, same pixels: all variation comes from the seed.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { type ImageInput, type ImageOutput, type ImageProvider, ProviderError } from "../types";
import { LOCAL_MODELS, localCall, throwIfAborted } from "./call";
import { createRng, hashString, mixSeed } from "./seeded";
import { composeShot, type StudioLayer } from "./studio/compose";
import { chooseLook } from "./studio/look";
import { materialOf } from "./studio/material";
import { renderPhotoShot } from "./studio/photo";
import { type ProductDrawing, productDrawing } from "./studio/products/index";
import { ALTERNATE, finish, withDepthOfField } from "./studio/raster";

const MIN_SIDE = 32;
const MAX_SIDE = 4096;

export function renderStudioImage(input: ImageInput): Promise<Buffer> {
  return renderStudioLayer(input, "full");
}

/**
 * One layer of a drawn shot (see StudioLayer): the shot itself, the shot without the product,
 * or the product's mask. `product` draws another shape in the same place (tests compare the
 * drawn silhouette with the mask of the shape the prompt names).
 */
export async function renderStudioLayer(
  input: ImageInput,
  layer: StudioLayer,
  product: ProductDrawing = productDrawing(input.category, input.productPrompt),
): Promise<Buffer> {
  const look = chooseLook(input.styleKeywords, input.palette, input.category);
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
    material: materialOf(input.productPrompt),
    layer,
  });
  let image = sharp(Buffer.from(shot.svg));
  if (shot.depthOfField)
    image = await withDepthOfField(image, input.width, input.height, shot.depthOfField);
  if (shot.overlaySvg)
    image = sharp(
      await image
        .composite([{ input: Buffer.from(shot.overlaySvg) }])
        .png({ compressionLevel: 0 })
        .toBuffer(),
    );
  // A mask is a measurement, not a picture: no grain.
  if (layer === "mask") return image.png().toBuffer();
  return finish(image, input);
}

function validate(input: ImageInput): void {
  for (const [name, v] of [
    ["width", input.width],
    ["height", input.height],
  ] as const) {
    if (!Number.isInteger(v) || v < MIN_SIDE || v > MAX_SIDE) {
      throw new ProviderError(
        `Image ${name} must be a whole number from ${MIN_SIDE} to ${MAX_SIDE}, got ${v}`,
        "permanent",
      );
    }
  }
}

export const localImage: ImageProvider = {
  generateImage(input, ctx) {
    return localCall(LOCAL_MODELS.image, ctx, async () => {
      validate(input);
      const png = input.productPhotoPath
        ? await renderPhotoShot(input, ctx.signal)
        : await renderStudioImage(input);
      throwIfAborted(ctx.signal);
      const name = `local-${input.view}-${(hashString(JSON.stringify(input)) >>> 0).toString(36)}.png`;
      const filePath = path.join(ctx.workDir, name);
      await writeFile(filePath, png);
      const output: ImageOutput = {
        filePath,
        mimeType: "image/png",
        width: input.width,
        height: input.height,
      };
      return {
        output,
        metadata: {
          view: input.view,
          seed: input.seed,
          fromPhoto: Boolean(input.productPhotoPath),
          bytes: png.length,
        },
      };
    });
  },
};
