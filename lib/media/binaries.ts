// Which ffmpeg and ffprobe to run, decided once: FFMPEG_PATH/FFPROBE_PATH, else a system
// binary on PATH (usually newer and faster), else the static builds shipped in npm packages.
import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, constants, statSync } from "node:fs";
import { createRequire } from "node:module";
import { env } from "../env";

const require = createRequire(import.meta.url);

function onPath(name: string): string | undefined {
  try {
    return (
      execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

function executable(file: string): string {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    chmodSync(file, statSync(file).mode | 0o755); // npm may have skipped the package's chmod
  }
  return file;
}

export function shippedFfmpeg(): string {
  return executable((require("@ffmpeg-installer/ffmpeg") as { path: string }).path);
}

export function shippedFfprobe(): string {
  return executable((require("@ffprobe-installer/ffprobe") as { path: string }).path);
}

/** The rule: the configured path, else the one on PATH, else the shipped build. */
export function chooseBinary(
  name: "ffmpeg" | "ffprobe",
  configured: string | undefined,
  lookup = onPath,
): string {
  return configured ?? lookup(name) ?? (name === "ffmpeg" ? shippedFfmpeg() : shippedFfprobe());
}

let chosen: { ffmpeg: string; ffprobe: string } | undefined;

export function binaries(): { ffmpeg: string; ffprobe: string } {
  chosen ??= {
    ffmpeg: chooseBinary("ffmpeg", env.FFMPEG_PATH),
    ffprobe: chooseBinary("ffprobe", env.FFPROBE_PATH),
  };
  return chosen;
}
