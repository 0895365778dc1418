// Clips on Replicate: Stable Video Diffusion (default; animates the image, ignores the scene
// prompt, so followsPrompt is false) or Kling v2.1 (REPLICATE_VIDEO_MODEL=kling-v2.1; follows
// the scene prompt and camera words). Motion intensity maps to SVD's motion_bucket_id, and to
// Kling's prompt wording (it has no motion input).
import { env } from "../../env";
import type { AspectRatio } from "../../media/formats";
import { actualCost, MODELS } from "../prices";
import type { CallRecord, ClipInput, ClipOutput, ProviderResult, VideoProvider } from "../types";
import { conformClip } from "./conform";
import { downloadOutput } from "./outputs";
import { modelVersionOf, type Prediction } from "./prediction-shape";
import { runPrediction } from "./run-prediction";
import { uploadInput } from "./upload";

export const videoModelId = () => env.REPLICATE_VIDEO_MODEL;
export const videoFollowsPrompt = () => videoModelId() !== "stable-video-diffusion";

const SVD_FRAMES = 25;
const CAMERA_WORDS: Record<ClipInput["cameraMovement"], string> = {
  static: "locked-off static camera",
  zoom_in: "camera slowly zooms in",
  zoom_out: "camera slowly zooms out",
  pan_left: "camera pans left",
  pan_right: "camera pans right",
  tilt_up: "camera tilts up",
  tilt_down: "camera tilts down",
  orbit: "camera orbits around the product",
};

/** 0–1 → SVD's motion_bucket_id 1–255 (127, its default, at 0.5). */
export const motionBucket = (intensity: number) =>
  Math.round(1 + Math.min(1, Math.max(0, intensity)) * 252);

function motionWords(intensity: number): string {
  return intensity < 0.34
    ? "subtle, gentle motion"
    : intensity < 0.67
      ? "smooth, moderate motion"
      : "dynamic, energetic motion";
}

function modelInput(input: ClipInput, imageUrl: string): Record<string, unknown> {
  if (videoModelId() === "kling-v2.1") {
    return {
      start_image: imageUrl,
      prompt:
        `${input.scenePrompt || "Product shot"}. ${CAMERA_WORDS[input.cameraMovement]}, ${motionWords(input.motionIntensity)}.`.slice(
          0,
          2500,
        ),
      negative_prompt: "blurry, distorted product, warped text, extra objects",
      duration: 5,
      mode: "standard",
    };
  }
  // 25 frames played at the rate that makes them last at least the asked duration.
  const fps = Math.max(5, Math.min(30, Math.floor(SVD_FRAMES / input.durationSeconds)));
  return {
    input_image: imageUrl,
    video_length: "25_frames_with_svd_xt",
    sizing_strategy: "maintain_aspect_ratio",
    frames_per_second: fps,
    motion_bucket_id: motionBucket(input.motionIntensity),
    cond_aug: 0.02,
    decoding_t: 14,
    seed: input.seed,
  };
}

/** A succeeded clip prediction as the pipeline's output + cost row (the webhook uses it too). */
export async function clipFromPrediction(
  p: Prediction,
  opts: {
    aspectRatio: AspectRatio;
    durationSeconds: number;
    workDir: string;
    latencyMs: number;
    signal?: AbortSignal;
  },
): Promise<ProviderResult<ClipOutput>> {
  const id = videoModelId();
  const price = MODELS[id];
  const file = await downloadOutput(
    p.output,
    "video",
    "video",
    opts.workDir,
    `clip-${p.id}`,
    opts.signal,
  );
  const filePath = await conformClip(file.filePath, opts);
  const billedSeconds = Number(p.input?.duration ?? 5);
  const call: CallRecord = {
    amountUsd: actualCost(price, {
      outputSeconds: billedSeconds,
      predictSeconds: p.metrics?.predict_time,
    }),
    provider: "replicate",
    model: id,
    modelVersion: modelVersionOf(p, price.replicate!.model),
    predictionId: p.id,
    secondsProcessed: price.unit === "second" ? billedSeconds : p.metrics?.predict_time,
    latencyMs: opts.latencyMs,
    metadata: {
      replicateModel: price.replicate!.model,
      followsPrompt: id !== "stable-video-diffusion",
      predictTime: p.metrics?.predict_time,
    },
  };
  return { output: { filePath, mimeType: "video/mp4" }, call };
}

export const replicateVideo: VideoProvider = {
  get followsPrompt() {
    return videoFollowsPrompt();
  },
  async generateClip(input, ctx) {
    const started = Date.now();
    const price = MODELS[videoModelId()];
    const imageUrl = ctx.existingPredictionId
      ? ""
      : await uploadInput(input.imagePath, "video", ctx.signal);
    return runPrediction(
      {
        model: price.replicate!.model,
        version: price.replicate!.version,
        input: modelInput(input, imageUrl),
        what: "video",
        deadlineSeconds: 600,
        webhook: true,
      },
      ctx,
      (p) =>
        clipFromPrediction(p, {
          ...input,
          workDir: ctx.workDir,
          latencyMs: Date.now() - started,
          signal: ctx.signal,
        }),
    );
  },
};
