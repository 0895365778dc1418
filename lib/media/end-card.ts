// The end card (ad-creative.md "End card"): the product — cut out when its photo has a plain
// backdrop — on a gradient of the brand colour, the product name, the call to action as a
// button, the logo; laid out per format (end-card-layout.ts). It moves the whole time, so it
// never reads as a frozen frame: the background drifts, the product rises slowly, the name
// and then the button fade in. The parts are drawn once as images (sharp), the motion is one
// filter graph (endCardFilter) in the pieces that show the card: the layers are kept in the
// cache under a key of everything the card shows, so a compose with the same card reuses them
// (and the pieces kept under that key), and no frame of the card is encoded twice.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { z } from "zod";
import { loadPhoto } from "../providers/local/studio/photo-source";
import {
  END_CARD_TEXT,
  type EndCardColors,
  type EndCardLayout,
  endCardColors,
  endCardLayout,
} from "./end-card-layout";
import type { FontId } from "./fonts";
import { type AspectRatio, FPS } from "./formats";
import type { Box } from "./safe-area";
import { renderTextImage } from "./text-image";

/** Bump when the card's look changes. */
const END_CARD_VERSION = 3;

export type EndCardDesign = {
  ratio: AspectRatio;
  width: number;
  height: number;
  frames: number;
  productName?: string;
  callToAction: string;
  font: FontId;
  /** The brand's 1–3 colours (#RRGGBB); a default without any. */
  colors: string[];
  logoPath?: string;
  productImagePath?: string;
};

type Layer = { png: Buffer; x: number; y: number; width: number; height: number };

const placed = z.object({ file: z.string(), x: z.number().int(), y: z.number().int() });
const storedLayers = z.object({
  /** What the card shows (design, logo and product photo bytes): its pieces are kept under it. */
  key: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The card's whole length: the motion runs over these frames. */
  frames: z.number().int().positive(),
  background: z.string(),
  product: placed.optional(),
  words: placed.optional(),
  button: placed,
});

/**
 * The card's layers as drawn, in the cache folder under a key of everything the card shows
 * (and kept there as this, checked when read back): the pieces that show the card draw its
 * frames from them (endCardFilter).
 */
export type EndCardLayers = z.infer<typeof storedLayers>;

/** The card's layers: drawn when the cache folder lacks them, else read from it. */
export async function endCard(
  design: EndCardDesign,
  opts: { dir: string },
): Promise<EndCardLayers> {
  const key = await designKey(design);
  const stem = path.join(opts.dir, `endcard-${key}`);
  const known = await readLayers(`${stem}.json`);
  if (known) return known;
  await mkdir(opts.dir, { recursive: true });
  const layers: EndCardLayers = {
    key,
    width: design.width,
    height: design.height,
    frames: design.frames,
    ...(await drawLayers(design, stem)),
  };
  // The list goes last: a reader that finds it finds every layer it names.
  await writeAtomically(`${stem}.json`, JSON.stringify(layers));
  return layers;
}

async function readLayers(file: string): Promise<EndCardLayers | undefined> {
  const parsed = storedLayers.safeParse(
    await readFile(file, "utf8")
      .then((text) => JSON.parse(text))
      .catch(() => undefined),
  );
  if (!parsed.success) return undefined;
  const l = parsed.data;
  const files = [l.background, l.product?.file, l.words?.file, l.button.file].flatMap((f) =>
    f ? [f] : [],
  );
  const sizes = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (st) => st.size,
        () => 0,
      ),
    ),
  );
  return sizes.every((size) => size > 0) ? l : undefined;
}

/** Two composes may draw the same card at once: each file appears whole or not at all. */
async function writeAtomically(file: string, data: Buffer | string): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

async function designKey(d: EndCardDesign): Promise<string> {
  const digest = async (p?: string) =>
    p
      ? createHash("sha256")
          .update(await readFile(p))
          .digest("hex")
      : null;
  const [logo, product] = await Promise.all([digest(d.logoPath), digest(d.productImagePath)]);
  const { logoPath: _, productImagePath: __, ...rest } = d;
  return createHash("sha256")
    .update(JSON.stringify([END_CARD_VERSION, rest, logo, product]))
    .digest("hex")
    .slice(0, 32);
}

