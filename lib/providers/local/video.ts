// VideoProvider without a model: a real camera move over the still, rendered by ffmpeg at
// the session's output size, 30 fps, in the shared clip encoding (videoEncodeArgs, video
// only), so composition uses the clip as it is — cut and stream-copied, never re-encoded.
// It does not read the scene prompt (followsPrompt: false); the planner's camera movement
// and motion intensity drive it. Same input, same frames: the only randomness is the seed's.
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { runFfmpeg } from "../../media/ffmpeg";
import { FPS, videoEncodeArgs } from "../../media/formats";
import { CAMERA_MOVEMENTS, type ClipInput, ProviderError, type VideoProvider } from "../types";
import { LOCAL_MODELS, localCall, throwIfAborted } from "./call";
import { cameraFilter } from "./camera/filter";
import { keepInside, planCamera } from "./camera/moves";
import { createRng, hashString, mixSeed } from "./seeded";

const MIN_SECONDS = 0.5;
const MAX_SECONDS = 30;
const MAX_SIDE = 4096;

function validate(input: ClipInput): void {
  const bad = (why: string) => new ProviderError(`Cannot render this clip: ${why}.`, "permanent");
  if (!CAMERA_MOVEMENTS.includes(input.cameraMovement))
    throw bad(`unknown camera movement "${input.cameraMovement}"`);
  if (!(input.durationSeconds >= MIN_SECONDS && input.durationSeconds <= MAX_SECONDS)) {
    throw bad(`the duration must be ${MIN_SECONDS}–${MAX_SECONDS} s, got ${input.durationSeconds}`);
  }
  for (const [name, v] of [
    ["width", input.width],
    ["height", input.height],
  ] as const) {
    if (!Number.isInteger(v) || v < 16 || v > MAX_SIDE || v % 2)
      throw bad(`the ${name} must be an even whole number from 16 to ${MAX_SIDE}, got ${v}`);
  }
}

/** The source as exactly one output frame of raw RGB: upright (EXIF), alpha on black, cover-cropped. */
async function sourceFrame(input: ClipInput, file: string): Promise<void> {
  let pixels: Buffer;
  try {
    pixels = await sharp(input.imagePath, { failOn: "error" })
      .rotate()
      .resize(input.width, input.height, { fit: "cover", position: "centre", kernel: "lanczos3" })
      .flatten({ background: "#000000" })
      .removeAlpha()
      .raw()
      .toBuffer();
  } catch (err) {
    throw new ProviderError(
      `The source image of this clip cannot be read (${err instanceof Error ? err.message : String(err)}).`,
      "permanent",
    );
  }
  await writeFile(file, pixels);
}

export async function renderCameraClip(
  input: ClipInput,
  workDir: string,
  opts: { signal?: AbortSignal; binary?: string } = {},
): Promise<{ filePath: string; frames: number }> {
  validate(input);
  const { width: W, height: H } = input;
  const frames = Math.round(input.durationSeconds * FPS);
  const intensity = Number.isFinite(input.motionIntensity)
    ? Math.min(1, Math.max(0, input.motionIntensity))
    : 0.5;
  const rng = createRng(mixSeed(input.seed, "camera", input.cameraMovement));
  const cam = keepInside(
    planCamera(input.cameraMovement, intensity, input.durationSeconds, rng),
    W,
    H,
    frames,
  );

  const id = hashString(
    JSON.stringify([input.imagePath, input.cameraMovement, intensity, frames, W, H, input.seed]),
  ).toString(36);
  const raw = path.join(workDir, `camera-${id}.rgb`);
  const filePath = path.join(workDir, `clip-${input.cameraMovement}-${id}.mp4`);
  try {
    await sourceFrame(input, raw);
    throwIfAborted(opts.signal);
    await runFfmpeg(
      [
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-video_size",
        `${W}x${H}`,
        "-framerate",
        String(FPS),
        "-i",
        raw,
        "-vf",
        cameraFilter(cam, W, H, frames),
        "-frames:v",
        String(frames),
        // ultrafast: a slow move over one still is the easiest content there is; the slower
        // presets' analysis bought nothing visible and cost ~0.7 s of CPU per 3 s clip at
        // 1080×1920 (a sixth of the clip). The CRF keeps the quality; the bitrate rises to
        // ~3.5 Mbit/s, within what the platforms recommend for 1080p.
        ...videoEncodeArgs({ preset: "ultrafast" }),
        "-an",
        filePath,
      ],
      {
        signal: opts.signal,
        binary: opts.binary,
        durationSeconds: input.durationSeconds,
        timeoutMs: 120_000 + input.durationSeconds * 60_000,
      },
    );
  } finally {
    await rm(raw, { force: true });
  }
  return { filePath, frames };
}

export const localVideo: VideoProvider = {
  followsPrompt: false,
  generateClip(input, ctx) {
    return localCall(LOCAL_MODELS.video, ctx, async () => {
      const { filePath, frames } = await renderCameraClip(input, ctx.workDir, {
        signal: ctx.signal,
      });
      return {
        output: { filePath, mimeType: "video/mp4" as const },
        secondsProcessed: input.durationSeconds,
        metadata: {
          cameraMovement: input.cameraMovement,
          motionIntensity: input.motionIntensity,
          frames,
          width: input.width,
          height: input.height,
        },
      };
    });
  },
};
