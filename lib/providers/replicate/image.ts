// Images on Replicate: FLUX 1.1 Pro (default; no negative prompt or guidance input) or SDXL
// (REPLICATE_IMAGE_MODEL=sdxl; takes both). The session's seed goes to either model.
import { env } from "../../env";
import type { AspectRatio } from "../../media/formats";
import { actualCost, MODELS } from "../prices";
import type { CallRecord, ImageInput, ImageOutput, ImageProvider, ProviderResult } from "../types";
import { downloadOutput } from "./outputs";
import { modelVersionOf, type Prediction } from "./prediction-shape";
import { probeImage } from "./probe-image";
import { runPrediction } from "./run-prediction";
import { uploadInput } from "./upload";

const SDXL_SIZE: Record<AspectRatio, { width: number; height: number }> = {
  "9:16": { width: 768, height: 1344 },
  "1:1": { width: 1024, height: 1024 },
  "16:9": { width: 1344, height: 768 },
};

export const imageModelId = () => env.REPLICATE_IMAGE_MODEL;

async function modelInput(
  input: ImageInput,
  photoUrl: string | undefined,
): Promise<Record<string, unknown>> {
  if (imageModelId() === "sdxl") {
    return {
      prompt: input.prompt,
      negative_prompt: input.negativePrompt,
      ...SDXL_SIZE[input.aspectRatio],
      guidance_scale: input.guidanceScale,
      num_inference_steps: 30,
      seed: input.seed,
      scheduler: "K_EULER",
      refine: "expert_ensemble_refiner",
      apply_watermark: false,
      num_outputs: 1,
      ...(photoUrl ? { image: photoUrl, prompt_strength: 0.8 } : {}),
    };
  }
  return {
    prompt: input.negativePrompt ? `${input.prompt}. Avoid: ${input.negativePrompt}` : input.prompt,
    aspect_ratio: input.aspectRatio,
    seed: input.seed,
    output_format: "png",
    safety_tolerance: 2,
    prompt_upsampling: false,
    ...(photoUrl ? { image_prompt: photoUrl } : {}),
  };
}

/** A succeeded image prediction as the pipeline's output + cost row (the webhook uses it too). */
export async function imageFromPrediction(
  p: Prediction,
  workDir: string,
  latencyMs: number,
  signal?: AbortSignal,
): Promise<ProviderResult<ImageOutput>> {
  const id = imageModelId();
  const price = MODELS[id];
  const file = await downloadOutput(p.output, "image", "image", workDir, `image-${p.id}`, signal);
  const { width, height } = await probeImage(file.filePath, "image");
  const call: CallRecord = {
    amountUsd: actualCost(price, { outputs: 1, predictSeconds: p.metrics?.predict_time }),
    provider: "replicate",
    model: id,
    modelVersion: modelVersionOf(p, price.replicate!.model),
    predictionId: p.id,
    secondsProcessed: p.metrics?.predict_time,
    latencyMs,
    metadata: { replicateModel: price.replicate!.model, predictTime: p.metrics?.predict_time },
  };
  return {
    output: {
      filePath: file.filePath,
      mimeType: file.mimeType as ImageOutput["mimeType"],
      width,
      height,
    },
    call,
  };
}

export const replicateImage: ImageProvider = {
  async generateImage(input, ctx) {
    const started = Date.now();
    const price = MODELS[imageModelId()];
    const photoUrl =
      input.productPhotoPath && !ctx.existingPredictionId
        ? await uploadInput(input.productPhotoPath, "image", ctx.signal)
        : undefined;
    return runPrediction(
      {
        model: price.replicate!.model,
        version: price.replicate!.version,
        input: await modelInput(input, photoUrl),
        what: "image",
        deadlineSeconds: 300,
        webhook: true,
      },
      ctx,
      (p) => imageFromPrediction(p, ctx.workDir, Date.now() - started, ctx.signal),
    );
  },
};
