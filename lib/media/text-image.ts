// Renders user text to a transparent PNG with sharp (libvips → Pango). Text reaches ffmpeg
// only as an overlay image, never inside a filter string, so quotes, colons, `%`,
// backslashes and newlines cannot break a command or be expanded as drawtext sequences.
// Pango shapes Arabic and Hebrew (joined glyphs, right-to-left) with the bundled Noto
// fallbacks; a character no font covers (most emoji here) becomes a box, never an error.
import sharp, { type Sharp } from "sharp";
import { FALLBACK_FONTS, type FontId, fontById } from "./fonts";

export type TextImageOptions = {
  text: string;
  font: FontId;
  /** #RRGGBB */
  color: string;
  /** The whole image, outline included, fits in this box (pixels). */
  maxWidth: number;
  maxHeight: number;
  /** Preferred font size in pixels; shrunk until the text fits the box. */
  fontSize: number;
};

export type TextImage = { png: Buffer; width: number; height: number; fontSize: number };

/**
 * Makes arbitrary input safe for Pango without changing what the user typed: invalid UTF-16
 * (lone surrogates) becomes U+FFFD, CRLF becomes LF, tabs become spaces, and other control
 * characters (which are invalid in Pango markup) are dropped.
 */
export function sanitizeText(text: string): string {
  return (
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
      .replace(/\r\n?/g, "\n")
      .replace(/\t/g, " ")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping them is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
  );
}