/** How far the background drifts and the product rises over the card, in pixels. */
export function motion(W: number, H: number) {
  return {
    pan: Math.max(4, Math.round(Math.min(W, H) * 0.05)),
    rise: Math.max(4, Math.round(H * 0.03)),
  };
}

type DrawnLayers = {
  background: string;
  product?: { file: string; x: number; y: number };
  words?: { file: string; x: number; y: number };
  button: { file: string; x: number; y: number };
};

async function drawLayers(d: EndCardDesign, stem: string): Promise<DrawnLayers> {
  const { width: W, height: H } = d;
  const colors = endCardColors(d.colors);
  const layout = endCardLayout(d.ratio, W, H, {
    logo: !!d.logoPath,
    product: !!d.productImagePath,
  });
  const { pan, rise } = motion(W, H);
  const [background, product, logo, name, button] = await Promise.all([
    backgroundImage(W + 2 * pan, H + 2 * pan, colors, layout, pan),
    d.productImagePath ? productImage(d.productImagePath, layout.product) : undefined,
    d.logoPath ? fitImage(d.logoPath, layout.logo) : undefined,
    d.productName?.trim()
      ? textLayer(
          d.productName,
          d.font,
          colors.text,
          layout.name,
          Math.round(layout.name.height * END_CARD_TEXT.nameSize),
        )
      : undefined,
    buttonImage(d.callToAction, d.font, colors, layout.button),
  ]);
  // The name and logo share one layer (they fade in together), cut to the box around them:
  // every frame blends and fades only those pixels.
  const parts = [logo, name].filter((l): l is Layer => !!l);
  const box = {
    x: Math.min(...parts.map((l) => l.x)),
    y: Math.min(...parts.map((l) => l.y)),
    right: Math.max(...parts.map((l) => l.x + l.width)),
    bottom: Math.max(...parts.map((l) => l.y + l.height)),
  };
  const words = parts.length
    ? {
        x: box.x,
        y: box.y,
        png: await sharp({
          create: {
            width: box.right - box.x,
            height: box.bottom - box.y,
            channels: 4,
            background: "#00000000",
          },
        })
          .composite(parts.map((l) => ({ input: l.png, left: l.x - box.x, top: l.y - box.y })))
          .png({ compressionLevel: 3 })
          .toBuffer(),
      }
    : undefined;
  const files = {
    background: `${stem}.bg.png`,
    product: `${stem}.product.png`,
    words: `${stem}.words.png`,
    button: `${stem}.button.png`,
  };
  await Promise.all([
    writeAtomically(files.background, background),
    product ? writeAtomically(files.product, product.png) : undefined,
    words ? writeAtomically(files.words, words.png) : undefined,
    writeAtomically(files.button, button.png),
  ]);
  return {
    background: files.background,
    // The product starts `rise` pixels low and ends where the layout puts it.
    product: product && { file: files.product, x: product.x, y: product.y + rise },
    words: words && { file: files.words, x: words.x, y: words.y },
    button: { file: files.button, x: button.x, y: button.y },
  };
}

/** A diagonal gradient of the brand colours, a soft light behind the product, a few soft circles. */
function backgroundImage(
  w: number,
  h: number,
  c: EndCardColors,
  layout: EndCardLayout,
  pan: number,
): Promise<Buffer> {
  const p = layout.product.width ? layout.product : layout.name;
  const cx = p.x + p.width / 2 + pan;
  const cy = p.y + p.height / 2 + pan;
  const r = Math.max(p.width, p.height) * 0.75;
  const s = Math.min(w, h);
  const circles = [
    [0.15, 0.2, 0.22],
    [0.85, 0.35, 0.16],
    [0.3, 0.85, 0.28],
    [0.9, 0.9, 0.2],
  ]
    .map(
      ([x, y, rr]) =>
        `<circle cx="${Math.round(x * w)}" cy="${Math.round(y * h)}" r="${Math.round(rr * s)}" fill="#FFFFFF" fill-opacity="0.07"/>`,
    )
    .join("");
  // Only numbers and #RRGGBB colours go into this markup.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs>
      <linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c.from}"/><stop offset="1" stop-color="${c.to}"/></linearGradient>
      <radialGradient id="l"><stop offset="0" stop-color="#FFFFFF" stop-opacity="0.35"/><stop offset="1" stop-color="#FFFFFF" stop-opacity="0"/></radialGradient>
    </defs>
    <rect width="${w}" height="${h}" fill="url(#g)"/>${circles}
    <circle cx="${Math.round(cx)}" cy="${Math.round(cy)}" r="${Math.round(r)}" fill="url(#l)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 3 }).toBuffer();
}

