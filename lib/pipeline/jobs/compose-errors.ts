// What a marketer reads when a composition fails: what happened, that nothing made so far is
// lost, and what to do next. The technical cause goes to the log, not to the page.
import { statfs } from "node:fs/promises";
import { CompositionSpecError } from "../../media/composition-spec";
import { FfmpegError } from "../../media/ffmpeg";
import { ProviderError } from "../../providers/types";
import { StorageNotFoundError } from "../../storage";

/** Below this much free space, a failed compose is put down to the disk (1080p renders need tens of MB). */
const LOW_DISK_BYTES = 64 * 1024 * 1024;

/**
 * Whether any of these folders' filesystems is (nearly) full. Some ffmpeg builds exit 0 when
 * a write fails, so the error that surfaces later ("moov atom not found") does not say why.
 */
export async function lowOnDisk(dirs: string[]): Promise<boolean> {
  const free = await Promise.all(
    dirs.map((d) =>
      statfs(d).then(
        (s) => s.bavail * s.bsize,
        () => Infinity,
      ),
    ),
  );
  return free.some((bytes) => bytes < LOW_DISK_BYTES);
}

export function composeFailureMessage(err: unknown, diskLow = false): string {
  const text =
    err instanceof FfmpegError
      ? `${err.message}\n${err.stderr}`
      : err instanceof Error
        ? err.message
        : String(err);
  if (diskLow || /ENOSPC|No space left on device/i.test(text)) {
    return "The server ran out of disk space while making your video. Your clips and settings are kept: retry in a few minutes.";
  }
  if (err instanceof FfmpegError && err.code === null && /longer than/.test(err.message)) {
    return "Making your video took too long and was stopped. Your clips and settings are kept: retry, or ask for fewer formats at once.";
  }
  if (
    err instanceof StorageNotFoundError ||
    (err instanceof Error && err.name === "MissingClipError")
  ) {
    return "One of the approved clips is missing, so the video could not be made. Regenerate that clip or approve other clips, then compose again.";
  }
  if (err instanceof CompositionSpecError) {
    return `The video settings could not be used (${err.issues.join("; ")}). Change them and compose again.`;
  }
  if (err instanceof ProviderError) return err.message; // the music step says what went wrong
  return "Your video could not be put together. Your clips and settings are kept: retry, or change the text or music and compose again.";
}
