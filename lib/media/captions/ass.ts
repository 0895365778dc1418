// Burned-in captions as an ASS script for libass (ffmpeg's `ass` filter, in both the shipped
// 2018 build and Debian's). Three presets: `karaoke` (the line, the word being spoken in the
// accent colour), `pop` (one to three words at a time, popping in) and `boxed` (the line on
// a box). Placed in the format's safe area: 9:16 above the bottom 20 % and clear of the
// right-hand button column; 1:1 and 16:9 in the lower third. Text in Arabic, Hebrew,
// Chinese, Japanese, Korean or emoji is set in the bundled Noto fonts run by run, so no
// glyph depends on the host.
import type { WordTiming } from "../../providers/types";
import { contrast } from "../end-card-layout";
import { FALLBACK_FONTS, FONTS, type FontId } from "../fonts";
import type { AspectRatio } from "../formats";
import { ARABIC_SCALE, type CaptionLine, captionLines, symbolOnly } from "./lines";

export const CAPTION_STYLES = ["karaoke", "pop", "boxed"] as const;
export type CaptionStyle = (typeof CAPTION_STYLES)[number];

export type CaptionOptions = {
  words: WordTiming[];
  style: CaptionStyle;
  ratio: AspectRatio;
  width: number;
  height: number;
  /** Default "inter". */
  font?: FontId;
  /** #RRGGBB. Default white; a dark colour is set in white (see captionColors). */
  textColor?: string;
  /** The spoken word (karaoke). Default #FFD400. */
  accentColor?: string;
  /** The box behind `boxed` lines, drawn 60 % opaque. Default #000000. */
  boxColor?: string;
};

export type CaptionLayout = {
  fontSize: number;
  marginL: number;
  marginR: number;
  /** Distance from the frame's bottom edge to the text's baseline area. */
  marginV: number;
  /** Characters one line may hold at fontSize. */
  maxChars: number;
};

/** Where captions go and how big, per format (pop words are larger, so fewer fit). */
export function captionLayout(
  ratio: AspectRatio,
  width: number,
  height: number,
  style: CaptionStyle,
): CaptionLayout {
  const base =
    ratio === "9:16"
      ? {
          fontSize: width * 0.062,
          marginL: width * 0.07,
          // Feed apps put like/comment/share buttons down the right ~15 % of a 9:16 frame.
          marginR: width * 0.17,
          marginV: height * 0.22,
        }
      : ratio === "1:1"
        ? {
            fontSize: width * 0.056,
            marginL: width * 0.07,
            marginR: width * 0.07,
            marginV: height * 0.1,
          }
        : {
            fontSize: height * 0.062,
            marginL: width * 0.12,
            marginR: width * 0.12,
            marginV: height * 0.1,
          };
  const fontSize = Math.max(8, Math.round(base.fontSize * (style === "pop" ? 1.3 : 1)));
  const usable = width - base.marginL - base.marginR;
  return {
    fontSize,
    marginL: Math.round(base.marginL),
    marginR: Math.round(base.marginR),
    marginV: Math.round(base.marginV),
    // A bold sans capital-and-lower-case average is ~0.56 em wide; keep a little slack.
    maxChars: Math.max(6, Math.floor(usable / (fontSize * 0.6))),
  };
}

/** #RRGGBB → ASS's &HAABBGGRR (alpha 00 = opaque). */
export function assColor(hex: string, alpha = 0): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  const [r, g, b] = m ? [m[1], m[2], m[3]] : ["FF", "FF", "FF"];
  const a = Math.round(alpha).toString(16).padStart(2, "0");
  return `&H${a}${b}${g}${r}`.toUpperCase();
}