/** The product photo, cut out when its backdrop is plain, else a rounded print; with a soft shadow. */
async function productImage(file: string, box: Box): Promise<Layer> {
  const photo = await loadPhoto(file, 1600);
  let img = sharp(photo.rgba, { raw: { width: photo.width, height: photo.height, channels: 4 } });
  const k = Math.min(box.width / photo.width, box.height / photo.height);
  const w = Math.max(1, Math.round(photo.width * k));
  const h = Math.max(1, Math.round(photo.height * k));
  img = img.resize(w, h, { fit: "fill" });
  let product = await img.png().toBuffer();
  if (!photo.cutout) {
    const radius = Math.round(Math.min(w, h) * 0.06);
    const mask = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" rx="${radius}" fill="#FFFFFF"/></svg>`,
    );
    product = await sharp(product)
      .composite([{ input: mask, blend: "dest-in" }])
      .png()
      .toBuffer();
  }
  // The shadow: the product's own alpha, darkened, blurred and set a little lower.
  const blur = Math.max(1, Math.round(Math.min(w, h) * 0.03));
  const pad = blur * 3;
  const alpha = await sharp(product).extractChannel(3).toBuffer();
  const shadow = await sharp({
    create: { width: w, height: h, channels: 3, background: { r: 0, g: 0, b: 0 } },
  })
    .joinChannel(await sharp(alpha).linear(0.45, 0).toBuffer())
    .extend({ top: pad, bottom: pad, left: pad, right: pad, background: "#00000000" })
    .blur(blur)
    .png()
    .toBuffer();
  const png = await sharp(shadow)
    .composite([{ input: product, left: pad, top: Math.max(0, pad - Math.round(blur * 0.8)) }])
    .png({ compressionLevel: 3 })
    .toBuffer();
  const W = w + 2 * pad;
  const H = h + 2 * pad;
  return {
    png,
    width: W,
    height: H,
    x: box.x + Math.round((box.width - W) / 2),
    y: box.y + Math.round((box.height - H) / 2),
  };
}

/** A picture (the logo) scaled to fit its box, centred in it. */
async function fitImage(file: string, box: Box): Promise<Layer> {
  const { data, info } = await sharp(file)
    .ensureAlpha()
    .resize(box.width, box.height, { fit: "inside" })
    .png()
    .toBuffer({ resolveWithObject: true });
  return {
    png: data,
    width: info.width,
    height: info.height,
    x: box.x + Math.round((box.width - info.width) / 2),
    y: box.y + Math.round((box.height - info.height) / 2),
  };
}

async function textLayer(
  text: string,
  font: FontId,
  color: string,
  box: Box,
  fontSize: number,
): Promise<Layer> {
  const img = await renderTextImage({
    text,
    font,
    color,
    maxWidth: box.width,
    maxHeight: box.height,
    fontSize,
  });
  return {
    png: img.png,
    width: img.width,
    height: img.height,
    x: box.x + Math.round((box.width - img.width) / 2),
    y: box.y + Math.round((box.height - img.height) / 2),
  };
}

