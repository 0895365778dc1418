// One format's captions: the words at their times in the ad (the placed voice's, or the
// script on a reading schedule), set as an ASS script for that format's size and safe area,
// and the ass filter that burns it in. The lines also make the SRT and WebVTT files.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { WordTiming } from "../../providers/types";
import type { CompositionSpec } from "../composition-spec";
import type { AspectRatio } from "../formats";
import { buildAss } from "./ass";
import { assFilter } from "./fonts-dir";
import type { CaptionLine } from "./lines";

/** Bump when the same words would be drawn differently (fonts, layout, ASS styles). */
const CAPTIONS_VERSION = 1;

export type FormatCaptions = {
  /** The `ass` filter for the ASS file. */
  filter: string;
  assPath: string;
  lines: CaptionLine[];
  /** What the drawn captions depend on (part of a captioned piece's cache key). */
  key: string;
  /** Where lines show, in seconds of the ad (a line stays a little after its last word). */
  spans: { start: number; end: number }[];
};

export async function formatCaptions(
  spec: CompositionSpec,
  words: WordTiming[],
  ratio: AspectRatio,
  size: { width: number; height: number },
  dir: string,
): Promise<FormatCaptions | undefined> {
  if (!spec.captions || words.length === 0) return undefined;
  const { ass, lines } = buildAss({
    words,
    style: spec.captions.style,
    ratio,
    ...size,
    font: spec.font,
    textColor: spec.textColor,
    accentColor: spec.captions.accentColor,
  });
  const assPath = path.join(dir, `captions-${ratio.replace(":", "x")}.ass`);
  await writeFile(assPath, ass);
  const spans = lines.map((l, i) => ({
    start: l.start,
    end: Math.min(
      lines[i + 1]?.start ?? Number.POSITIVE_INFINITY,
      Math.max(l.end + 0.35, l.start + 0.55),
    ),
  }));
  return {
    filter: await assFilter(assPath),
    assPath,
    lines,
    spans,
    key: createHash("sha256")
      .update(JSON.stringify([CAPTIONS_VERSION, ass]))
      .digest("hex")
      .slice(0, 32),
  };
}
