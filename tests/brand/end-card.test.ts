// The designed end card in the rendered ad, as a viewer would check it: it never freezes
// (ffmpeg freezedetect finds no still stretch of 1 s, where the old blurred card has one),
// a late frame shows the brand colour, the product name, the logo, the button and the
// product where each format's layout puts them, and the corner mark sits in the safe area
// after the title and not during it.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { binaries } from "@/lib/media/binaries";
import { type ComposeResult, composeVideo } from "@/lib/media/compose-video";
import { endCardLayout } from "@/lib/media/end-card-layout";
import { type AspectRatio, FPS, outputSize } from "@/lib/media/formats";
import { safeArea } from "@/lib/media/safe-area";
import { grabFrame } from "../compose/media-checks";
import { makeCameraMoveClip, makeProductImage } from "../fixtures/media/make-media";

const exec = promisify(execFile);
const SCALE = 0.3;
const CLIP_SECONDS = 2;
const CARD_SECONDS = 2.5;
const BRAND = ["#6D28D9", "#BE185D", "#FACC15"]; // violet → pink, yellow accent (the button)
const ORANGE = { r: 0xf9, g: 0x73, b: 0x16 }; // the logo
let dir: string;
let clips: { path: string }[];
let logo: string;
let product: string;
let branded: ComposeResult[];
let plain: ComposeResult;

/** Clips end, then the card: 2 clips of 2 s with a 0.5 s crossfade. */
const cardFrom = 2 * CLIP_SECONDS * FPS - 15;
const total = cardFrom + CARD_SECONDS * FPS;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "end-card-"));
  const size = outputSize("9:16", SCALE);
  clips = await Promise.all(
    (["pan_left", "tilt_down"] as const).map(async (move, i) => {
      const img = path.join(dir, `image-${i}.png`);
      await makeProductImage(
        img,
        Math.round(size.width * 1.25),
        Math.round(size.height * 1.25),
        120 + i * 60,
      );
      const file = path.join(dir, `clip-${i}.mp4`);
      await makeCameraMoveClip(img, file, { ...size, seconds: CLIP_SECONDS, move });
      return { path: file };
    }),
  );
  logo = path.join(dir, "logo.png");
  await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><rect width="300" height="120" rx="24" fill="#F97316"/></svg>`,
    ),
  )
    .png()
    .toFile(logo);
  // A packshot on a plain backdrop: the card cuts it out.
  product = path.join(dir, "product.png");
  await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="500" height="500"><rect width="500" height="500" fill="#F4F1EC"/><rect x="170" y="60" width="160" height="380" rx="40" fill="#1A1A1A"/></svg>`,
    ),
  )
    .png()
    .toFile(product);
  const base = {
    clips,
    title: { text: "Steel Bottle" },
    endCard: { text: "Shop now", durationSeconds: CARD_SECONDS },
    outputs: { scale: SCALE },
  };
  [branded, [plain]] = await Promise.all([
    composeVideo(
      {
        ...base,
        brand: { colors: BRAND, logoPath: logo, productImagePath: product, cornerLogo: true },
        outputs: { ...base.outputs, ratios: ["9:16", "1:1", "16:9"] },
      },
      { outDir: path.join(dir, "branded"), concurrency: 2 },
    ),
    composeVideo(base, { outDir: path.join(dir, "plain"), concurrency: 1 }),
  ]);
}, 240_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** freeze_start times ffmpeg's freezedetect reports from `from` frames on (-60 dB, ≥ 1 s). */
async function freezes(file: string, from: number): Promise<number[]> {
  const { stderr } = await exec(binaries().ffmpeg, [
    "-hide_banner",
    "-ss",
    (from / FPS).toFixed(3),
    "-i",
    file,
    "-vf",
    "freezedetect=n=-60dB:d=1",
    "-an",
    "-f",
    "null",
    "-",
  ]);
  return [...stderr.matchAll(/freeze_start: ([\d.]+)/g)].map((m) => Number(m[1]));
}

type Box = { x: number; y: number; width: number; height: number };
/** Share of a box's pixels that pass `test`. */
function share(
  rgb: Buffer,
  width: number,
  box: Box,
  test: (r: number, g: number, b: number) => boolean,
) {
  let n = 0;
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * width + x) * 3;
      if (test(rgb[i], rgb[i + 1], rgb[i + 2])) n++;
    }
  return n / Math.max(1, box.width * box.height);
}
/** Mean row of the dark pixels in a box. */
function darkCentreY(rgb: Buffer, width: number, box: Box): number {
  let sum = 0;
  let n = 0;
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * width + x) * 3;
      if (dark(rgb[i], rgb[i + 1], rgb[i + 2])) {
        sum += y;
        n++;
      }
    }
  return sum / Math.max(1, n);
}
const near =
  (c: { r: number; g: number; b: number }, tol = 40) =>
  (r: number, g: number, b: number) =>
    Math.abs(r - c.r) < tol && Math.abs(g - c.g) < tol && Math.abs(b - c.b) < tol;
const white = (r: number, g: number, b: number) => r > 215 && g > 215 && b > 215;
const dark = (r: number, g: number, b: number) => r < 60 && g < 60 && b < 60;
const yellow = near({ r: 0xfa, g: 0xcc, b: 0x15 });