/** The call to action on a rounded button, sized to its words. */
async function buttonImage(text: string, font: FontId, c: EndCardColors, box: Box): Promise<Layer> {
  const t = END_CARD_TEXT;
  const padX = Math.round(box.height * t.buttonPadding);
  const label = await textLayer(
    text,
    font,
    c.buttonText,
    {
      x: 0,
      y: 0,
      width: Math.round(box.width * t.buttonLabelWidth) - 2 * padX,
      height: Math.round(box.height * t.buttonLabelHeight),
    },
    Math.round(box.height * t.buttonTextSize),
  );
  const w = Math.min(box.width, label.width + 2 * padX);
  const h = box.height;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" rx="${Math.round(h / 2)}" fill="${c.button}"/></svg>`;
  const png = await sharp(Buffer.from(svg))
    .composite([
      {
        input: label.png,
        left: Math.max(0, Math.round((w - label.width) / 2)),
        top: Math.max(0, Math.round((h - label.height) / 2)),
      },
    ])
    .png()
    .toBuffer();
  return { png, width: w, height: h, x: box.x + Math.round((box.width - w) / 2), y: box.y };
}

/**
 * Frames [from, from + count) of the card, as filter-graph lines ending in `[label]`
 * (yuv420p, frame N at N/FPS): the background drifts diagonally across its margin, the
 * product rises by `rise` pixels, the name (and logo) fade in from the card's 12th frame —
 * once the usual half-second dissolve from the last clip is nearly over —, the button from
 * the 20th, sliding up a little. Any stretch of the card can be drawn on its own (a piece of
 * the ad), each frame as it is in the whole card. `add` takes an input's arguments and
 * returns its index. Only numbers go into the graph; files are `-i` arguments.
 */
export function endCardFilter(
  card: EndCardLayers,
  from: number,
  count: number,
  add: (inputArgs: string[]) => number,
  label: string,
): string[] {
  const { width: W, height: H, frames: N } = card;
  const { pan, rise } = motion(W, H);
  const last = Math.max(1, N - 1);
  // The frame's number in the whole card.
  const n = `(n+${from})`;
  const retime = `settb=1/${FPS},setpts=N`;
  // Each picture is converted once, then repeated: the per-frame work is the drift and blends.
  const still = (file: string, format: string, frames: number) =>
    `[${add(["-i", file])}:v]format=${format},loop=loop=${frames - 1}:size=1:start=0,${retime}`;
  // A layer that fades in: faded over the whole card from its first frame, then cut to the stretch.
  const fadeIn = (start: number) => Math.min(start, Math.max(0, N - 2));
  const len = (start: number) => Math.max(1, Math.min(10, N - fadeIn(start)));
  const fading = (file: string, start: number) =>
    `${still(file, "yuva420p", from + count)},fade=t=in:s=${fadeIn(start)}:n=${len(start)}:alpha=1,trim=start_frame=${from},${retime}`;
  // The background is yuv444p while it drifts (any pixel offset), yuv420p after the crop.
  const graph = [
    `${still(card.background, "yuv444p", count)},crop=${W}:${H}:x='${2 * pan}*(1-${n}/${last})':y='${pan}+${pan}*sin(PI*${n}/${last})',format=yuv420p[${label}bg]`,
  ];
  let base = `${label}bg`;
  if (card.product) {
    const p = card.product;
    graph.push(
      `${still(p.file, "yuva420p", count)}[${label}p]`,
      `[${base}][${label}p]overlay=x=${p.x}:y='${p.y}-${rise}*${n}/${last}':format=yuv420[${label}bp]`,
    );
    base = `${label}bp`;
  }
  if (card.words) {
    const w = card.words;
    graph.push(
      `${fading(w.file, 12)}[${label}w]`,
      `[${base}][${label}w]overlay=x=${w.x}:y=${w.y}:format=yuv420[${label}bw]`,
    );
    base = `${label}bw`;
  }
  const b = card.button;
  const slide = Math.max(2, Math.round(H * 0.015));
  graph.push(
    `${fading(b.file, 20)}[${label}b]`,
    `[${base}][${label}b]overlay=x=${b.x}:y='${b.y}+${slide}*max(0,1-(${n}-20)/10)':format=yuv420,format=yuv420p,setsar=1[${label}]`,
  );
  return graph;
}
