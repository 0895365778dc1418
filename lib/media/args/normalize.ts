// ffmpeg arguments that bring any clip to an output format in the shared encoding: scaled
// to fill (crop), fit inside with black bars (pad) or fit inside over a blurred, darkened
// fill of itself (blur), square pixels, constant 30 fps, video only. Sizes are computed here
// from the probed input, so the filter needs no expressions (and no escaping) and behaves
// the same on every ffmpeg version.

export type Fit = "crop" | "pad" | "blur" | "auto";

/**
 * 'auto': crop when the crop keeps at least half of the picture (9:16 → 1:1), otherwise
 * blur (9:16 → 16:9 would keep a third of it, blown up), so the product stays whole.
 */
export function resolveFit(
  fit: Fit,
  inputAspect: number,
  target: { width: number; height: number },
): Exclude<Fit, "auto"> {
  if (fit !== "auto") return fit;
  const out = target.width / target.height;
  return Math.min(inputAspect / out, out / inputAspect) >= 0.5 ? "crop" : "blur";
}

export function normalizeFilter(
  input: { width: number; height: number; displayAspect: number },
  target: { width: number; height: number },
  fitChoice: Fit,
  fps: number,
): string {
  const { width: W, height: H } = target;
  const aspect = input.displayAspect > 0 ? input.displayAspect : input.width / input.height;
  const fit = resolveFit(fitChoice, aspect, target);
  // The frame rate first: after an overlay, fps would drop the last frame (it sees the end
  // of the stream at the last frame's own timestamp).
  const head = `fps=${fps}`;
  const tail = "setsar=1,format=yuv420p";
  const cover = coverCrop(aspect, W, H);
  if (fit === "crop") return `${head},${cover},${tail}`;
  // Fit inside: the side that limits is scaled to the frame, the other rounded down to even.
  const byWidth = aspect > W / H;
  const fw = byWidth ? W : Math.min(W, even(H * aspect));
  const fh = byWidth ? Math.min(H, even(W / aspect)) : H;
  const x = Math.floor((W - fw) / 4) * 2;
  const y = Math.floor((H - fh) / 4) * 2;
  if (fit === "pad")
    return `${head},scale=${fw}:${fh}:flags=bicubic,pad=${W}:${H}:${x}:${y}:black,${tail}`;
  // The fill is blurred at 1/8 size (cheap), then darkened so the picture stands out.
  const sw = even(W / 8);
  const sh = even(H / 8);
  const radius = Math.max(1, Math.min(12, Math.floor(Math.min(sw, sh) / 4) - 1));
  return (
    `${head},split[fill][fit];` +
    `[fill]${coverSmall(input, aspect, W / H, sw, sh)},boxblur=${radius}:2,scale=${W}:${H},eq=brightness=-0.12:saturation=0.8[bg];` +
    `[fit]scale=${fw}:${fh}:flags=bicubic[fg];` +
    `[bg][fg]overlay=x=${x}:y=${y},${tail}`
  );
}

/** Scale to cover the frame, then cut the overflow equally from both sides. */
function coverCrop(aspect: number, W: number, H: number): string {
  const byWidth = aspect < W / H;
  const sw = byWidth ? W : Math.max(W, even(H * aspect));
  const sh = byWidth ? Math.max(H, even(W / aspect)) : H;
  return `scale=${sw}:${sh}:flags=bicubic,crop=${W}:${H}:${Math.floor((sw - W) / 4) * 2}:${Math.floor((sh - H) / 4) * 2}`;
}

/**
 * The part of the input with the frame's shape, cut first and scaled straight down to w×h:
 * the blurred fill never needs the full-size cover (for 9:16 → 16:9 that was a 1920×3414
 * picture per frame, half of the normalisation's filter time).
 */
function coverSmall(
  input: { width: number; height: number },
  aspect: number,
  shape: number,
  w: number,
  h: number,
): string {
  const evenDown = (n: number) => Math.max(2, n - (n % 2));
  const fits = (n: number, max: number) => Math.min(evenDown(max), even(n));
  const cw =
    aspect > shape ? fits((input.width * shape) / aspect, input.width) : evenDown(input.width);
  const ch =
    aspect > shape ? evenDown(input.height) : fits((input.height * aspect) / shape, input.height);
  return `crop=${cw}:${ch}:${Math.floor((input.width - cw) / 4) * 2}:${Math.floor((input.height - ch) / 4) * 2},scale=${w}:${h}`;
}

export function normalizeArgs(
  inputPath: string,
  filter: string,
  encode: string[],
  output: string,
): string[] {
  return ["-i", inputPath, "-map", "0:v:0", "-vf", filter, ...encode, "-an", "-sn", "-dn", output];
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
