// SRT and WebVTT files beside each final video: one cue per caption line, timed by its
// words, so players and platforms that take a captions file show what the voice says.
import type { CaptionLine } from "./lines";

function clock(seconds: number, separator: "," | "."): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** A cue must last long enough to be seen: at least this long, never into the next. */
const MIN_CUE_SECONDS = 0.5;

function cueTimes(lines: CaptionLine[]): { start: number; end: number; text: string }[] {
  return lines.map((line, i) => {
    const next = lines[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    const end = Math.min(next, Math.max(line.end, line.start + MIN_CUE_SECONDS));
    return { start: line.start, end, text: line.text.replace(/\r?\n/g, " ") };
  });
}

export function toSrt(lines: CaptionLine[]): string {
  return cueTimes(lines)
    .map((c, i) => `${i + 1}\n${clock(c.start, ",")} --> ${clock(c.end, ",")}\n${c.text}\n`)
    .join("\n");
}

export function toVtt(lines: CaptionLine[]): string {
  // "-->" inside a cue would end it early; "&" and "<" are markup in WebVTT.
  const vttText = (t: string) =>
    t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/-->/g, "→");
  const cues = cueTimes(lines).map(
    (c) => `${clock(c.start, ".")} --> ${clock(c.end, ".")}\n${vttText(c.text)}\n`,
  );
  return ["WEBVTT\n", ...cues].join("\n");
}
