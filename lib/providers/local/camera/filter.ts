// The ffmpeg side of a camera move: one still frame, repeated, seen through a moving window.
// The `perspective` filter does the moving: it maps any quadrilateral of the source onto the
// frame with sub-pixel precision, so slow moves glide instead of stepping a whole pixel at a
// time (zoompan's failing), and a keystone or roll costs nothing extra. Bilinear, not cubic:
// the window is never smaller than the frame by much (zoom ≤ ~1.35), so cubic's sharpness is
// invisible, and it cost twice the time of the whole clip's encode. It exists, with per-frame evaluation and the same 1-based frame counter
// `on`, in the 2018 static build and in current releases.
import { FPS } from "../../../media/formats";
import { type Camera, corners } from "./moves";

export function cameraFilter(cam: Camera, W: number, H: number, frames: number): string {
  // `on` is 1 for the first frame on every version checked (2018 static build, 5.1, current).
  const p = frames > 1 ? `((on-1)/${frames - 1})` : "0";
  const [tl, tr, bl, br] = corners(cam, W, H);
  const quad = [tl, tr, bl, br]
    .flatMap((c, i) => [`x${i}='${c.x.expr(p)}'`, `y${i}='${c.y.expr(p)}'`])
    .join(":");
  return [
    "format=yuv420p",
    `loop=loop=${frames - 1}:size=1:start=0`,
    `setpts=N/(${FPS}*TB)`,
    `perspective=${quad}:interpolation=linear:sense=source:eval=frame`,
    "setsar=1",
  ].join(",");
}
