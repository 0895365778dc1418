// Stage 4a: the scene planner gives each approved image a scene prompt, camera movement and
// motion; the user's per-clip edits win. One clip asset per approved image is written
// before any clip is rendered.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../db/client";
import { assets, sessions } from "../../db/schema";
import { getAsset } from "../../db/queries/assets";
import { getLiveSession } from "../../db/queries/session-by-id";
import { env } from "../../env";
import { providers } from "../../providers/registry";
import type { ProductCategory, View } from "../../providers/types";
import { defineJob } from "../define-job";
import { recordAbandonedCall, recordCall } from "../ledger";
import { publishProgress } from "../progress";
import { QUEUES } from "../queue";
import { predictionTaken, rememberSessionIntent, rememberSessionPrediction, sessionIntentToResume } from "../prediction-ids";
import { classify, shouldRetry, withWorkDir } from "../run-call";
import { metaOf } from "../session-meta";
import { moveSession, stageProgress } from "../status";
import { enqueueClipJobs } from "./generate-clip";

export const planScenesJob = defineJob({
  name: QUEUES.planScenes,
  schema: z.object({ sessionId: z.uuid(), run: z.number().int() }),
  concurrency: () => env.LLM_CONCURRENCY,
  async handle({ sessionId, run }, job) {
    const s = await getLiveSession(sessionId);
    const meta = metaOf(s?.metadata);
    if (!s || s.status !== "generating_videos" || (meta.clipRun ?? 0) !== run) return;
    if (meta.clipRunIds?.length) return enqueueClipJobs(s); // planned before a crash
    const p = providers();
    const images: { id: string; view: View; prompt: string }[] = [];
    for (const id of s.approvedImageIds ?? []) {
      const a = await getAsset(id);
      if (a) images.push({ id: a.id, view: (a.viewType ?? "front") as View, prompt: a.generationPrompt ?? "" });
    }
    const started = Date.now();
    let predictionId: string | undefined;
    await withWorkDir(async (workDir) => {
      try {
        const { output, call } = await p.llm.planScenes(
          {
            videoPrompt: s.userVideoPrompt ?? "",
            productPrompt: s.userProductPrompt ?? "",
            category: (s.productCategory ?? "other") as ProductCategory,
            clipDurationSeconds: Number(s.clipDurationSeconds ?? 3),
            seed: s.consistencySeed ?? 0,
            images,
          },
          {
            workDir,
            sessionId,
            attempt: job.retryCount,
            existingPredictionId: meta.pendingPredictions?.[`plan-${run}`],
            pendingIntent: sessionIntentToResume(s.metadata, `plan-${run}`),
            onPredictionIntent: (intent) => rememberSessionIntent(sessionId, `plan-${run}`, intent),
            isPredictionTaken: (id) => predictionTaken(id),
            onAbandonedPrediction: (lost) => recordAbandonedCall({ sessionId, category: "llm", model: p.models.llm, prediction: lost }),
            onPredictionCreated: async (id) => {
              predictionId = id;
              await rememberSessionPrediction(sessionId, `plan-${run}`, id);
            },
          },
        );
        const overrides = new Map((meta.clipOverrides ?? []).map((o) => [o.imageId, o]));
        const moved = await db().transaction(async (tx) => {
          const [locked] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for("update");
          const lockedMeta = metaOf(locked?.metadata);
          if (locked?.status !== "generating_videos" || lockedMeta.clipRun !== run || lockedMeta.clipRunIds?.length) return undefined;
          await recordCall({ sessionId, category: "llm", call, success: true }, tx);
          const source = p.sources.video;
          const rows = await tx
            .insert(assets)
            .values(
              images.map((img, index) => {
                const planned = output.clips.find((c) => c.imageId === img.id);
                const o = overrides.get(img.id);
                return {
                  sessionId,
                  type: "video_clip" as const,
                  source,
                  status: "generating" as const,
                  url: "",
                  sourceImageId: img.id,
                  viewType: img.view,
                  seed: s.consistencySeed,
                  scenePrompt: o?.scenePrompt ?? planned?.scenePrompt ?? s.userVideoPrompt,
                  cameraMovement: o?.cameraMovement ?? planned?.cameraMovement ?? "zoom_in",
                  motionIntensity: (o?.motionIntensity ?? planned?.motionIntensity ?? 0.5).toFixed(2),
                  generationPrompt: img.prompt,
                  metadata: { index, run, stage: "clips", followsPrompt: p.video.followsPrompt },
                };
              }),
            )
            .returning({ id: assets.id });
          const ids = rows.map((r) => r.id);
          const [row] = await tx
            .update(sessions)
            .set({
              generatedClipIds: [...(locked.generatedClipIds ?? []), ...ids],
              progressPercentage: stageProgress("video_gen", 0.1),
              metadata: { ...lockedMeta, clipRunIds: ids, videoModelFollowsPrompt: p.video.followsPrompt },
            })
            .where(eq(sessions.id, sessionId))
            .returning();
          return row;
        });
        if (!moved) return;
        await publishProgress(sessionId, `Planned ${images.length} clips. Animating…`);
        await enqueueClipJobs(moved);
      } catch (err) {
        const e = classify(err);
        await recordCall({
          sessionId,
          category: "llm",
          call: { amountUsd: 0, provider: p.kind, model: p.models.llm, latencyMs: Date.now() - started, predictionId },
          success: false,
          errorMessage: e.message,
        });
        if (shouldRetry(e, job)) throw e;
        const failed = await moveSession({
          id: sessionId,
          to: "failed",
          from: ["generating_videos"],
          errorMessage: `We couldn't plan the clips: ${e.message} Retry, or edit the scene description.`,
        });
        if (failed) await publishProgress(sessionId, failed.errorMessage ?? "Failed");
      }
    });
  },
});
