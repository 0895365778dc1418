// Every background job of the pipeline: queue, payload and key, in one place. Enqueue one
// with `enqueue(planScenesJob, { sessionId, run }, attempt)` (./queue.ts); its handler is in
// ./jobs/, registered by ./worker.ts.
import { createHash } from "node:crypto";
import { z } from "zod";
import { CAPTION_STYLES } from "../media/captions/ass";
import { ASPECT_RATIOS } from "../media/formats";
import { defineJob } from "./define-job";
import { QUEUES } from "./queue";

/** Stage 1: the prompt becomes a plan and one image row per shot. */
export const parsePromptJob = defineJob({
  name: QUEUES.parsePrompt,
  schema: z.object({ sessionId: z.uuid() }),
  key: ({ sessionId }, attempt) => `${sessionId}:${attempt}`,
});

/** Stage 2: one image. */
export const generateImageJob = defineJob({
  name: QUEUES.generateImage,
  schema: z.object({ assetId: z.uuid() }),
  key: ({ assetId }, attempt) => `${assetId}:${attempt}`,
});

/** Stage 4a: the scenes of clip run `run`, and one clip row per approved image. */
export const planScenesJob = defineJob({
  name: QUEUES.planScenes,
  schema: z.object({ sessionId: z.uuid(), run: z.number().int() }),
  key: ({ sessionId, run }, attempt) => `${sessionId}:plan:${run}:${attempt}`,
});

/** Stage 4b: one clip. */
export const generateClipJob = defineJob({
  name: QUEUES.generateClip,
  schema: z.object({ assetId: z.uuid() }),
  key: ({ assetId }, attempt) => `${assetId}:${attempt}`,
});

/** Stage 6's voice-over: one audio asset (kind voice), waited for by the compose job. */
export const generateVoiceJob = defineJob({
  name: QUEUES.generateVoice,
  schema: z.object({ assetId: z.uuid(), sessionId: z.uuid() }),
  key: ({ assetId }, attempt) => `${assetId}:${attempt}`,
});

/** Stage 6: the final video of compose request `run`. */
export const composeJob = defineJob({
  name: QUEUES.compose,
  schema: z.object({ sessionId: z.uuid(), run: z.number().int().nonnegative() }),
  key: ({ sessionId, run }, attempt) => `${sessionId}:compose:${run}:${attempt}`,
});

/**
 * The edit in one format, prepared once per order of the approved clips, and again when the
 * Finish step names its words, voice-over or captions (then once per such choice).
 */
export const prepareEditJob = defineJob({
  name: QUEUES.prepareEdit,
  schema: z.object({
    sessionId: z.uuid(),
    clipIds: z.array(z.uuid()).min(1),
    /** Missing in jobs queued before formats were prepared one by one: the ad's own. */
    ratio: z.enum(ASPECT_RATIOS).optional(),
    /** The Finish step's choices (absent: the last compose's, else the brand kit's). */
    voiceOver: z
      .object({ enabled: z.boolean(), voice: z.string().optional(), speed: z.number() })
      .optional(),
    captions: z.object({ enabled: z.boolean(), style: z.enum(CAPTION_STYLES) }).optional(),
    /** The Finish step's words for the end card (absent: the session's). */
    productName: z.string().optional(),
    callToAction: z.string().optional(),
  }),
  key: ({ sessionId, clipIds, ratio, ...words }) =>
    `${sessionId}:prepare:${shortHash(clipIds.join(","))}:${ratio ?? ""}${
      Object.values(words).some((w) => w !== undefined)
        ? `:${shortHash(JSON.stringify([words.voiceOver, words.captions, words.productName, words.callToAction]))}`
        : ""
    }`,
});

function shortHash(s: string): string {
  return createHash("sha256").update(s).digest("hex").slice(0, 16);
}

/** One attempt of an outgoing webhook delivery (lib/webhooks/outgoing/deliver.ts). */
export const deliverWebhookJob = defineJob({
  name: QUEUES.deliverWebhook,
  schema: z.object({ deliveryId: z.uuid() }),
  key: ({ deliveryId }, attempt) => `${deliveryId}:${attempt}`,
});

/**
 * A deleted ad's files leave storage: the recorded keys, then whatever is left in its folder.
 * `folderOnly` is the second look a little later, for a file a job was writing at the moment.
 */
export const purgeSessionFilesJob = defineJob({
  name: QUEUES.storagePurge,
  schema: z.object({ sessionId: z.uuid(), folderOnly: z.boolean().default(false) }),
  key: ({ sessionId, folderOnly }) => `${sessionId}:${folderOnly ? "folder" : "purge"}`,
});

/**
 * A scheduled job's payload: the schedule's data, which is null for a schedule saved without
 * any (as scheduleStorageJobs once did), so null is taken as {}.
 */
const scheduledPayload = z.preprocess((v) => v ?? {}, z.object({}));

/** Hourly (pg-boss schedule): superseded files past their retention, and any removal left waiting. */
export const storageRetentionJob = defineJob({
  name: QUEUES.storageRetention,
  schema: scheduledPayload,
  key: (_, attempt) => `retention:${attempt}`,
});

/** Daily (pg-boss schedule): storage compared with the database; orphans removed, missing files reported. */
export const storageSweepJob = defineJob({
  name: QUEUES.storageSweep,
  schema: scheduledPayload,
  key: (_, attempt) => `sweep:${attempt}`,
});

/**
 * A batch's ads moved on (or a recheck fell due): start what the batch does next for each
 * (lib/batches/advance.ts). `reason` names the move, so each move is one job.
 */
export const advanceBatchJob = defineJob({
  name: QUEUES.advanceBatch,
  schema: z.object({ batchId: z.uuid(), reason: z.string().max(200) }),
  key: ({ batchId, reason }) => `${batchId}:${reason}`,
});
