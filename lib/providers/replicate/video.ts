// Clips on Replicate. The tier's model follows the scene prompt (Kling 2.5 Turbo Pro,
// Seedance 1 Pro/Lite: the prompt carries the scene, the camera move and the motion); Stable
// Video Diffusion stays selectable (REPLICATE_VIDEO_MODEL=stable-video-diffusion) and is
// labelled: it animates the image and ignores the prompt (motion maps to motion_bucket_id).
// The start image is the ad's own image, already at the ad's aspect ratio; the clip's real
// length is read back with ffprobe and cut to the asked one (./conform.ts).
import type { AspectRatio } from "../../media/formats";
import { actualCost, MODELS, modelIdOf, tierModels } from "../prices";
import type { ClipInput, ClipOutput, ProviderResult, VideoProvider } from "../types";
import { conformClip } from "./conform";
import { withFallback } from "./fallback";
import { downloadOutput } from "./outputs";
import { type Prediction, predictionCall } from "./prediction-shape";
import { runPrediction } from "./run-prediction";
import { uploadInput } from "./upload";

/** Whether the default tier's clip model follows the scene prompt. */
export const videoFollowsPrompt = () =>
  MODELS[tierModels(undefined, "video").primary].followsPrompt ?? false;

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

/** What the clip model reads: the scene, the camera move and how much motion. */
export function clipPrompt(input: ClipInput): string {
  return `${input.scenePrompt || "Product shot"}. ${CAMERA_WORDS[input.cameraMovement]}, ${motionWords(input.motionIntensity)}.`.slice(
    0,
    2500,
  );
}

function modelInput(modelId: string, input: ClipInput, imageUrl: string): Record<string, unknown> {
  if (modelId === "kling-v2.5-turbo-pro")
    return {
      prompt: clipPrompt(input),
      start_image: imageUrl,
      negative_prompt: "blurry, distorted product, warped text, extra objects",
      // 5 or 10 s only; the clip is cut to the asked length.
      duration: input.durationSeconds > 5 ? 10 : 5,
    };
  if (modelId === "seedance-1-pro" || modelId === "seedance-1-lite")
    return {
      prompt: clipPrompt(input),
      image: imageUrl,
      // 2–12 s: the asked length, rounded up.
      duration: Math.min(12, Math.max(2, Math.ceil(input.durationSeconds))),
      resolution: modelId === "seedance-1-pro" ? "1080p" : "720p",
      fps: 24,
      camera_fixed: input.cameraMovement === "static",
      seed: input.seed,
    };
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
    modelId?: string;
  },
): Promise<ProviderResult<ClipOutput>> {
  const id = modelIdOf(p.model) ?? opts.modelId ?? tierModels(undefined, "video").primary;
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
  const call = predictionCall(p, {
    model: id,
    replicateModel: price.replicate!.model,
    amountUsd: actualCost(price, {
      outputSeconds: billedSeconds,
      predictSeconds: p.metrics?.predict_time,
    }),
    secondsProcessed: price.unit === "second" ? billedSeconds : undefined,
    latencyMs: opts.latencyMs,
    metadata: {
      followsPrompt: price.followsPrompt ?? false,
      predictTime: p.metrics?.predict_time,
      licence: price.licence,
    },
  });
  return { output: { filePath, mimeType: "video/mp4" }, call };
}

export const replicateVideo: VideoProvider = {
  get followsPrompt() {
    return videoFollowsPrompt();
  },
  async generateClip(input, ctx) {
    let imageUrl: Promise<string> | undefined;
    return withFallback(tierModels(ctx.quality, "video"), ctx, async (modelId, attemptCtx) => {
      const started = Date.now();
      const price = MODELS[modelId];
      if (!attemptCtx.existingPredictionId)
        imageUrl ??= uploadInput(input.imagePath, "video", ctx.signal);
      const url = attemptCtx.existingPredictionId ? "" : await imageUrl!;
      return runPrediction(
        {
          model: price.replicate!.model,
          version: price.replicate!.version,
          input: modelInput(modelId, input, url),
          what: "video",
          deadlineSeconds: 600,
          webhook: true,
        },
        attemptCtx,
        (p) =>
          clipFromPrediction(p, {
            ...input,
            workDir: ctx.workDir,
            latencyMs: Date.now() - started,
            signal: ctx.signal,
            modelId,
          }),
      );
    });
  },
};