function assTime(seconds: number): string {
  const cs = Math.max(0, Math.round(seconds * 100));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(cs % 100).padStart(2, "0")}`;
}

const ARABIC = FALLBACK_FONTS[0].family;
const HEBREW = FALLBACK_FONTS[1].family;
const EMOJI = FALLBACK_FONTS[2].family;
const CJK = FALLBACK_FONTS[3].family;
const KOREAN = FALLBACK_FONTS[4].family;

function familyFor(ch: string): string | undefined {
  if (/\p{Script=Arabic}/u.test(ch)) return ARABIC;
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFFEF]/u.test(ch))
    return CJK;
  if (/\p{Script=Hangul}/u.test(ch)) return KOREAN;
  if (/\p{Script=Hebrew}/u.test(ch)) return HEBREW;
  if (/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/u.test(ch)) return EMOJI;
  return undefined; // the style's font; spaces and punctuation stay with the run they are in
}

/**
 * Text as ASS: its own markup characters made harmless, each script run in its font. Given
 * the line's font size, Arabic runs are set ARABIC_SCALE larger (its glyphs look small).
 */
export function assText(text: string, font: string, size?: number): string {
  const safe = text
    .replace(/\\/g, "/")
    .replace(/[{]/g, "(")
    .replace(/[}]/g, ")")
    .replace(/\n/g, " ");
  const sized = (family: string) =>
    size === undefined
      ? ""
      : `\\fs${family === ARABIC ? Math.round(size * ARABIC_SCALE) : Math.round(size)}`;
  let out = "";
  let current = font;
  for (const ch of safe) {
    const wanted = familyFor(ch) ?? (/[\s\p{P}\p{N}]/u.test(ch) ? current : font);
    if (wanted !== current) {
      const resize = wanted === ARABIC || current === ARABIC ? sized(wanted) : "";
      out += `{\\fn${wanted}${resize}}`;
      current = wanted;
    }
    out += ch;
  }
  if (current === font) return out;
  return `${out}{\\fn${font}${current === ARABIC ? sized(font) : ""}}`;
}

/** Lines for the style's layout (pop lines are its 1–3 word groups). */
export function linesFor(opts: CaptionOptions): CaptionLine[] {
  const layout = captionLayout(opts.ratio, opts.width, opts.height, opts.style);
  if (opts.style !== "pop") return captionLines(opts.words, { maxChars: layout.maxChars });
  return captionLines(opts.words, {
    maxChars: Math.min(layout.maxChars, 16),
    maxSeconds: 1.6,
    breakAfterPause: 0.3,
  }).flatMap((line) => {
    const groups: CaptionLine[] = [];
    for (let i = 0; i < line.words.length; i += 3) {
      let words = line.words.slice(i, i + 3);
      // A last emoji joins the words before it rather than popping up alone.
      if (words.length === 1 && symbolOnly(words[0].word) && i > 0) {
        groups.pop();
        words = line.words.slice(i - 3, i + 1);
      }
      groups.push({
        text: words.map((w) => w.word).join(" "),
        start: words[0].start,
        end: words.at(-1)!.end,
        words,
      });
    }
    return groups;
  });
}

/** When a line leaves the screen: after its last word, held briefly, never into the next. */
function lineEnd(lines: CaptionLine[], i: number, hold: number): number {
  const next = lines[i + 1]?.start ?? Number.POSITIVE_INFINITY;
  return Math.min(next, Math.max(lines[i].end + hold, lines[i].start + 0.5));
}

const ACCENT = "#FFD400";

/**
 * The captions' text and highlight colours. Captions sit on a black outline or a dark box,
 * so a dark text colour (a navy or teal brand colour) would all but vanish there: below a
 * 4.5:1 contrast with black the words are white. A highlight too close to the text colour
 * (a yellow text) would not show which word is spoken: it becomes white.
 */
export function captionColors(
  textColor = "#FFFFFF",
  accentColor?: string,
): { text: string; accent: string } {
  const text = contrast(textColor, "#000000") >= 4.5 ? textColor.toUpperCase() : "#FFFFFF";
  if (accentColor) return { text, accent: accentColor };
  const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const [a, b] = [rgb(text), rgb(ACCENT)];
  const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  return { text, accent: distance < 120 ? "#FFFFFF" : ACCENT };
}

/** A whole ASS script for the words, in the style, for a video of this format and size. */
export function buildAss(opts: CaptionOptions): { ass: string; lines: CaptionLine[] } {
  const font = FONTS[opts.font ?? "inter"];
  const layout = captionLayout(opts.ratio, opts.width, opts.height, opts.style);
  const colors = captionColors(opts.textColor, opts.accentColor);
  const text = assColor(colors.text);
  const accent = colors.accent;
  const boxed = opts.style === "boxed";
  const outline = Math.max(1, Math.round(layout.fontSize * (boxed ? 0.28 : 0.09)));
  const style = [
    "Caption",
    font.family,
    layout.fontSize,
    text,
    text,
    boxed ? assColor(opts.boxColor ?? "#000000", 0x66) : assColor("#000000"),
    assColor("#000000", 0x80),
    font.weight >= 600 ? -1 : 0,
    0,
    0,
    0,
    100,
    100,
    0,
    0,
    boxed ? 3 : 1,
    outline,
    0,
    2,
    layout.marginL,
    layout.marginR,
    layout.marginV,
    // -1: libass picks each line's base direction from its first strong letter, so an
    // Arabic or Hebrew line reads right to left with its emoji and punctuation at its end.
    -1,
  ].join(",");
  const lines = linesFor(opts);
  const events: string[] = [];
  const dialogue = (start: number, end: number, body: string) => {
    if (end - start >= 0.01)
      events.push(`Dialogue: 0,${assTime(start)},${assTime(end)},Caption,,0,0,0,,${body}`);
  };
  lines.forEach((line, i) => {
    const end = lineEnd(lines, i, opts.style === "pop" ? 0.15 : 0.3);
    // A word longer than the line's room is set smaller, never cut off.
    const longest = Math.max(...line.words.map((w) => [...w.word].length), [...line.text].length);
    const room = opts.style === "pop" ? Math.min(layout.maxChars, 16) : layout.maxChars;
    const size =
      longest > room
        ? Math.max(8, Math.floor((layout.fontSize * room) / longest))
        : layout.fontSize;
    const shrink = size < layout.fontSize ? `{\\fs${size}}` : "";
    const said = (t: string) => assText(t, font.family, size);
    if (opts.style === "karaoke") {
      line.words.forEach((word, k) => {
        const from = k === 0 ? line.start : word.start;
        const to = k === line.words.length - 1 ? end : line.words[k + 1].start;
        const body = line.words
          .map((w, j) =>
            j === k ? `{\\c${assColor(accent)}}${said(w.word)}{\\c${text}}` : said(w.word),
          )
          .join(" ");
        dialogue(from, to, shrink + body);
      });
    } else if (opts.style === "pop") {
      dialogue(
        line.start,
        end,
        `${shrink}{\\fscx80\\fscy80\\t(0,120,\\fscx100\\fscy100)}${said(line.text)}`,
      );
    } else dialogue(line.start, end, shrink + said(line.text));
  });
  const ass = [
    "[Script Info]",
    "ScriptType: v4.00+",
    `PlayResX: ${opts.width}`,
    `PlayResY: ${opts.height}`,
    // Lines are broken here, not by libass: 2 = no automatic wrapping.
    "WrapStyle: 2",
    "ScaledBorderAndShadow: yes",
    "YCbCr Matrix: TV.709",
    "",
    "[V4+ Styles]",
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
    `Style: ${style}`,
    "",
    "[Events]",
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ...events,
    "",
  ].join("\n");
  return { ass, lines };
}
