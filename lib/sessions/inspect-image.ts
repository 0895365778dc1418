// What an uploaded file really is, decided by its bytes (never its name or declared type):
// PNG, JPEG or WebP by signature, walked chunk by chunk to find where the image ends and to
// look inside text and metadata chunks; decoded in full by sharp. Files that are also
// something else (markup or a script in a metadata chunk, an archive or document after the
// image's end) are refused. Other bytes after the end (camera trailers, padding) are cut off,
// so what we store is exactly one image.
import sharp, { type Metadata } from "sharp";
import { invalidInput } from "../errors";

export type ImageKind = "png" | "jpg" | "webp";
export type InspectedImage = {
  kind: ImageKind;
  mimeType: string;
  bytes: Buffer;
  width: number;
  height: number;
};

const MIME: Record<ImageKind, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp" };
const SHARP_FORMAT: Record<ImageKind, string> = { png: "png", jpg: "jpeg", webp: "webp" };
/** 6000×4000 and a little more: far past what a 1080p ad uses, ~75 MB decoded as RGB. */
const MAX_PIXELS = 25_000_000;
const MIN_SIDE = 64;

/** Markup or code that browsers or servers might run, hidden in an image. */
const ACTIVE = /<\s*(script|html|body|iframe|object|embed|svg|form)\b|<\?php|javascript:/i;
/** Other formats' signatures at the start of trailing data. */
const FOREIGN_SIGNATURES = [
  "PK\x03\x04",
  "PK\x05\x06",
  "%PDF",
  "Rar!",
  "7z\xbc\xaf",
  "\x7fELF",
  "MZ",
  "\x1f\x8b",
  "GIF8",
  "\x89PNG",
  "RIFF",
];

export function sniff(b: Buffer): ImageKind | undefined {
  if (
    b.length >= 8 &&
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return "png";
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpg";
  if (
    b.length >= 12 &&
    b.toString("latin1", 0, 4) === "RIFF" &&
    b.toString("latin1", 8, 12) === "WEBP"
  )
    return "webp";
  return undefined;
}

const bad = (message: string) => invalidInput([{ path: "file", message }]);

export async function inspectImage(bytes: Buffer): Promise<InspectedImage> {
  if (bytes.length === 0) throw bad("The file is empty.");
  const kind = sniff(bytes);
  if (!kind) throw bad("This file is not a PNG, JPEG or WebP image.");
  const walk = kind === "png" ? walkPng(bytes) : kind === "jpg" ? walkJpeg(bytes) : walkWebp(bytes);
  if (walk.metadata.some((m) => ACTIVE.test(m.toString("latin1")))) {
    throw bad(
      "This image carries embedded markup or script, so it is refused. Export it again as a plain image.",
    );
  }
  const trailer = bytes.subarray(walk.end);
  const head = trailer.subarray(0, 16).toString("latin1");
  if (
    trailer.length > 0 &&
    (FOREIGN_SIGNATURES.some((sig) => head.startsWith(sig)) ||
      ACTIVE.test(trailer.toString("latin1")))
  ) {
    throw bad(
      "This file is an image with another file attached after it, so it is refused. Export it again as a plain image.",
    );
  }
  const image = bytes.subarray(0, walk.end);
  const unreadable = (err: unknown) =>
    bad(
      /pixel limit/i.test(String(err))
        ? `The image has more than ${MAX_PIXELS / 1e6} megapixels; upload a smaller one.`
        : "The image could not be read; it may be damaged or incomplete.",
    );
  let meta: Metadata;
  try {
    // The header only (no limit needed: nothing is decoded), to say how large it is.
    meta = await sharp(image, { failOn: "error", limitInputPixels: false }).metadata();
    if (meta.format !== SHARP_FORMAT[kind]) throw new Error(`decoded as ${meta.format}`);
  } catch (err) {
    throw unreadable(err);
  }
  // Refused on the header's size, before a pixel is decoded: a few KB can declare gigabytes.
  const [w, h] = [meta.width ?? 0, meta.height ?? 0];
  if (w * h > MAX_PIXELS)
    throw bad(
      `The image is ${w}×${h} pixels (${Math.round((w * h) / 1e6)} megapixels); upload one of at most ${MAX_PIXELS / 1e6} megapixels.`,
    );
  try {
    // Decodes every pixel (a damaged image fails here), still under sharp's own limit.
    await sharp(image, { failOn: "error", limitInputPixels: MAX_PIXELS }).stats();
  } catch (err) {
    throw unreadable(err);
  }
  const { width, height } = meta.autoOrient ?? { width: meta.width ?? 0, height: meta.height ?? 0 };
  if (width < MIN_SIDE || height < MIN_SIDE)
    throw bad(
      `The image is ${width}×${height} pixels; upload one at least ${MIN_SIDE}×${MIN_SIDE}.`,
    );
  return { kind, mimeType: MIME[kind], bytes: image, width, height };
}

type Walk = { end: number; metadata: Buffer[] };

/** PNG: length-type-data-crc chunks up to IEND; text chunks are metadata. */
function walkPng(b: Buffer): Walk {
  const metadata: Buffer[] = [];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString("latin1", i + 4, i + 8);
    const next = i + 12 + len;
    if (next > b.length) break;
    if (type === "tEXt" || type === "iTXt" || type === "zTXt")
      metadata.push(b.subarray(i + 8, i + 8 + len));
    if (type === "IEND") return { end: next, metadata };
    i = next;
  }
  return { end: b.length, metadata }; // no IEND: sharp decides whether it is readable
}

/** JPEG: marker segments, entropy-coded scans after SOS, up to EOI; COM and APPn are metadata. */
function walkJpeg(b: Buffer): Walk {
  const metadata: Buffer[] = [];
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return { end: b.length, metadata }; // not a marker: leave it to sharp
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    } // fill byte
    if (marker === 0xd9) return { end: i + 2, metadata }; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (i + 4 > b.length) break;
    const len = b.readUInt16BE(i + 2);
    const segmentEnd = i + 2 + len;
    if (segmentEnd > b.length) break;
    if (marker === 0xfe || (marker >= 0xe0 && marker <= 0xef))
      metadata.push(b.subarray(i + 4, segmentEnd));
    i = segmentEnd;
    if (marker === 0xda) {
      // Scan data: 0xFF is followed by 0x00 (stuffing), a restart marker or fill; anything else ends it.
      while (
        i + 1 < b.length &&
        !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7))
      )
        i++;
    }
  }
  return { end: b.length, metadata };
}

/** WebP: a RIFF container whose size field says where it ends; EXIF and XMP are metadata. */
function walkWebp(b: Buffer): Walk {
  const metadata: Buffer[] = [];
  const end = Math.min(b.length, 8 + b.readUInt32LE(4));
  let i = 12;
  while (i + 8 <= end) {
    const type = b.toString("latin1", i, i + 4);
    const len = b.readUInt32LE(i + 4);
    if (type === "EXIF" || type === "XMP ")
      metadata.push(b.subarray(i + 8, Math.min(end, i + 8 + len)));
    i += 8 + len + (len % 2);
  }
  return { end, metadata };
}
