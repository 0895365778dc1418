// The user's product photo in styled scenes, one per view, with the drawn renderer's looks
// and backdrops: a cut-out product stands in the studio, floats, sits on a podium, lies on
// a flat-lay table, fills a close-up or stands in a room; a photo that cannot be cut out
// becomes a print (rounded, matted, shadowed) in the same scenes. A photo cannot be turned
// around, so views differ by framing, scale, tilt, light and backdrop.
import sharp, { type OverlayOptions } from "sharp";
import { type ImageInput, ProviderError, type View } from "../../types";
import { throwIfAborted } from "../call";
import { createRng, mixSeed, type Rng } from "../seeded";
import { chooseLook, type Look } from "./look";
import { cutoutScene } from "./photo-cutout";
import type { Layer } from "./photo-layers";
import { printScene } from "./photo-print";
import { loadPhoto, type PhotoSource } from "./photo-source";
import { ALTERNATE, finish, withDepthOfField } from "./raster";
import { type Frame, vignette } from "./scene";
import { SvgDefs, svgDocument } from "./svg";

export type PhotoContext = {
  W: number;
  H: number;
  /** The frame's short side: the unit for shadows, margins and blur. */
  u: number;
  view: View;
  src: PhotoSource;
  photo: Layer;
  look: Look;
  /** For the drawn backdrops of scene.ts (their SVG defs collect here). */
  f: Frame;
  rng: Rng;
  /** A deliberate second take of the view: mirrored, re-arranged. */
  alternate: boolean;
};

export type PhotoScene = {
  /** SVG markup under everything: backdrop, floor, podium, floor shadows. */
  under: string;
  /** A raster under that SVG (the blurred photo), when the scene has one. */
  underImage?: Buffer;
  /** The photo's layers, bottom to top, already clipped to the frame (a cut-out product last). */
  layers: (OverlayOptions | undefined)[];
  /** SVG markup over the layers (a room's foreground). */
  over?: string;
  depthOfField?: { x: number; y: number; radius: number };
  vignette: number;
};

/** Enough pixels for a close-up at 1:1 (it shows ~40 % of the product), no more. */
export const photoSide = (input: { width: number; height: number }) =>
  Math.min(1600, Math.max(320, Math.round(2.4 * Math.max(input.width, input.height))));

export async function renderPhotoShot(input: ImageInput, signal?: AbortSignal): Promise<Buffer> {
  if (!input.productPhotoPath)
    throw new ProviderError("No product photo was given for this shot.", "permanent");
  let src: PhotoSource;
  try {
    src = await loadPhoto(input.productPhotoPath, photoSide(input));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ProviderError(
      `The product photo cannot be read (${why}). Upload it again as a PNG, JPEG or WebP image.`,
      "permanent",
    );
  }
  throwIfAborted(signal);
  return renderPhotoLayer(input, src, "full", signal);
}

/**
 * A shot from an already loaded photo. The "mask" layer is the cut-out product's alpha where
 * the shot places it, white on black, nothing else: tests place a known mask the same way
 * (a source with other alpha) and compare.
 */
export async function renderPhotoLayer(
  input: ImageInput,
  src: PhotoSource,
  layer: "full" | "mask",
  signal?: AbortSignal,
): Promise<Buffer> {
  const { width: W, height: H } = input;
  const look = chooseLook(input.styleKeywords, [src.colour, ...input.palette], input.category);
  const rng = createRng(mixSeed(input.seed, "photo", input.view, input.prompt));
  const f: Frame = { W, H, defs: new SvgDefs("p"), look, rng };
  const photo = { data: src.rgba, width: src.width, height: src.height };
  const c: PhotoContext = {
    W,
    H,
    u: Math.min(W, H),
    view: input.view,
    src,
    photo,
    look,
    f,
    rng,
    alternate: ALTERNATE.test(input.prompt),
  };
  const scene = src.cutout ? await cutoutScene(c) : await printScene(c);
  throwIfAborted(signal);
  if (layer === "mask") return productMask(scene, W, H);

  const doc = (body: string) => Buffer.from(svgDocument(W, H, f.defs, body));
  const base = scene.underImage
    ? await sharp(scene.underImage)
        .composite([{ input: doc(scene.under) }])
        .png({ compressionLevel: 0 })
        .toBuffer()
    : await sharp(doc(scene.under)).png({ compressionLevel: 0 }).toBuffer();
  const overlays = [
    ...scene.layers.filter((l): l is OverlayOptions => Boolean(l)),
    ...(scene.over ? [{ input: doc(scene.over) }] : []),
  ];
  let image = sharp(
    overlays.length
      ? await sharp(base).composite(overlays).png({ compressionLevel: 0 }).toBuffer()
      : base,
  );
  if (scene.depthOfField)
    image = sharp(
      await (await withDepthOfField(image, W, H, scene.depthOfField))
        .png({ compressionLevel: 0 })
        .toBuffer(),
    );
  throwIfAborted(signal);
  const shade = new SvgDefs("v");
  const top = svgDocument(W, H, shade, vignette({ ...f, defs: shade }, scene.vignette));
  return finish(
    sharp(
      await image
        .composite([{ input: Buffer.from(top) }])
        .png({ compressionLevel: 0 })
        .toBuffer(),
    ),
    input,
  );
}

/** The last layer's alpha (the cut-out product, as placed) in white on black. */
async function productMask(scene: PhotoScene, W: number, H: number): Promise<Buffer> {
  const product = scene.layers.at(-1);
  const black = sharp({ create: { width: W, height: H, channels: 3, background: "#000000" } });
  if (!product?.raw || !Buffer.isBuffer(product.input)) return black.png().toBuffer();
  const white = Buffer.from(product.input);
  for (let i = 0; i < white.length; i += 4) white[i] = white[i + 1] = white[i + 2] = 255;
  return black
    .composite([{ ...product, input: white }])
    .png()
    .toBuffer();
}
