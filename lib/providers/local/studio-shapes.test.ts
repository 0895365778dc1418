// The offline studio draws the product the marketer described. For one sentence per shape,
// every shot of the ad shows that shape: the product's silhouette, found in the render as the
// pixels that differ from the same shot drawn without the product, must match the mask of
// the shape the sentence names (IoU ≥ 0.8) — drawn by that shape's own module in the same
// place. A cube, or any other shape, fails. And no two shots of one ad look alike.
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { SHAPE_SENTENCES } from "@/tests/support/shape-sentences";
import type { View } from "../types";
import { renderStudioLayer } from "./image-renderer";
import { parsePromptLocally } from "./prompt-parser";
import { detectShape } from "./shapes";
import { shapeDrawing } from "./studio/products/index";

const W = 270,
  H = 480;

type Raw = { data: Buffer; channels: number };
const raw = async (png: Buffer): Promise<Raw> => {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, channels: info.channels };
};

/** Pixels where the render differs from the product-less render: the drawn product. */
function silhouette(full: Raw, background: Raw): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) {
    let d = 0;
    for (let k = 0; k < 3; k++)
      d = Math.max(d, Math.abs(full.data[i * 3 + k] - background.data[i * 3 + k]));
    // Grain is the same in both renders (same seed), so the background differs by 0; 8 of 255
    // keeps a dark product on a dark floor while ignoring antialiasing of shadows.
    out[i] = d > 8 ? 1 : 0;
  }
  return out;
}

function maskOf(m: Raw): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) out[i] = m.data[i * m.channels] > 127 ? 1 : 0;
  return out;
}

function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0,
    either = 0;
  for (let i = 0; i < a.length; i++) {
    both += a[i] & b[i];
    either += a[i] | b[i];
  }
  return either ? both / either : 0;
}

/** Mean absolute difference per channel, 0–255. */
function difference(a: Raw, b: Raw): number {
  let t = 0;
  for (let i = 0; i < a.data.length; i++) t += Math.abs(a.data[i] - b.data[i]);
  return t / a.data.length;
}

describe.each(SHAPE_SENTENCES)("%s: %s", (shape, category, sentence) => {
  test("is parsed as that shape and filed under the right category", () => {
    expect(detectShape(sentence)?.shape).toBe(shape);
    expect(parsePromptLocally({ productPrompt: sentence, numImages: 6 }).category).toBe(category);
  });

  test("every shot shows that shape, and no two shots look alike", async () => {
    const parsed = parsePromptLocally({ productPrompt: sentence, numImages: 6 });
    const named = shapeDrawing(shape, sentence);
    const box = shapeDrawing("box", sentence);
    const renders = new Map<View, Raw>();
    const boxScores: number[] = [];
    for (const shot of parsed.shots) {
      const input = {
        prompt: shot.prompt,
        negativePrompt: parsed.negativePrompt,
        view: shot.view,
        seed: parsed.consistencySeed,
        guidanceScale: 7,
        productPrompt: sentence,
        category: parsed.category,
        styleKeywords: parsed.styleKeywords,
        palette: parsed.palette,
        aspectRatio: "9:16" as const,
        width: W,
        height: H,
      };
      const [full, background, mask, boxMask] = await Promise.all([
        renderStudioLayer(input, "full").then(raw),
        renderStudioLayer(input, "background").then(raw),
        renderStudioLayer(input, "mask", named).then(raw),
        renderStudioLayer(input, "mask", box).then(raw),
      ]);
      const drawn = silhouette(full, background);
      expect
        .soft(iou(drawn, maskOf(mask)), `${shot.view} silhouette vs ${shape} mask`)
        .toBeGreaterThanOrEqual(0.8);
      boxScores.push(iou(drawn, maskOf(boxMask)));
      renders.set(shot.view, full);
    }
    // The control: the same silhouettes against a box's mask fail in most views, so a cube
    // drawn instead would fail. (Not in all: a close-up fills the frame whatever the shape,
    // and a mug seen from the front with its handle behind it is nearly a box.)
    expect
      .soft(boxScores.filter((v) => v < 0.8).length, `views where a box fails: ${boxScores}`)
      .toBeGreaterThanOrEqual(4);
    const views = [...renders.keys()];
    for (let i = 0; i < views.length; i++)
      for (let j = i + 1; j < views.length; j++) {
        // Near-identical, measured: a re-take of one studio view with another seed (the same
        // product nudged a few pixels, the backdrop's props moved) differs from the first take
        // by 1.4–4.9 per channel on these twelve products; one render from itself by 0. Views
        // of one ad differ by 6.6 and more (front and side of a watch on a light backdrop is
        // the closest pair). 6 — above every re-take — separates "another picture" from
        // "the same picture again".
        expect
          .soft(
            difference(renders.get(views[i])!, renders.get(views[j])!),
            `${views[i]} vs ${views[j]}`,
          )
          .toBeGreaterThan(6);
      }
  });
});