describe("the designed end card", () => {
  test("the ad is the clips then a 2.5 s card, in every format", () => {
    for (const r of [...branded, plain]) expect(r.frames).toBe(total);
    // The fast path took the designed card (no fallback to the one-pass render).
    for (const r of branded) expect([r.method, r.fallbackReason]).toEqual(["fast", undefined]);
  });

  test("never freezes: freezedetect finds no still second in it (the old blurred card has one)", async () => {
    for (const r of branded) expect(await freezes(r.videoPath, cardFrom), r.ratio).toEqual([]);
    expect((await freezes(plain.videoPath, cardFrom)).length).toBeGreaterThan(0);
  });

  test.each(["9:16", "1:1", "16:9"] as AspectRatio[])(
    "%s: brand colour, name, logo, button and product where the layout puts them",
    async (ratio) => {
      const r = branded.find((x) => x.ratio === ratio)!;
      const size = { width: r.width, height: r.height };
      const late = await grabFrame(r.videoPath, total - 3, size);
      const L = endCardLayout(ratio, r.width, r.height, { logo: true, product: true });
      // The corner outside the safe area is the gradient's violet end (its drift and soft circles aside).
      const corner = {
        x: 0,
        y: 0,
        width: Math.round(r.width * 0.05),
        height: Math.round(r.height * 0.05),
      };
      expect(share(late, r.width, corner, near({ r: 0x6d, g: 0x28, b: 0xd9 }, 60))).toBeGreaterThan(
        0.8,
      );
      expect(share(late, r.width, L.logo, near(ORANGE))).toBeGreaterThan(0.15);
      expect(share(late, r.width, L.button, yellow)).toBeGreaterThan(0.15);
      // The name: white letters (the gradient is dark), which fade in after the card starts.
      const early = await grabFrame(r.videoPath, cardFrom + 15, size);
      expect(share(late, r.width, L.name, white)).toBeGreaterThan(0.04);
      expect(share(early, r.width, L.name, white)).toBeLessThan(
        share(late, r.width, L.name, white) / 2,
      );
      // The product, cut out: dark inside its box, none of its light backdrop around it.
      expect(share(late, r.width, L.product, dark)).toBeGreaterThan(0.12);
      expect(share(late, r.width, L.product, near({ r: 0xf4, g: 0xf1, b: 0xec }, 12))).toBeLessThan(
        0.01,
      );
      // It moves: the product rises through the card.
      const mid = await grabFrame(r.videoPath, cardFrom + 20, size);
      expect(darkCentreY(late, r.width, L.product)).toBeLessThan(
        darkCentreY(mid, r.width, L.product) - 2,
      );
    },
  );

  test("laid out per format: stacked in 9:16 and 1:1, side by side in 16:9, all in the safe area", () => {
    for (const ratio of ["9:16", "1:1", "16:9"] as AspectRatio[]) {
      const { width: W, height: H } = outputSize(ratio, 1);
      const L = endCardLayout(ratio, W, H, { logo: true, product: true });
      const area = safeArea(ratio, W, H);
      for (const b of Object.values(L)) {
        expect(b.x).toBeGreaterThanOrEqual(area.x);
        expect(b.y).toBeGreaterThanOrEqual(area.y);
        expect(b.x + b.width).toBeLessThanOrEqual(area.x + area.width);
        expect(b.y + b.height).toBeLessThanOrEqual(area.y + area.height);
      }
      if (ratio === "16:9") {
        expect(L.product.x + L.product.width).toBeLessThanOrEqual(L.name.x);
        expect(L.name.y + L.name.height).toBeLessThanOrEqual(L.button.y);
      } else {
        expect(L.logo.y + L.logo.height).toBeLessThanOrEqual(L.product.y);
        expect(L.product.y + L.product.height).toBeLessThanOrEqual(L.name.y);
        expect(L.name.y + L.name.height).toBeLessThanOrEqual(L.button.y);
      }
    }
  });

  test("the corner mark: in the safe area's top-right corner after the title, not during it", async () => {
    for (const r of branded) {
      const size = { width: r.width, height: r.height };
      const area = safeArea(r.ratio, r.width, r.height);
      const short = Math.min(r.width, r.height);
      const box = {
        x: area.x + area.width - Math.round(r.width * 0.22),
        y: area.y,
        width: Math.round(r.width * 0.22),
        height: Math.round(short * 0.07),
      };
      const during = await grabFrame(r.videoPath, 30, size);
      const after = await grabFrame(r.videoPath, cardFrom - 10, size);
      expect(share(during, r.width, box, near(ORANGE)), r.ratio).toBeLessThan(0.02);
      expect(share(after, r.width, box, near(ORANGE)), r.ratio).toBeGreaterThan(0.2);
    }
    // Without the brand, nothing there.
    const size = { width: plain.width, height: plain.height };
    const area = safeArea("9:16", plain.width, plain.height);
    const frame = await grabFrame(plain.videoPath, cardFrom - 10, size);
    expect(
      share(
        frame,
        plain.width,
        { x: area.x + area.width - 20, y: area.y, width: 20, height: 10 },
        near(ORANGE),
      ),
    ).toBeLessThan(0.02);
  });
});
