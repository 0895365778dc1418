// A thin wrapper around the ffmpeg child process: arguments in, promise out. The process is
// killed on timeout or abort; progress is parsed from `-progress pipe:1`.
import { spawn } from "node:child_process";
import os from "node:os";
import { binaries } from "./binaries";

export type FfmpegOptions = {
  /** Kill the process after this many milliseconds. Default 10 minutes. */
  timeoutMs?: number;
  /** Expected output duration, to turn ffmpeg's out_time into a 0–1 fraction. */
  durationSeconds?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Override the binary (tests force the shipped 2018 build with this). */
  binary?: string;
  /** Scheduling niceness (0–19): background work runs above 0 so it yields the CPU to what a user waits for. */
  niceness?: number;
};

/** Runs ffmpeg with the caller's binary, pool and cancellation (a compose's or a preparation's). */
export type Runner = (
  args: string[],
  extra?: { durationSeconds?: number; onProgress?: (f: number) => void },
) => Promise<void>;

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly code: number | null,
  ) {
    super(message);
    this.name = "FfmpegError";
  }
}

export function runFfmpeg(args: string[], opts: FfmpegOptions = {}): Promise<void> {
  const bin = opts.binary ?? binaries().ffmpeg;
  const full = [
    "-hide_banner",
    "-nostdin",
    "-y",
    "-loglevel",
    "error",
    "-progress",
    "pipe:1",
    "-nostats",
    ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, full, { stdio: ["ignore", "pipe", "pipe"] });
    if (opts.niceness && child.pid) {
      try {
        os.setPriority(child.pid, opts.niceness);
      } catch {
        // not allowed here: it runs at normal priority, which is only slower for others
      }
    }
    let stderr = "";
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      if (err) reject(err);
      else resolve();
    };
    const kill = (why: string) => {
      child.kill("SIGKILL");
      finish(new FfmpegError(why, stderr, null));
    };
    const onAbort = () => kill("ffmpeg was cancelled");
    const timer = setTimeout(
      () => kill(`ffmpeg took longer than ${opts.timeoutMs ?? 600_000} ms`),
      opts.timeoutMs ?? 600_000,
    );
    opts.signal?.addEventListener("abort", onAbort);
    if (opts.signal?.aborted) onAbort();

    // `-progress` writes key=value lines; a chunk may end mid-line, so keep the tail.
    let partial = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (!opts.onProgress || !opts.durationSeconds) return;
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
        if (m) opts.onProgress(Math.min(1, Number(m[1]) / 1e6 / opts.durationSeconds));
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    child.on("error", (err) =>
      finish(new FfmpegError(`ffmpeg could not start: ${err.message}`, stderr, null)),
    );
    child.on("close", (code) => {
      if (code === 0) finish();
      else
        finish(
          new FfmpegError(
            `ffmpeg failed (exit ${code}): ${stderr.trim().split("\n").slice(-3).join(" | ")}`,
            stderr,
            code,
          ),
        );
    });
  });
}
