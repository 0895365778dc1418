// The end card's background: the last clip's final frame, blurred and darkened, as one raw
// yuv420p frame. It depends on that clip and the size, not on the words on the card, so it
// is made once — in the cache, ahead of any compose when the edit is prepared — and every
// compose reads it instead of decoding and blurring the frame again.
import { createHash, randomBytes } from "node:crypto";
import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { cardBackgroundFilter } from "./args/render-range";
import type { ClipInfo } from "./clip-info";
import { FPS } from "./formats";
import { sharedWork } from "./shared-work";
import { framesToSeconds } from "./timeline";

/** Bump when the look of the background changes. */
const CARD_VERSION = 1;

const inFlight = new Map<string, Promise<string>>();

/**
 * The background's file in `dir` (made if missing). `run` runs ffmpeg with the caller's
 * binary, pool and cancellation.
 */
export async function cardBackground(
  clip: { path: string; info: ClipInfo },
  size: { width: number; height: number },
  dir: string,
  run: (args: string[]) => Promise<void>,
  opts: { signal?: AbortSignal; lowPriority?: boolean } = {},
): Promise<string> {
  const { width: W, height: H } = size;
  const key = createHash("sha256")
    .update(JSON.stringify([CARD_VERSION, clip.info.hash, clip.info.frames, W, H]))
    .digest("hex")
    .slice(0, 32);
  const file = path.join(dir, `card-${key}.yuv`);
  return sharedWork(
    inFlight,
    file,
    async () => {
      const st = await stat(file).catch(() => undefined);
      if (st?.size === (W * H * 3) / 2) return file;
      const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        await run([
          ...(clip.info.frames > 1 ? ["-ss", framesToSeconds(clip.info.frames - 1, FPS)] : []),
          "-i",
          clip.path,
          "-map",
          "0:v:0",
          "-vf",
          `trim=end_frame=1,setsar=1,format=yuv420p,${cardBackgroundFilter(W, H)}`,
          "-frames:v",
          "1",
          "-f",
          "rawvideo",
          "-pix_fmt",
          "yuv420p",
          tmp,
        ]);
        await rename(tmp, file);
      } finally {
        await rm(tmp, { force: true });
      }
      return file;
    },
    opts,
  );
}
