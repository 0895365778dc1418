// The last check of a rendered ad, whichever way it was made: its frame count and every
// frame's timestamp. Catches a bad join (dropped, doubled or shifted frames) before anyone
// sees it. Read from the file's sample tables; ffprobe when they hold anything unexpected.
import { inspectClip } from "./clip-info";
import { FPS, TRACK_TIMESCALE } from "./formats";
import { readVideoIndex } from "./mp4-index";

export async function checkOutput(
  file: string,
  totalFrames: number,
  ffprobe: string,
  signal: AbortSignal,
): Promise<{ problem?: string; durationSeconds: number }> {
  const wrongCount = (frames: number) =>
    frames !== totalFrames ? `${frames} frames instead of ${totalFrames}` : undefined;
  const index = await readVideoIndex(file);
  if (
    index &&
    !index.reordered &&
    index.timescale === TRACK_TIMESCALE &&
    index.frameDuration === TRACK_TIMESCALE / FPS
  )
    return { problem: wrongCount(index.frames), durationSeconds: index.durationSeconds };
  const info = await inspectClip(file, ffprobe, signal);
  const problem =
    wrongCount(info.frames) ?? (info.notShared?.startsWith("frame ") ? info.notShared : undefined);
  return { problem, durationSeconds: info.durationSeconds };
}
