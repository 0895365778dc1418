// A Replicate prediction as the API (and its webhooks) send it, validated before use.
import { z } from "zod";
import type { CallRecord } from "../types";

export const PREDICTION_STATUSES = [
  "starting",
  "processing",
  "succeeded",
  "failed",
  "canceled",
  "aborted",
] as const;

export const predictionSchema = z.looseObject({
  id: z.string().min(1).max(255),
  model: z.string().optional(),
  version: z.string().nullish(),
  status: z.enum(PREDICTION_STATUSES),
  input: z.record(z.string(), z.unknown()).optional(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  logs: z.string().nullish(),
  metrics: z
    .looseObject({
      predict_time: z.number().nonnegative().optional(),
      total_time: z.number().nonnegative().optional(),
      input_token_count: z.number().int().nonnegative().optional(),
      output_token_count: z.number().int().nonnegative().optional(),
    })
    .nullish(),
  created_at: z.string().nullish(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  urls: z.record(z.string(), z.string()).optional(),
});

export type Prediction = z.infer<typeof predictionSchema>;

export const isTerminal = (s: Prediction["status"]) =>
  s === "succeeded" || s === "failed" || s === "canceled" || s === "aborted";

/** The model version to store on the asset: owner/name:version, at most 100 characters. */
export function modelVersionOf(p: Prediction, fallbackModel: string): string {
  const model = p.model ?? fallbackModel;
  return (p.version && p.version !== "hidden" ? `${model}:${p.version}` : model).slice(0, 100);
}

/**
 * The cost row's facts of a finished media prediction (image, clip, music, voice): who made
 * it, which version, how long it ran. `amountUsd` and the model-specific metadata are the
 * caller's; the Replicate model name is always recorded.
 */
export function predictionCall(
  p: Prediction,
  o: {
    model: string;
    replicateModel: string;
    amountUsd: number;
    latencyMs: number;
    secondsProcessed?: number;
    metadata?: Record<string, unknown>;
  },
): CallRecord {
  return {
    amountUsd: o.amountUsd,
    provider: "replicate",
    model: o.model,
    modelVersion: modelVersionOf(p, o.replicateModel),
    predictionId: p.id,
    secondsProcessed: o.secondsProcessed ?? p.metrics?.predict_time,
    latencyMs: o.latencyMs,
    metadata: { replicateModel: o.replicateModel, ...o.metadata },
  };
}
