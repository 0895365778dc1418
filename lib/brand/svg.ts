// SVG logos: refused — never cleaned up — when they could run code or reach outside the
// file (scripts, event handlers, foreignObject, external or data: references, DTDs and
// entities), then rasterised once with sharp, so only pixels are ever stored and served.
// The checks read the raw text with patterns that err on the side of refusing: a logo
// exported from a design tool passes, anything unusual is sent back with the reason.
import sharp, { type Metadata } from "sharp";
import { invalidInput } from "../errors";

/** Longest side of the stored raster: sharper than any end card or corner mark needs. */
export const LOGO_RASTER_SIDE = 1024;
const MAX_SVG_PIXELS = 25_000_000;

const bad = (message: string) => invalidInput([{ path: "file", message }]);

/** True when the bytes are markup with an <svg> element near the start (svgProblem then decides). */
export function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes
    .subarray(0, 4096)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  return /^\s*</.test(head) && /<(svg:)?svg[\s>]/i.test(head);
}

/** A reference is allowed only to a fragment of the same document: #id. */
const LOCAL_REF = /^#[A-Za-z_][\w.:-]*$/;

/** Why this SVG is refused, or undefined when it is plain drawing. */
export function svgProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "it contains binary data";
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return "it declares a DTD or entities";
  if (/<\?(?!xml\s)[\s\S]*?\?>/i.test(text)) return "it contains processing instructions";
  if (/<\s*([\w-]+:)?script\b/i.test(text)) return "it contains a <script>";
  if (/<\s*([\w-]+:)?foreignObject\b/i.test(text)) return "it contains a <foreignObject>";
  if (/<\s*([\w-]+:)?(iframe|embed|object|audio|video|handler|listener)\b/i.test(text))
    return "it embeds other content";
  // Event handlers (onload=, onclick=, …) as attributes anywhere, also namespaced.
  if (/[\s"'/]([\w-]+:)?on[a-z]+\s*=/i.test(text)) return "it has an event-handler attribute";
  if (/javascript:|vbscript:/i.test(text)) return "it contains a script link";
  // href, xlink:href, src: only same-document fragments. Character references could hide
  // a scheme, so the value must be a plain #id.
  for (const m of text.matchAll(
    /[\s"']((?:[\w-]+:)?(?:href|src))\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi,
  )) {
    const value = (m[3] ?? m[4] ?? m[5] ?? "").trim();
    if (!LOCAL_REF.test(value))
      return `it references something outside the file (${m[1]}="${value.slice(0, 60)}")`;
  }
  // Animations could set a link at run time.
  if (/attributeName\s*=\s*["']?\s*([\w-]+:)?(href|src)\b/i.test(text)) return "it animates a link";
  // CSS: url() only to #fragments; no @import; no escapes that could spell either.
  for (const m of text.matchAll(/url\s*\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)) {
    if (!LOCAL_REF.test(m[2].trim()))
      return `it references something outside the file (url(${m[2].slice(0, 60)}))`;
  }
  if (/@import/i.test(text)) return "its style imports another file";
  if (/<style[\s\S]*?\\[\s\S]*?<\/style>/i.test(text) || /style\s*=\s*["'][^"']*\\/i.test(text))
    return "its style uses escape sequences";
  if (/(?<![\w-])data:/i.test(text)) return "it embeds data: content";
  return undefined;
}

/**
 * A refused SVG throws a 400 naming the reason; an accepted one comes back as a PNG whose
 * longest side is at most LOGO_RASTER_SIDE (transparent background kept).
 */
export async function rasteriseSvg(
  bytes: Buffer,
): Promise<{ png: Buffer; width: number; height: number }> {
  const text = bytes.toString("utf8");
  if (Buffer.from(text, "utf8").length !== bytes.length || text.includes("\uFFFD"))
    throw bad("This SVG is not UTF-8 text, so it is refused. Export it again as plain SVG.");
  const problem = svgProblem(text);
  if (problem)
    throw bad(
      `This SVG is refused because ${problem}. Upload a plain SVG (shapes, paths, text) or a PNG.`,
    );
  const unreadable = () => bad("The SVG could not be read; it may be damaged or incomplete.");
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: "error", limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  if (meta.format !== "svg") throw unreadable();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w < 1 || h < 1)
    throw bad("The SVG has no size; give its <svg> a width and height or a viewBox.");
  // Rendered at a density that makes the longest side LOGO_RASTER_SIDE (72 dpi is 1:1).
  const density = Math.min(2400, Math.max(1, (72 * LOGO_RASTER_SIDE) / Math.max(w, h)));
  if (w * h * (density / 72) ** 2 > MAX_SVG_PIXELS * 1.1)
    throw bad("The SVG is too large to draw.");
  try {
    const { data, info } = await sharp(bytes, {
      density,
      failOn: "error",
      limitInputPixels: MAX_SVG_PIXELS,
    })
      .resize(LOGO_RASTER_SIDE, LOGO_RASTER_SIDE, { fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height };
  } catch {
    throw unreadable();
  }
}
