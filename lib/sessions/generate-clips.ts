import { createHash } from "node:crypto";
import { z } from "zod";
import { characterCount } from "../characters";
import { invalidInput, invalidState } from "../errors";
import { publishProgress } from "../pipeline/progress";
import { readMeta, withMeta } from "../pipeline/session-meta";
import { startScenePlanning } from "../pipeline/start-stage";
import { stageProgress } from "../pipeline/status";
import { CAMERA_MOVEMENTS } from "../providers/types";
import { assertConfirmedEstimate, assertWithinBudget, estimateStage } from "./estimate";
import { confirmEstimateField, sentenceField } from "./fields";
import { requireOwnSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { moveIntoStage } from "./stage-move";
import { imagesReady } from "./stage-rules";
import { statusText } from "./stage-state";

export const generateClipsBody = z.strictObject({
  videoPrompt: sentenceField("scene", 300),
  clipDurationSeconds: z
    .number({ error: "Clip duration is 2, 3 or 4 seconds." })
    .int("Clip duration is 2, 3 or 4 seconds.")
    .min(2, "Clip duration is 2, 3 or 4 seconds.")
    .max(4, "Clip duration is 2, 3 or 4 seconds.")
    .default(3),
  clips: z
    .array(
      z.strictObject({
        imageId: z.uuid("imageId must be the id of an approved image."),
        scenePrompt: z
          .string()
          .trim()
          .min(1, "A scene prompt cannot be empty.")
          .refine(
            (s) => characterCount(s) <= 300,
            "Keep each scene prompt to 300 characters or fewer.",
          )
          .optional(),
        cameraMovement: z
          .enum(CAMERA_MOVEMENTS, {
            error: `Camera movement is one of: ${CAMERA_MOVEMENTS.join(", ")}.`,
          })
          .optional(),
        motionIntensity: z
          .number({ error: "Motion intensity is a number from 0 to 1." })
          .min(0, "Motion intensity is from 0 to 1.")
          .max(1, "Motion intensity is from 0 to 1.")
          .optional(),
      }),
    )
    .max(64)
    .default([]),
  confirmEstimate: confirmEstimateField,
});
export type GenerateClipsInput = z.infer<typeof generateClipsBody>;

/**
 * Starts a clip run (202): one clip per approved image, planned by the scene planner with the
 * user's per-clip edits winning. Idempotent: while a run is going, or when the last run was
 * made from the same request and the same approved images, a repeat starts nothing. A
 * different request after clip review starts a new run (the old clips stay).
 */
export async function generateClips({ input, ...ref }: SessionRef & { input: GenerateClipsInput }) {
  const s = await requireOwnSession(ref);
  if (s.status === "generating_videos") return sessionView(s);
  const hash = requestHash(input, s.approvedImageIds ?? []);
  const meta = readMeta(s);
  if (meta.clipRequestHash === hash && ["reviewing_videos", "completed"].includes(s.status))
    return sessionView(s);
  if (!imagesReady(s))
    throw invalidState(
      `Clips can be made once the images are chosen; this ad is ${statusText(s)}.`,
    );
  const approved = s.approvedImageIds ?? [];
  if (approved.length < 2) throw invalidState("Choose at least 2 images before making clips.");
  checkOverrides(input, approved);

  const estimate = estimateStage(s, "clips", { clipDurationSeconds: input.clipDurationSeconds });
  assertConfirmedEstimate(estimate, input.confirmEstimate);
  assertWithinBudget(s, estimate);
  const moved = await moveIntoStage(s, {
    to: "generating_videos",
    stage: "video_gen",
    progress: stageProgress("video_gen", 0),
    unchanged: (locked) => (locked.approvedImageIds ?? []).join() === approved.join(),
    set: (locked) => ({
      userVideoPrompt: input.videoPrompt,
      clipDurationSeconds: input.clipDurationSeconds.toFixed(2),
      estimatedCost: estimate.amount.toFixed(4),
      metadata: withMeta(locked, {
        clipRun: (readMeta(locked).clipRun ?? 0) + 1,
        clipRunIds: [],
        clipOverrides: input.clips,
        clipRequestHash: hash,
      }),
    }),
  });
  if (!moved) return sessionView(await requireOwnSession(ref)); // a concurrent request started it
  await startScenePlanning(moved);
  await publishProgress(moved.id, "Planning the scenes…");
  return sessionView(moved);
}

function checkOverrides(input: GenerateClipsInput, approved: string[]): void {
  const issues = input.clips.flatMap((c, i) => {
    if (!approved.includes(c.imageId))
      return [{ path: `clips.${i}.imageId`, message: "is not one of the approved images." }];
    if (input.clips.findIndex((o) => o.imageId === c.imageId) !== i)
      return [
        {
          path: `clips.${i}.imageId`,
          message: "This image has two sets of clip settings; give one.",
        },
      ];
    return [];
  });
  if (issues.length) throw invalidInput(issues);
}

function requestHash(input: GenerateClipsInput, approved: string[]): string {
  const { confirmEstimate: _, ...rest } = input;
  return createHash("sha256")
    .update(JSON.stringify({ ...rest, approved }))
    .digest("hex")
    .slice(0, 32);
}
