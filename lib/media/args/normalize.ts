// ffmpeg arguments that bring any clip to an output format in the shared encoding: scaled
// to fill (crop) or fit inside (pad, black bars) the frame, square pixels, constant 30 fps,
// video only. Sizes are computed here from the probed input, so the filter needs no
// expressions (and no escaping) and behaves the same on every ffmpeg version.

export type Fit = "crop" | "pad";

export function normalizeFilter(
  input: { width: number; height: number; displayAspect: number },
  target: { width: number; height: number },
  fit: Fit,
  fps: number,
): string {
  const { width: W, height: H } = target;
  const aspect = input.displayAspect > 0 ? input.displayAspect : input.width / input.height;
  // crop: cover the frame then cut the overflow; pad: fit inside then add bars.
  const byWidth = fit === "crop" ? aspect < W / H : aspect > W / H;
  const clamp = fit === "crop" ? Math.max : Math.min; // rounding must not undershoot/overshoot
  const sw = byWidth ? W : clamp(W, even(H * aspect));
  const sh = byWidth ? clamp(H, even(W / aspect)) : H;
  const frame =
    fit === "crop"
      ? `crop=${W}:${H}:${Math.floor((sw - W) / 4) * 2}:${Math.floor((sh - H) / 4) * 2}`
      : `pad=${W}:${H}:${Math.floor((W - sw) / 4) * 2}:${Math.floor((H - sh) / 4) * 2}:black`;
  return `scale=${sw}:${sh}:flags=bicubic,${frame},setsar=1,fps=${fps},format=yuv420p`;
}

export function normalizeArgs(inputPath: string, filter: string, encode: string[], output: string): string[] {
  return ["-i", inputPath, "-map", "0:v:0", "-vf", filter, ...encode, "-an", "-sn", "-dn", output];
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
