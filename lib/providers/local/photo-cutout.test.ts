// A product photographed on a plain white backdrop is cut out cleanly and staged in every view:
// the cut-out keeps ≥ 98 % of the product's pixels and takes ≤ 2 % of the backdrop, both in
// the photo and wherever each view puts it (scaled, mirrored, tilted, cropped close). The
// fixture is drawn here, so its mask is known exactly: a mug with a handle (backdrop shows
// through the handle), a pale label, a soft grey shadow on the paper that is not product.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type ImageInput, VIEWS } from "../types";
import { photoSide, renderPhotoLayer } from "./studio/photo";
import { loadPhoto, type PhotoSource } from "./studio/photo-source";

const dir = mkdtempSync(path.join(tmpdir(), "photo-cutout-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PW = 600,
  PH = 800;
const photo = path.join(dir, "mug-on-white.jpg");
let truth: Buffer; // PW×PH, 0–255: how much of each pixel is product

const product = (fill: (part: string) => string) =>
  `<path d="M 150 250 L 390 250 L 380 640 C 378 680 350 700 320 700 L 220 700 C 190 700 162 680 160 640 Z" fill="${fill("body")}"/>` +
  `<path d="M 370 330 C 520 320 520 560 370 560 L 370 510 C 460 510 460 380 370 380 Z" fill="${fill("handle")}"/>` +
  `<rect x="170" y="400" width="200" height="120" fill="${fill("label")}"/>` +
  `<ellipse cx="270" cy="250" rx="120" ry="22" fill="${fill("rim")}"/>`;
const svg = (body: string, background: string) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PW}" height="${PH}"><rect width="${PW}" height="${PH}" fill="${background}"/>${body}</svg>`,
  );

beforeAll(async () => {
  const colours: Record<string, string> = {
    body: "#2F4B7C",
    handle: "#2A4470",
    label: "#E4E1DA", // pale, close to the paper: the hard part
    rim: "#5B76A6",
  };
  // The soft shadow on the paper is backdrop, not product; so is a little sensor noise.
  const shadow = `<defs><filter id="b"><feGaussianBlur stdDeviation="14"/></filter></defs><ellipse cx="290" cy="705" rx="170" ry="22" fill="#000" opacity="0.22" filter="url(#b)"/>`;
  await sharp(svg(shadow + product((part) => colours[part]), "#FFFFFF"))
    .jpeg({ quality: 90 })
    .toFile(photo);
  const mask = await sharp(
    svg(
      product(() => "#FFFFFF"),
      "#000000",
    ),
  )
    .removeAlpha()
    .extractChannel(0)
    .raw()
    .toBuffer();
  truth = mask;
});

/** The same source with its alpha replaced: the known mask (cropped the same way), or opaque. */
function withAlpha(src: PhotoSource, alpha: (x: number, y: number) => number): PhotoSource {
  const rgba = Buffer.from(src.rgba);
  for (let y = 0; y < src.height; y++)
    for (let x = 0; x < src.width; x++) rgba[(y * src.width + x) * 4 + 3] = alpha(x, y);
  return { ...src, rgba };
}
const truthAt = (src: PhotoSource) => (x: number, y: number) =>
  truth[(src.origin.y + y) * PW + src.origin.x + x];

/** Share of the product kept and of the backdrop taken, with soft (0–255) masks. */
function score(cut: ArrayLike<number>, known: ArrayLike<number>, region: ArrayLike<number>) {
  let kept = 0,
    product = 0,
    taken = 0,
    backdrop = 0;
  for (let i = 0; i < known.length; i++) {
    kept += Math.min(cut[i], known[i]);
    product += known[i];
    taken += Math.max(0, cut[i] - known[i]);
    backdrop += Math.max(0, region[i] - known[i]);
  }
  return { kept: kept / product, taken: taken / backdrop };
}

test("the cut-out of a packshot on white keeps the product and leaves the backdrop", async () => {
  const input = { width: 270, height: 480 };
  const src = await loadPhoto(photo, photoSide(input));
  expect(src.cutout).toBe(true);
  expect([src.width, src.height].every((v, i) => v <= [PW, PH][i])).toBe(true);
  // In the photo's own pixels: the cut-out put back where it was cropped from.
  const cut = new Uint8Array(PW * PH);
  for (let y = 0; y < src.height; y++)
    for (let x = 0; x < src.width; x++)
      cut[(src.origin.y + y) * PW + src.origin.x + x] = src.rgba[(y * src.width + x) * 4 + 3];
  // The backdrop that counts is the paper around the product (its box, grown by a tenth
  // each way), not the whole sheet, which would make any leak look small.
  const box = new Uint8Array(PW * PH);
  let [x0, y0, x1, y1] = [PW, PH, 0, 0];
  truth.forEach((v, i) => {
    if (v < 128) return;
    const x = i % PW,
      y = (i - x) / PW;
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  });
  const [gx, gy] = [(x1 - x0) * 0.1, (y1 - y0) * 0.1];
  for (let y = Math.max(0, y0 - gy); y <= Math.min(PH - 1, y1 + gy); y++)
    for (let x = Math.max(0, x0 - gx); x <= Math.min(PW - 1, x1 + gx); x++)
      box[Math.round(y) * PW + Math.round(x)] = 255;
  const whole = score(cut, truth, box);
  expect(whole.kept).toBeGreaterThanOrEqual(0.98);
  expect(whole.taken).toBeLessThanOrEqual(0.02);
});

test("every view stages the cut-out without losing product or gaining backdrop", async () => {
  const base: Omit<ImageInput, "view" | "prompt"> = {
    negativePrompt: "",
    seed: 11,
    guidanceScale: 7,
    productPrompt: "hand-thrown stoneware coffee mug",
    category: "home",
    styleKeywords: ["cozy"],
    palette: ["#2F4B7C"],
    aspectRatio: "9:16",
    width: 270,
    height: 480,
    productPhotoPath: photo,
  };
  const src = await loadPhoto(photo, photoSide(base));
  const known = withAlpha(src, truthAt(src));
  const opaque = withAlpha(src, () => 255);
  const grey = async (png: Buffer) => sharp(png).extractChannel(0).raw().toBuffer();
  for (const view of VIEWS) {
    const input = { ...base, view, prompt: `${view} view` };
    const [cut, placedTruth, region] = await Promise.all(
      [src, known, opaque].map(async (s) => grey(await renderPhotoLayer(input, s, "mask"))),
    );
    const s = score(cut, placedTruth, region);
    expect(s.kept, `${view}: product kept`).toBeGreaterThanOrEqual(0.98);
    expect(s.taken, `${view}: backdrop taken`).toBeLessThanOrEqual(0.02);
  }
});
