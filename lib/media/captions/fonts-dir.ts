// libass finds fonts by family name in one folder (the `ass` filter's fontsdir), while the
// bundled TTFs live in separate npm packages: this links them into one folder, once per
// process, so captions render with the same fonts on every machine and need no system font.
import { mkdir, readFile, rename, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FALLBACK_FONTS, FONTS } from "../fonts";

let ready: Promise<string> | undefined;

/**
 * A copy of a font whose Windows BMP character map points at its full-Unicode one. libass
 * before 0.15 (the shipped 2018 ffmpeg has 0.14) takes the first Windows Unicode map, the
 * BMP-only one, so emoji above U+FFFF (🙂, 🔥) came out as empty boxes; with this, the same
 * glyphs are found through either map. Fonts without both maps come back unchanged.
 */
export function fullUnicodeFirst(font: Buffer): Buffer {
  const out = Buffer.from(font);
  const tables = out.readUInt16BE(4);
  for (let t = 0; t < tables; t++) {
    const record = 12 + t * 16;
    if (out.toString("latin1", record, record + 4) !== "cmap") continue;
    const cmap = out.readUInt32BE(record + 8);
    const maps = out.readUInt16BE(cmap + 2);
    let bmp = -1;
    let full = -1;
    for (let m = 0; m < maps; m++) {
      const at = cmap + 4 + m * 8;
      const [platform, encoding] = [out.readUInt16BE(at), out.readUInt16BE(at + 2)];
      if (platform === 3 && encoding === 1) bmp = at;
      if (platform === 3 && encoding === 10) full = at;
    }
    if (bmp >= 0 && full >= 0) out.writeUInt32BE(out.readUInt32BE(full + 4), bmp + 4);
  }
  return out;
}

/** A folder holding every bundled font (display fonts and the Arabic, Hebrew, emoji fallbacks). */
export function captionFontsDir(): Promise<string> {
  ready ??= (async () => {
    const dir = path.join(tmpdir(), `adsmith-caption-fonts-${process.pid}`);
    await mkdir(dir, { recursive: true });
    const files = [
      ...Object.values(FONTS).map((f) => f.file),
      ...FALLBACK_FONTS.map((f) => f.file),
    ];
    for (const file of files)
      await symlink(file, path.join(dir, path.basename(file))).catch(
        (err: NodeJS.ErrnoException) => {
          if (err.code !== "EEXIST") throw err;
        },
      );
    // Emoji live above U+FFFF: the emoji font goes in patched (see fullUnicodeFirst).
    for (const font of FALLBACK_FONTS.filter((f) => f.family === "Noto Emoji")) {
      const target = path.join(dir, path.basename(font.file));
      await writeFile(`${target}.tmp`, fullUnicodeFirst(await readFile(font.file)));
      await rename(`${target}.tmp`, target);
    }
    return dir;
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

/** A path as one option value inside an ffmpeg filter graph: escaped for both levels. */
const filterValue = (p: string) => p.replace(/[\\':]/g, "\\$&").replace(/[\\',;[\]]/g, "\\$&");

/** The `ass` filter that burns an ASS file in with the bundled fonts. */
export async function assFilter(assFile: string): Promise<string> {
  return `ass=filename=${filterValue(assFile)}:fontsdir=${filterValue(await captionFontsDir())}`;
}
