// What the API answers, described for the OpenAPI document. The request schemas are the
// routes' own (operations.ts imports them); these describe the responses, and a test holds
// them to the real thing: tests/api/openapi.test.ts parses real responses with the strict
// form of each, so a field added to a view without its line here fails there.
import { z } from "zod";
import { variantSettingsSchema } from "../../creative/variant-settings";
import { ASPECT_RATIOS } from "../../media/formats";

const id = z.string().meta({ description: "UUID" });
const time = z.string().meta({ format: "date-time" });
const usd = z.number().meta({ description: "US dollars" });
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const errorResponse = z
  .object({
    error: z
      .object({
        code: z.enum([
          "unauthorized",
          "forbidden",
          "not_found",
          "invalid_input",
          "invalid_state",
          "over_budget",
          "conflict",
          "rate_limited",
          "payload_too_large",
          "internal",
        ]),
        message: z.string().meta({ description: "What happened and what to do, for a person." }),
        issues: z
          .array(z.object({ path: z.string(), message: z.string() }))
          .optional()
          .meta({ description: "invalid_input: each field (path) and what is wrong with it" }),
        retryAfter: z.number().optional().meta({ description: "rate_limited: seconds" }),
      })
      .loose(),
  })
  .meta({ id: "Error" });

export const sessionSchema = z
  .object({
    id,
    status: z.string(),
    currentStage: nullable(z.string()),
    progress: z.number(),
    productCategory: nullable(z.string()),
    productPrompt: z.string(),
    videoPrompt: nullable(z.string()),
    consistencySeed: nullable(z.number()),
    styleKeywords: z.array(z.string()),
    numImages: nullable(z.number()),
    clipDurationSeconds: nullable(z.number()),
    aspectRatio: z.enum(ASPECT_RATIOS),
    quality: z.string(),
    generatedImageIds: z.array(id),
    approvedImageIds: z.array(id),
    generatedClipIds: z.array(id),
    approvedClipIds: z.array(id),
    finalVideoId: nullable(id),
    productName: nullable(z.string()),
    callToAction: nullable(z.string()),
    textColor: nullable(z.string()),
    textFont: nullable(z.string()),
    backgroundMusicEnabled: nullable(z.boolean()),
    musicGenre: nullable(z.string()),
    totalCost: usd,
    estimatedCost: nullable(usd),
    budgetUsd: nullable(usd),
    errorMessage: nullable(z.string()),
    retryCount: z.number(),
    metadata: z.record(z.string(), z.unknown()),
    script: nullable(
      z
        .object({ language: z.string(), hook: z.string(), lines: z.array(z.string()) })
        .meta({ description: "the ad's words: the hook, then one line per clip after the first" }),
    ),
    createdAt: time,
    updatedAt: time,
    completedAt: nullable(time),
  })
  .meta({ id: "Session" });

export const assetSchema = z
  .object({
    id,
    sessionId: id,
    type: z.enum(["image", "video_clip", "final_video", "audio"]),
    source: nullable(z.string()),
    status: z.string(),
    url: nullable(z.string()),
    mimeType: nullable(z.string()),
    fileSizeBytes: nullable(z.number()),
    resolution: nullable(z.string()),
    durationSeconds: nullable(z.number()),
    fps: nullable(z.number()),
    generationCost: usd,
    generationTimeSeconds: nullable(z.number()),
    modelVersion: nullable(z.string()),
    viewType: nullable(z.string()),
    seed: nullable(z.number()),
    guidanceScale: nullable(z.number()),
    sourceImageId: nullable(id),
    scenePrompt: nullable(z.string()),
    cameraMovement: nullable(z.string()),
    motionIntensity: nullable(z.number()),
    prompt: nullable(z.string()),
    negativePrompt: nullable(z.string()),
    userSelected: nullable(z.boolean()),
    selectionOrder: nullable(z.number()),
    errorMessage: nullable(z.string()),
    retryCount: nullable(z.number()),
    aspectRatio: nullable(z.enum(ASPECT_RATIOS)),
    posterUrl: nullable(z.string()),
    thumbnailUrl: nullable(z.string()),
    captionsSrtUrl: nullable(z.string()).meta({ description: "final videos with captions: SRT" }),
    captionsVttUrl: nullable(z.string()).meta({
      description: "final videos with captions: WebVTT",
    }),
    variant: nullable(z.string()).meta({
      description: 'an A/B variant\'s final video: its label ("A", "B", …)',
    }),
    variantSettings: nullable(variantSettingsSchema).meta({
      description: "an A/B variant's final video: the choices it was made with",
    }),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: "Asset" });

export const estimateSchema = z
  .object({
    stage: z.enum(["images", "clips", "compose"]),
    amount: usd,
    breakdown: z.array(z.record(z.string(), z.unknown())),
    durationSeconds: z.number().optional().meta({
      description:
        "compose: the ad's length in seconds, with the voice's timing when it has a voice (music is priced for it)",
    }),
    durationFrom: z.enum(["made", "estimated", "none"]).optional().meta({
      description:
        "compose: where the voice's timing came from — its made voice-over, an estimate from the script, or no voice",
    }),
  })
  .loose()
  .meta({ id: "Estimate" });

export const sessionResponse = z.object({ session: sessionSchema });
export const assetResponse = z.object({ asset: assetSchema });

export const sessionDetailResponse = z
  .object({
    session: sessionSchema,
    images: z.array(assetSchema),
    videoClips: z.array(assetSchema),
    finalVideos: z.array(assetSchema),
    audio: z.array(assetSchema),
    productPhoto: nullable(assetSchema),
    estimate: estimateSchema.optional(),
  })
  .meta({ id: "SessionDetail" });

export const sessionListResponse = z.object({
  sessions: z.array(sessionSchema),
  nextCursor: nullable(z.string()),
});

export const costsResponse = z
  .object({
    total: usd,
    estimated: nullable(usd),
    budget: usd,
    breakdown: z.array(
      z.object({
        category: z.string(),
        provider: z.string(),
        apiCalls: z.number(),
        totalCost: usd,
        avgLatencyMs: nullable(z.number()),
      }),
    ),
    items: z.array(
      z
        .object({ id, assetId: nullable(id), category: z.string(), amount: usd, model: z.string() })
        .loose(),
    ),
  })
  .meta({ id: "Costs" });

export const shareResponse = z.object({ url: z.string().meta({ format: "uri" }) });

export const healthResponse = z
  .object({ status: z.enum(["ok", "error"]) })
  .loose()
  .meta({ id: "Health" });

export const userResponse = z.object({
  user: z.object({ id, email: z.string(), fullName: nullable(z.string()) }).loose(),
});
