// Product-photo shots: every view renders from the photos users upload (a cut-out PNG, a
// phone JPEG stored sideways with an EXIF orientation, a WebP), at the asked size, the same
// bytes every time; and the photo is read the right way up and cut out only when it can be.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type ImageInput, ProviderError, VIEWS } from "../types";
import { localImage, renderStudioImage } from "./image-renderer";
import { renderPhotoShot } from "./studio/photo";
import { loadPhoto } from "./studio/photo-source";

const dir = mkdtempSync(path.join(tmpdir(), "local-photo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const photos = {
  alphaPng: path.join(dir, "bottle.png"),
  sidewaysJpeg: path.join(dir, "phone-shot.jpg"),
  busyWebp: path.join(dir, "scene.webp"),
  packshotJpeg: path.join(dir, "packshot.jpg"),
  paleLabelJpeg: path.join(dir, "pale-label.jpg"),
  splitJpeg: path.join(dir, "split.jpg"),
};

/** A bottle-like product: glass body, label, cap. */
const bottle = (w: number, h: number, label = "#E0B84C") =>
  `<rect x="${w * 0.3}" y="${h * 0.25}" width="${w * 0.4}" height="${h * 0.65}" rx="${w * 0.08}" fill="#2E7D5B"/><rect x="${w * 0.3}" y="${h * 0.45}" width="${w * 0.4}" height="${h * 0.22}" fill="${label}"/><rect x="${w * 0.42}" y="${h * 0.1}" width="${w * 0.16}" height="${h * 0.16}" rx="${w * 0.02}" fill="#C9A227"/><circle cx="${w * 0.5}" cy="${h * 0.56}" r="${w * 0.06}" fill="#B23A48"/>`;
const svg = (w: number, h: number, body: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}</svg>`);

beforeAll(async () => {
  await sharp(svg(200, 300, bottle(200, 300)))
    .png()
    .toFile(photos.alphaPng);
  // A phone photo: the bottle on a table in front of a wall, stored sideways (EXIF 6).
  const scene = `<rect width="240" height="320" fill="#C8B8A0"/><rect y="210" width="240" height="110" fill="#7A5A3A"/>${Array.from({ length: 25 }, (_, i) => `<circle cx="${(i * 53) % 240}" cy="${(i * 37) % 200}" r="${4 + (i % 6)}" fill="hsl(${i * 29},40%,60%)"/>`).join("")}<g transform="translate(40 20)">${bottle(160, 240)}</g>`;
  await sharp(
    await sharp(svg(240, 320, scene))
      .png()
      .toBuffer(),
  )
    .rotate(-90)
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toFile(photos.sidewaysJpeg);
  await sharp(
    svg(
      300,
      200,
      `<rect width="300" height="200" fill="#203040"/>${Array.from({ length: 40 }, (_, i) => `<rect x="${(i * 71) % 300}" y="${(i * 43) % 200}" width="${10 + (i % 7) * 5}" height="${8 + (i % 5) * 6}" fill="hsl(${i * 41},60%,55%)"/>`).join("")}`,
    ),
  )
    .webp({ quality: 80 })
    .toFile(photos.busyWebp);
  // Packshots: the product on plain paper with a soft shadow; in the second, the label is
  // nearly the paper's colour and meets the paper at the bottle's sides.
  const packshot = (label?: string) =>
    svg(
      240,
      300,
      `<defs><radialGradient id="s"><stop offset="0" stop-opacity="0.4"/><stop offset="1" stop-opacity="0"/></radialGradient></defs><rect width="240" height="300" fill="#F6F6F3"/><ellipse cx="120" cy="262" rx="70" ry="10" fill="url(#s)"/><g transform="translate(20 0)">${bottle(200, 290, label)}</g>`,
    );
  await sharp(packshot()).jpeg({ quality: 90 }).toFile(photos.packshotJpeg);
  await sharp(packshot("#F3EDE0")).jpeg({ quality: 90 }).toFile(photos.paleLabelJpeg);
  // Left half red, right half blue when upright; stored turned a quarter (EXIF 6).
  const split = await sharp(
    svg(
      60,
      40,
      `<rect width="30" height="40" fill="#E02020"/><rect x="30" width="30" height="40" fill="#2040E0"/>`,
    ),
  )
    .png()
    .toBuffer();
  await sharp(split)
    .rotate(-90)
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toFile(photos.splitJpeg);
});

const input = (
  photo: string,
  view: ImageInput["view"],
  over: Partial<ImageInput> = {},
): ImageInput => ({
  prompt: `${view} view of the bottle`,
  negativePrompt: "",
  view,
  seed: 77,
  guidanceScale: 7,
  productPrompt: "green glass perfume bottle with a gold cap",
  category: "beauty",
  styleKeywords: ["elegant"],
  palette: [],
  productPhotoPath: photo,
  aspectRatio: "9:16",
  width: 108,
  height: 192,
  ...over,
});

const hash = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe.each([
  ["a PNG with alpha", "alphaPng"],
  ["a sideways JPEG (EXIF orientation)", "sidewaysJpeg"],
  ["a WebP", "busyWebp"],
  ["a packshot JPEG on plain paper", "packshotJpeg"],
] as const)("from %s", (_name, key) => {
  test("every view renders at the asked size, differently, the same bytes every time", async () => {
    const hashes = new Set<string>();
    for (const view of VIEWS) {
      const png = await renderPhotoShot(input(photos[key], view));
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", 108, 192]);
      const { channels } = await sharp(png).stats();
      expect(Math.max(...channels.map((c) => c.stdev))).toBeGreaterThan(8); // a picture, not a flat fill
      hashes.add(hash(png));
    }
    expect(hashes.size).toBe(VIEWS.length);
    const again = await renderPhotoShot(input(photos[key], "detail"));
    expect(hashes.has(hash(again))).toBe(true);
  });
});

test("other output sizes and a 16:9 frame", async () => {
  for (const [width, height] of [
    [120, 120],
    [192, 108],
    [360, 640],
  ]) {
    const png = await renderPhotoShot(input(photos.packshotJpeg, "lifestyle", { width, height }));
    expect(await sharp(png).metadata()).toMatchObject({ width, height });
  }
});

test("the photo is read upright, and cut out only when it can be", async () => {
  const split = await loadPhoto(photos.splitJpeg);
  expect([split.width, split.height]).toEqual([60, 40]);
  const px = (x: number, y: number) => [
    ...split.rgba.subarray((y * 60 + x) * 4, (y * 60 + x) * 4 + 3),
  ];
  expect(px(10, 20)[0]).toBeGreaterThan(180); // red on the left
  expect(px(50, 20)[2]).toBeGreaterThan(180); // blue on the right

  const cutout = await loadPhoto(photos.alphaPng);
  expect(cutout.cutout).toBe(true);
  expect(cutout.width).toBeLessThan(200); // trimmed to the product
  const packshot = await loadPhoto(photos.packshotJpeg);
  expect(packshot.cutout).toBe(true);
  expect(packshot.rgba[3]).toBe(0); // the paper is gone
  // Cutting would eat the label (it touches paper of nearly its colour): kept whole, as a print.
  expect((await loadPhoto(photos.paleLabelJpeg)).cutout).toBe(false);
  expect((await loadPhoto(photos.busyWebp)).cutout).toBe(false);
  expect((await loadPhoto(photos.sidewaysJpeg)).cutout).toBe(false);
});

test("through the provider: a PNG file, a $0 call record, and a clear error for a bad photo", async () => {
  const workDir = mkdtempSync(path.join(dir, "work-"));
  const { output, call } = await localImage.generateImage(input(photos.sidewaysJpeg, "front"), {
    workDir,
    sessionId: "s",
  });
  expect(output).toMatchObject({ mimeType: "image/png", width: 108, height: 192 });
  expect(await sharp(readFileSync(output.filePath)).metadata()).toMatchObject({
    format: "png",
    width: 108,
    height: 192,
  });
  expect(call).toMatchObject({
    amountUsd: 0,
    provider: "local",
    model: "local-studio-1",
    metadata: { fromPhoto: true },
  });

  const truncated = path.join(dir, "truncated.jpg");
  writeFileSync(truncated, readFileSync(photos.sidewaysJpeg).subarray(0, 300));
  const err = await localImage
    .generateImage(input(truncated, "front"), { workDir, sessionId: "s" })
    .catch((e) => e);
  expect(err).toBeInstanceOf(ProviderError);
  expect(err).toMatchObject({
    kind: "permanent",
    message: expect.stringMatching(/product photo cannot be read/),
  });
});

test("drawn shots render at test sizes too", async () => {
  const png = await renderStudioImage({
    ...input("", "front"),
    productPhotoPath: undefined,
    width: 108,
    height: 192,
  });
  expect(await sharp(png).metadata()).toMatchObject({ width: 108, height: 192 });
});
