// The end card's background: the last clip's final frame, blurred and darkened, as one raw
// yuv420p frame. It depends on that clip and the size, not on the words on the card, so it
// is made once — in the cache, ahead of any compose when the edit is prepared — and every
// compose reads it instead of decoding and blurring the frame again. A compose with nothing
// prepared does not wait for it: its pieces make the background in their own filter graph.
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

type Size = { width: number; height: number };

function backgroundPath(clip: { info: ClipInfo }, { width: W, height: H }: Size, dir: string) {
  const key = createHash("sha256")
    .update(JSON.stringify([CARD_VERSION, clip.info.hash, clip.info.frames, W, H]))
    .digest("hex")
    .slice(0, 32);
  return path.join(dir, `card-${key}.yuv`);
}

/** The background's file in `dir` if it was made already (whole), else undefined. */
export async function preparedCardBackground(
  clip: { info: ClipInfo },
  size: Size,
  dir: string,
): Promise<string | undefined> {
  const file = backgroundPath(clip, size, dir);
  const st = await stat(file).catch(() => undefined);
  return st?.size === (size.width * size.height * 3) / 2 ? file : undefined;
}

/**
 * The background's file in `dir` (made if missing). `run` runs ffmpeg with the caller's
 * binary, pool and cancellation.
 */
export async function cardBackground(
  clip: { path: string; info: ClipInfo },
  size: Size,
  dir: string,
  run: (args: string[]) => Promise<void>,
  opts: { signal?: AbortSignal; lowPriority?: boolean } = {},
): Promise<string> {
  const { width: W, height: H } = size;
  const file = backgroundPath(clip, size, dir);
  return sharedWork(
    inFlight,
    file,
    async () => {
      if (await preparedCardBackground(clip, size, dir)) return file;
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
