// Model clips come at the model's size, frame rate and length (Kling: 5 s at 24 fps). The
// pipeline wants the session's format in the shared encoding and the asked duration, so the
// download is normalised (unless it already fits) and cut on a keyframe to the asked length.
import { availableParallelism } from "node:os";
import path from "node:path";
import { binaries } from "../../media/binaries";
import { inspectClip } from "../../media/clip-info";
import { runFfmpeg } from "../../media/ffmpeg";
import type { AspectRatio } from "../../media/formats";
import { prepareClip } from "../../media/normalize";
import { ProviderError } from "../types";

type ConformOptions = {
  aspectRatio: AspectRatio;
  durationSeconds: number;
  workDir: string;
  signal?: AbortSignal;
};

// ffprobe/ffmpeg are CPU work, and starting each one stalls this whole process while the
// kernel copies its page tables (tens of ms on a loaded machine). With dozens of clips
// finishing together, running them all at once starved everything else in the process
// (prediction creates, polls, progress events) without finishing any sooner: one per core.
let running = 0;
const waiting: (() => void)[] = [];

export async function conformClip(downloaded: string, opts: ConformOptions): Promise<string> {
  if (running >= availableParallelism()) {
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        opts.signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        waiting.splice(waiting.indexOf(go), 1);
        reject(opts.signal?.reason ?? new ProviderError("Cancelled.", "permanent"));
      };
      waiting.push(go);
      opts.signal?.addEventListener("abort", onAbort, { once: true });
    });
  } else running++;
  try {
    return await conform(downloaded, opts);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

async function conform(downloaded: string, opts: ConformOptions): Promise<string> {
  let prepared: Awaited<ReturnType<typeof prepareClip>>;
  try {
    prepared = await prepareClip(downloaded, opts.aspectRatio, {
      workDir: opts.workDir,
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? err;
    throw new ProviderError(
      "The video model returned an unusable file (it cannot be read as a video). Retry to generate it again.",
      "permanent",
    );
  }
  if (prepared.info.durationSeconds < opts.durationSeconds - 0.25) {
    throw new ProviderError(
      `The video model returned a ${prepared.info.durationSeconds.toFixed(1)} s clip, shorter than the ${opts.durationSeconds} s asked. Retry, or choose a shorter clip length.`,
      "permanent",
    );
  }
  if (prepared.info.durationSeconds <= opts.durationSeconds + 0.05) return prepared.path;
  const out = path.join(opts.workDir, "clip-trimmed.mp4");
  // Keyframes every 0.5 s (videoEncodeArgs): a stream copy cut at 2, 3 or 4 s is exact.
  await runFfmpeg(
    [
      "-i",
      prepared.path,
      "-t",
      String(opts.durationSeconds),
      "-c",
      "copy",
      "-an",
      "-movflags",
      "+faststart",
      out,
    ],
    {
      signal: opts.signal,
      timeoutMs: 60_000,
    },
  );
  // Read its facts now, from its boxes (same encoding, fewer frames): whoever saves the clip
  // next finds them in the inspection cache instead of starting ffprobe.
  const { avcC, width, height } = prepared.info;
  if (avcC)
    await inspectClip(out, binaries().ffprobe, opts.signal, undefined, { avcC, width, height });
  return out;
}
