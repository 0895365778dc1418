// Images on Replicate, always through a model that takes a reference image (prices.ts,
// `reference`): with an uploaded product photo every view is made from that photo ("keep this
// product, stage it so"); without one the first image (the hero) is made from the prompt and
// every other view from the hero, so the product stays the same from shot to shot. The
// session's tier picks the model and the alternative it falls back to (./fallback.ts).
import type { AspectRatio } from "../../media/formats";
import { actualCost, MODELS, modelIdOf, tierModels } from "../prices";
import type { ImageInput, ImageOutput, ImageProvider, ProviderResult } from "../types";
import { withFallback } from "./fallback";
import { downloadOutput } from "./outputs";
import { type Prediction, predictionCall } from "./prediction-shape";
import { probeImage } from "./probe-image";
import { runPrediction } from "./run-prediction";
import { uploadInput } from "./upload";

/** The words that tell an editing model what to do with the reference image. */
export function imagePrompt(input: ImageInput): string {
  const avoid = input.negativePrompt ? ` Avoid: ${input.negativePrompt}.` : "";
  if (input.productPhotoPath)
    return `Keep the exact product from the reference photo: the same shape, colours, materials, logo and proportions. Stage it as a photorealistic advertising shot: ${input.prompt}.${avoid}`;
  if (input.heroImagePath)
    return `The same product as in the reference image, identical in design, colours and materials, in a new shot: ${input.prompt}.${avoid}`;
  return `${input.prompt}.${avoid}`;
}

function modelInput(
  modelId: string,
  input: ImageInput,
  referenceUrl: string | undefined,
  aspectRatio: AspectRatio,
): Record<string, unknown> {
  const prompt = imagePrompt(input);
  if (modelId === "seedream-4")
    return {
      prompt,
      ...(referenceUrl ? { image_input: [referenceUrl] } : {}),
      size: "2K",
      aspect_ratio: aspectRatio,
      sequential_image_generation: "disabled",
      max_images: 1,
    };
  // FLUX Kontext Pro / Max: one reference in `input_image`; Max takes no seed.
  return {
    prompt,
    ...(referenceUrl ? { input_image: referenceUrl } : {}),
    aspect_ratio: aspectRatio,
    ...(modelId === "flux-kontext-pro" ? { seed: input.seed } : {}),
    output_format: "png",
    safety_tolerance: 2,
    prompt_upsampling: false,
  };
}

/** A succeeded image prediction as the pipeline's output + cost row (the webhook uses it too). */
export async function imageFromPrediction(
  p: Prediction,
  workDir: string,
  latencyMs: number,
  signal?: AbortSignal,
  modelId?: string,
): Promise<ProviderResult<ImageOutput>> {
  const id = modelIdOf(p.model) ?? modelId ?? tierModels(undefined, "image").primary;
  const price = MODELS[id];
  const file = await downloadOutput(p.output, "image", "image", workDir, `image-${p.id}`, signal);
  const { width, height } = await probeImage(file.filePath, "image");
  const call = predictionCall(p, {
    model: id,
    replicateModel: price.replicate!.model,
    amountUsd: actualCost(price, { outputs: 1, predictSeconds: p.metrics?.predict_time }),
    latencyMs,
    metadata: { predictTime: p.metrics?.predict_time, licence: price.licence },
  });
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
  wantsHero: true,
  async generateImage(input, ctx) {
    const reference = input.productPhotoPath ?? input.heroImagePath;
    let referenceUrl: Promise<string> | undefined;
    return withFallback(tierModels(ctx.quality, "image"), ctx, async (modelId, attemptCtx) => {
      const started = Date.now();
      const price = MODELS[modelId];
      // The file is uploaded once, and not at all when re-attaching to a prediction.
      if (reference && !attemptCtx.existingPredictionId)
        referenceUrl ??= uploadInput(reference, "image", ctx.signal);
      const url = reference && !attemptCtx.existingPredictionId ? await referenceUrl : undefined;
      return runPrediction(
        {
          model: price.replicate!.model,
          version: price.replicate!.version,
          input: modelInput(modelId, input, url, input.aspectRatio),
          what: "image",
          deadlineSeconds: 300,
          webhook: true,
        },
        attemptCtx,
        (p) => imageFromPrediction(p, ctx.workDir, Date.now() - started, ctx.signal, modelId),
      );
    });
  },
};