/** Escapes the five characters that mean something in Pango markup. */
export function escapeMarkup(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

/**
 * libvips registers a font file with fontconfig the first time a text render names it, and
 * keeps it for the life of the process. Rendering one character with each fallback file
 * makes those families available to every later render, whatever its primary font.
 */
let fallbacksReady: Promise<void> | undefined;
function registerFallbacks(): Promise<void> {
  fallbacksReady ??= (async () => {
    for (const f of FALLBACK_FONTS) {
      await sharp({ text: { text: ".", font: `${f.family} 8px`, fontfile: f.file } })
        .png()
        .toBuffer();
    }
  })();
  return fallbacksReady;
}

function fontDescription(id: FontId, sizePx: number): string {
  const f = fontById(id);
  // Pango tries the families left to right for each character.
  const families = [f.family, ...FALLBACK_FONTS.map((x) => x.family)].join(",");
  return `${families} ${f.weight >= 700 ? "Bold" : ""} ${sizePx}px`.replace(/\s+/g, " ");
}

type Raw = { data: Buffer; width: number; height: number };

/** Pango's layout of the text at a size; wrapped at `wrapWidth` pixels when given. */
async function renderRaw(
  opts: TextImageOptions,
  sizePx: number,
  wrapWidth?: number,
  wrap: "word" | "word-char" = "word-char",
): Promise<Raw> {
  const markup = `<span foreground="${opts.color}">${escapeMarkup(sanitizeText(opts.text))}</span>`;
  const { data, info } = await sharp({
    text: {
      text: markup,
      font: fontDescription(opts.font, sizePx),
      fontfile: fontById(opts.font).file,
      rgba: true,
      ...(wrapWidth ? { width: Math.max(1, Math.floor(wrapWidth)), wrap } : {}),
      align: "centre",
      dpi: 72,
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The text laid out within `maxWidth`. Wrapped text is balanced: the narrowest width that
 * still needs no more lines, so "Shop now — 20% off" never leaves "off" alone on a line.
 */
async function layout(opts: TextImageOptions, sizePx: number, maxWidth: number): Promise<Raw> {
  const natural = await renderRaw(opts, sizePx);
  if (natural.width <= maxWidth) return natural;
  let best = await renderRaw(opts, sizePx, maxWidth);
  let lo = Math.floor(natural.width / Math.max(1, Math.round(best.height / natural.height)));
  let hi = maxWidth;
  while (hi - lo > Math.max(2, sizePx / 4)) {
    const mid = Math.floor((lo + hi) / 2);
    // Whole words only: a narrower box must not be met by breaking a word in two.
    const r = await renderRaw(opts, sizePx, mid, "word");
    if (r.height <= best.height && r.width <= mid) {
      hi = mid;
      best = r;
    } else lo = mid;
  }
  return best;
}

/** Relative luminance of #RRGGBB, 0 (black) to 1 (white). */
function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

export async function renderTextImage(opts: TextImageOptions): Promise<TextImage> {
  if (!/^#[0-9a-fA-F]{6}$/.test(opts.color))
    throw new Error(`text colour must be #RRGGBB, got ${opts.color}`);
  if (!sanitizeText(opts.text).trim()) throw new Error("text is empty");
  await registerFallbacks();

  // Shrink until the text, with room for its outline, fits the box. Re-rendering (rather
  // than scaling the bitmap) re-wraps the lines and keeps the glyphs sharp.
  const fitOf = (r: Raw, s: number) =>
    Math.min(
      (opts.maxWidth - 2 * padFor(s)) / r.width,
      (opts.maxHeight - 2 * padFor(s)) / r.height,
    );
  let size = startSize(opts.fontSize);
  let raw = await layout(opts, size, opts.maxWidth - 2 * padFor(size));
  let tooBig: number | undefined;
  for (let i = 0; i < 6; i++) {
    const fit = fitOf(raw, size);
    if (fit >= 1 || size <= 8) break;
    tooBig = size;
    size = Math.max(8, Math.floor(size * Math.min(0.95, fit)));
    raw = await layout(opts, size, opts.maxWidth - 2 * padFor(size));
  }
  // Smaller text also wraps into fewer lines, so a shrink by the height's ratio can land far
  // below the largest size that fits (a three-line name became one tiny line): search back
  // up between the size that fits and the last one that did not.
  if (tooBig !== undefined && fitOf(raw, size) >= 1) {
    let [lo, hi] = [size, tooBig];
    while (hi - lo > Math.max(1, Math.round(lo * 0.04))) {
      const mid = Math.floor((lo + hi) / 2);
      const r = await layout(opts, mid, opts.maxWidth - 2 * padFor(mid));
      if (fitOf(r, mid) >= 1) [lo, raw] = [mid, r];
      else hi = mid;
    }
    size = lo;
  }
  const pad = padFor(size);

  // Outline + soft shadow: the text's own alpha, grown and blurred, in a colour that
  // contrasts with the text, under the text. Readable on any background.
  const width = raw.width + 2 * pad;
  const height = raw.height + 2 * pad;
  const padded = Buffer.alloc(width * height); // the alpha channel, with a transparent margin
  for (let y = 0; y < raw.height; y++) {
    for (let x = 0; x < raw.width; x++)
      padded[(y + pad) * width + x + pad] = raw.data[(y * raw.width + x) * 4 + 3];
  }
  // Blur then boost: a soft-edged grow of the glyphs, then blurred again into a shadow.
  // (sharp runs one operation of each kind per pipeline in a fixed order, so each step is
  // its own pipeline; libvips' morphology ops name foreground the other way round.)
  const step = (buf: Buffer, op: (s: Sharp) => Sharp) =>
    op(sharp(buf, { raw: { width, height, channels: 1 } }))
      .extractChannel(0) // libvips would otherwise hand back sRGB (3 bands)
      .raw()
      .toBuffer();
  const grown = await step(await step(padded, (s) => s.blur(Math.max(0.6, size / 18))), (s) =>
    s.linear(4, 0),
  );
  const alpha = await step(await step(grown, (s) => s.blur(Math.max(0.4, size / 36))), (s) =>
    s.linear(0.9, 0),
  );
  const shade = luminance(opts.color) > 0.35 ? 0 : 255;
  // (Two steps: sharp applies composite before joinChannel within one pipeline.)
  const outline = await sharp({
    create: { width, height, channels: 3, background: { r: shade, g: shade, b: shade } },
  })
    .joinChannel(alpha, { raw: { width, height, channels: 1 } })
    .raw()
    .toBuffer();
  let png = await sharp(outline, { raw: { width, height, channels: 4 } })
    .composite([
      {
        input: raw.data,
        raw: { width: raw.width, height: raw.height, channels: 4 },
        left: pad,
        top: pad,
      },
    ])
    .png({ compressionLevel: 3 })
    .toBuffer();

  // Last resort for text that cannot shrink further (e.g. one enormous unbreakable word
  // at the minimum size): scale the bitmap down to the box.
  let out = { width, height };
  if (width > opts.maxWidth || height > opts.maxHeight) {
    const k = Math.min(opts.maxWidth / width, opts.maxHeight / height);
    out = {
      width: Math.max(1, Math.floor(width * k)),
      height: Math.max(1, Math.floor(height * k)),
    };
    png = await sharp(png).resize(out.width, out.height, { fit: "fill" }).png().toBuffer();
  }
  return { png, ...out, fontSize: size };
}

/**
 * renderTextImage for the formats of one compose. Formats of the same width (9:16 and 1:1)
 * ask for the same text in the same box but a different height limit; when the first image
 * needed no shrinking and fits the second limit too, it is exactly what the second call
 * would make, and is shared instead of rendered again.
 */
export function sharedTextImages(): (opts: TextImageOptions) => Promise<TextImage> {
  const made = new Map<string, Promise<TextImage>>();
  return async (opts) => {
    const key = JSON.stringify([opts.text, opts.font, opts.color, opts.maxWidth, opts.fontSize]);
    const prior = made.get(key);
    if (prior) {
      const img = await prior.catch(() => undefined);
      if (img && img.fontSize === startSize(opts.fontSize) && img.height <= opts.maxHeight)
        return img;
      return renderTextImage(opts);
    }
    const img = renderTextImage(opts);
    made.set(key, img);
    return img;
  };
}

/** The size a render starts at (and keeps when the text fits unshrunk). */
function startSize(fontSize: number): number {
  return Math.max(8, Math.round(fontSize));
}

function padFor(sizePx: number): number {
  return Math.ceil(sizePx * 0.16);
}
