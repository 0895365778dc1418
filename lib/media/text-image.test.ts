import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { FONT_IDS } from "./fonts";
import { renderTextImage, sanitizeText, sharedTextImages } from "./text-image";

/** The texts a marketer may type that break naive renderers. */
const HARD_TEXTS = [
  `Say "hi" & 'bye' <b>`,
  "Time: 10:30 — 20% off",
  "C:\\path\\to\\ %{pts} \\n",
  "Line one\nLine two",
  "مرحبا بالعالم",
  "שלום עולם",
  "Shoes 👟🔥 👍🏽",
];

async function opaquePixels(png: Buffer): Promise<number> {
  const { data } = await sharp(png)
    .ensureAlpha()
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data.reduce((n, a) => n + (a > 128 ? 1 : 0), 0);
}

const render = (text: string, font: (typeof FONT_IDS)[number] = "inter") =>
  renderTextImage({ text, font, color: "#FFFFFF", maxWidth: 600, maxHeight: 300, fontSize: 48 });

describe.each(FONT_IDS)("font %s", (font) => {
  test.each(HARD_TEXTS)("renders %j visibly, inside its box", async (text) => {
    const img = await render(text, font);
    expect(img.width).toBeLessThanOrEqual(600);
    expect(img.height).toBeLessThanOrEqual(300);
    expect(await opaquePixels(img.png)).toBeGreaterThan(200);
  });
});

test("Arabic is shaped: letters join (a zero-width non-joiner between them changes the picture)", async () => {
  const joined = await render("بببب");
  const apart = await render("ب\u200Cب\u200Cب\u200Cب");
  expect(joined.png.equals(apart.png)).toBe(false);
  expect(joined.width).toBeLessThan(apart.width);
});

test("Hebrew runs right to left: it looks like the reversed letters forced left to right", async () => {
  const rtl = await sharp((await render("אבג")).png)
    .raw()
    .toBuffer();
  const forced = await sharp((await render("\u202Dגבא\u202C")).png)
    .raw()
    .toBuffer();
  const ltr = await sharp((await render("\u202Dאבג\u202C")).png)
    .raw()
    .toBuffer();
  expect(rtl.equals(forced)).toBe(true);
  expect(rtl.equals(ltr)).toBe(false);
});

test("emoji are drawn as emoji, not as the box of a missing glyph", async () => {
  const emoji = await render("👟");
  const missing = await render("\u{E000}"); // private use: no font has it
  expect(emoji.png.equals(missing.png)).toBe(false);
  expect(await opaquePixels(emoji.png)).toBeGreaterThan(await opaquePixels(missing.png));
});

test("Korean is drawn in Hangul from the bundled Korean font, not as missing-glyph boxes", async () => {
  // No bundled font has Ethiopic: Pango draws each letter as a box with its code inside,
  // as it drew every Hangul syllable before the Korean font was bundled.
  const missing = await render("ሀለሐመ");
  const korean = await render("하루종일");
  const chinese = await render("你好世界"); // Noto Sans SC's, unchanged by the Korean font
  const mask = async (png: Buffer, width: number, height: number) =>
    (
      await sharp(png)
        .ensureAlpha()
        .extractChannel(3)
        .resize(width, height, { fit: "fill" })
        .raw()
        .toBuffer()
    ).map((a) => (a > 128 ? 1 : 0));
  const differ = async (a: typeof korean, b: typeof korean) => {
    const [x, y] = await Promise.all([
      mask(a.png, a.width, a.height),
      mask(b.png, a.width, a.height),
    ]);
    let n = 0;
    for (let i = 0; i < x.length; i++) n += x[i] ^ y[i];
    return (
      n /
      Math.max(
        1,
        x.reduce((s, v) => s + v, 0),
      )
    );
  };
  // Boxes look alike whatever the letter; Hangul looks like neither the boxes nor Chinese.
  // (Measured: boxes against boxes 0.01; Hangul against the boxes 0.43, and 0.05 when
  // Hangul was drawn as boxes; Hangul against Chinese 0.32.)
  expect(await differ(missing, await render("ሁሉሑሙ"))).toBeLessThan(0.1);
  expect(await differ(korean, missing)).toBeGreaterThan(0.25);
  expect(await differ(korean, chinese)).toBeGreaterThan(0.2);
});

test("long text wraps and shrinks to fit; wrapped lines are balanced", async () => {
  const long = await renderTextImage({
    text: "The most comfortable pink tennis shoes you will ever own",
    font: "poppins",
    color: "#FFD700",
    maxWidth: 300,
    maxHeight: 120,
    fontSize: 48,
  });
  expect(long.width).toBeLessThanOrEqual(300);
  expect(long.height).toBeLessThanOrEqual(120);
  expect(long.fontSize).toBeLessThan(48);
  // Two lines of about equal width rather than a full line and an orphan.
  const two = await renderTextImage({
    text: "Shop now for 20% off",
    font: "inter",
    color: "#FFFFFF",
    maxWidth: 400,
    maxHeight: 300,
    fontSize: 48,
  });
  const one = await render("Shop now for 20% off");
  expect(two.height).toBeGreaterThan(one.height * 1.5);
  expect(two.width).toBeLessThan(one.width * 0.7);
});

test("text that must shrink is set as large as still fits: a long name in a wide, low box wraps, not one tiny line", async () => {
  // The 16:9 end card's name box at 960×540. Too tall on three lines at 73 px; shrunk by
  // the height's ratio it came out at 24 px on one line, 26 px tall in a 133 px box.
  const opts = {
    text: "Stainless Steel Water Bottle",
    font: "inter" as const,
    color: "#FFFFFF",
    maxWidth: 397,
    maxHeight: 133,
    fontSize: 73,
  };
  const name = await renderTextImage(opts);
  expect(name.width).toBeLessThanOrEqual(397);
  expect(name.height).toBeLessThanOrEqual(133);
  expect(name.height).toBeGreaterThan(133 * 0.75);
  expect(name.fontSize).toBeGreaterThan(45);
  // And it is the largest: a size 5 % larger does not fit the box.
  const larger = await renderTextImage({ ...opts, fontSize: Math.ceil(name.fontSize * 1.05) });
  expect(larger.fontSize).toBeLessThan(Math.ceil(name.fontSize * 1.05));
});

test("control characters and broken surrogates are cleaned, not fatal", async () => {
  expect(sanitizeText("a\r\nb\tc\u0000d\uD800")).toBe("a\nb cd\uFFFD");
  await expect(render("\u0007bell\uDC00")).resolves.toMatchObject({ width: expect.any(Number) });
  await expect(render("  \n ")).rejects.toThrow(/empty/);
});

test("formats of one width share a text image when it needed no shrinking and fits both heights; otherwise each gets its own", async () => {
  const textImage = sharedTextImages();
  const opts = {
    text: "Pink Tennis Shoes",
    font: "inter" as const,
    color: "#FFFFFF",
    maxWidth: 600,
    fontSize: 48,
  };
  const [tall, square] = await Promise.all([
    textImage({ ...opts, maxHeight: 400 }),
    textImage({ ...opts, maxHeight: 300 }),
  ]);
  expect(square).toBe(tall); // one render
  expect(Buffer.compare(square.png, (await renderTextImage({ ...opts, maxHeight: 300 })).png)).toBe(
    0,
  ); // what its own render would be

  // Too low for the shared image: rendered again, smaller.
  const low = await textImage({ ...opts, maxHeight: tall.height - 10 });
  expect(low).not.toBe(tall);
  expect(low.height).toBeLessThanOrEqual(tall.height - 10);
  expect(low.fontSize).toBeLessThan(48);
});
