// Music for an ad of `d` seconds. Normally the bed was made as long as the ad (the compose
// job asks for the voiced length) and plays once. When it is shorter — music reused from an
// earlier, shorter edit, or a provider that returned less than asked — it is repeated with
// an equal-power crossfade at each join: a hard loop (-stream_loop) cuts mid-bar and clicks,
// an audible seam; a crossfade of two stretches of the same bed reads as one phrase.

/** Longest crossfade at a join, seconds (at most a third of the bed). */
const JOIN_SECONDS = 1.5;
const MAX_COPIES = 24;

export type MusicBed = {
  /** ffmpeg input arguments for the music file. */
  inputArgs: string[];
  /** Filter chains that must come first (the joins); may be empty. */
  chains: string[];
  /** The start of the chain the caller continues with `,filter…`. */
  head: string;
  /** Joins made (0: played once). */
  joins: number;
};

/**
 * The bed as input `index` (and the next ones, one per copy: it must be the last input),
 * formatted by `fmt`. `musicSeconds` undefined (not measured): the
 * file is looped as before (-stream_loop), the caller trims it.
 */
export function musicBed(
  path: string,
  index: number,
  fmt: string,
  musicSeconds: number | undefined,
  d: number,
): MusicBed {
  if (musicSeconds === undefined || !(musicSeconds > 0))
    return {
      inputArgs: ["-stream_loop", "-1", "-i", path],
      chains: [],
      head: `[${index}:a]${fmt}`,
      joins: 0,
    };
  const inputArgs = ["-i", path];
  // apad: a bed a few milliseconds short is padded, not looped.
  if (musicSeconds >= d - 0.05)
    return { inputArgs, chains: [], head: `[${index}:a]${fmt},apad`, joins: 0 };
  const c = Math.min(JOIN_SECONDS, musicSeconds / 3);
  const copies = Math.min(MAX_COPIES, Math.ceil((d - c) / (musicSeconds - c)));
  // One input per copy: the shipped 2018 ffmpeg crashes on asplit feeding chained acrossfades.
  const parts = Array.from({ length: copies }, (_, k) => `[mb${k}]`);
  const chains = parts.map((p, k) => `[${index + k}:a]${fmt},asetpts=N/SR/TB${p}`);
  let last = parts[0];
  for (let k = 1; k < copies; k++) {
    const out = `[mj${k}]`;
    chains.push(`${last}${parts[k]}acrossfade=d=${c.toFixed(3)}:c1=qsin:c2=qsin${out}`);
    last = out;
  }
  return {
    inputArgs: parts.flatMap(() => ["-i", path]),
    chains,
    head: `${last}apad`,
    joins: copies - 1,
  };
}
