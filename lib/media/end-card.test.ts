import { mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, expect, test } from "vitest";
import { type EndCardDesign, type EndCardLayers, endCard, endCardFilter } from "./end-card";
import { runFfmpeg } from "./ffmpeg";
import { FPS } from "./formats";

const dir = mkdtempSync(path.join(tmpdir(), "end-card-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function design(): Promise<EndCardDesign> {
  const product = path.join(dir, "product.png");
  await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200" fill="#F4F1EC"/><rect x="70" y="30" width="60" height="140" rx="16" fill="#1A1A1A"/></svg>`,
    ),
  )
    .png()
    .toFile(product);
  return {
    ratio: "9:16",
    width: 216,
    height: 384,
    frames: 60,
    productName: "Steel Bottle",
    callToAction: "Shop now",
    font: "inter",
    colors: ["#0F766E"],
    productImagePath: product,
  };
}

/** The card's frames [from, from + count) as raw pixels, drawn by one ffmpeg run. */
async function frames(card: EndCardLayers, from: number, count: number) {
  const inputs: string[][] = [];
  const graph = endCardFilter(card, from, count, (args) => inputs.push(args) - 1, "v");
  const out = path.join(dir, `frames-${from}-${count}.raw`);
  await runFfmpeg([
    ...inputs.flat(),
    "-filter_complex",
    graph.join(";"),
    "-map",
    "[v]",
    "-frames:v",
    String(count),
    "-r",
    String(FPS),
    "-f",
    "rawvideo",
    "-pix_fmt",
    "yuv420p",
    out,
  ]);
  return readFile(out);
}

test("the layers are drawn into a cache folder that does not exist yet, then read back, not drawn again", async () => {
  const cache = path.join(dir, "not-yet", "cache");
  const d = await design();
  const first = await endCard(d, { dir: cache });
  const drawnAt = (await stat(first.background)).mtimeMs;
  const again = await endCard(d, { dir: cache });
  expect(again).toEqual(first);
  expect((await stat(again.background)).mtimeMs).toBe(drawnAt);
  expect(first.product).toBeDefined();
  expect(first.words).toBeDefined();
  // Other words are another card, under another key.
  const other = await endCard({ ...d, callToAction: "Buy now" }, { dir: cache });
  expect(other.key).not.toBe(first.key);
});

test("a stretch of the card drawn on its own has exactly the frames of the whole card there", async () => {
  const card = await endCard(await design(), { dir: path.join(dir, "cache") });
  const frameBytes = (216 * 384 * 3) / 2;
  const whole = await frames(card, 0, 60);
  expect(whole.length).toBe(60 * frameBytes);
  // The dissolve's stretch and the rest, as the ad's pieces draw them (fades, drift and rise mid-way).
  const [head, tail] = await Promise.all([frames(card, 0, 15), frames(card, 15, 45)]);
  expect(Buffer.concat([head, tail]).equals(whole)).toBe(true);
  // And it is not a still: the button has faded in by the end.
  expect(whole.subarray(0, frameBytes).equals(whole.subarray(59 * frameBytes))).toBe(false);
});
