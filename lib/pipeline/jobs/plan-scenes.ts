// Stage 4a: the scene planner gives each approved image a scene prompt, camera movement and
// motion; the user's per-clip edits win. One clip asset per approved image is written
// before any clip is rendered.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../db/client";
import { getAsset } from "../../db/queries/assets";
import { getLiveSession } from "../../db/queries/session-by-id";
import { assets, sessions } from "../../db/schema";
import { env } from "../../env";
import { qualityOf } from "../../providers/prices";
import { providers } from "../../providers/registry";
import type { ProductCategory, View } from "../../providers/types";
import { defineJob } from "../define-job";
import { recordCall } from "../ledger";
import { sessionPredictionHooks } from "../prediction-ids";
import { publishProgress } from "../progress";
import { QUEUES } from "../queue";
import { withWorkDir } from "../run-call";
import { metaOf } from "../session-meta";
import { stageProgress } from "../status";
import { handleSessionCallFailure } from "./call-failure";
import { enqueueClipJobs } from "./generate-clip";

export const planScenesJob = defineJob({
  name: QUEUES.planScenes,
  schema: z.object({ sessionId: z.uuid(), run: z.number().int() }),
  concurrency: () => env.LLM_CONCURRENCY,
  async handle({ sessionId, run }, job) {
    const s = await getLiveSession(sessionId);
    const meta = metaOf(s?.metadata);
    if (s?.status !== "generating_videos" || (meta.clipRun ?? 0) !== run) return;
    if (meta.clipRunIds?.length) return enqueueClipJobs(s); // planned before a crash
    const p = providers();
    const images: { id: string; view: View; prompt: string }[] = [];
    for (const id of s.approvedImageIds ?? []) {
      const a = await getAsset(id);
      if (a)
        images.push({
          id: a.id,
          view: (a.viewType ?? "front") as View,
          prompt: a.generationPrompt ?? "",
        });
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
            quality: qualityOf(s.quality),
            ...sessionPredictionHooks(sessionId, s.metadata, `plan-${run}`, {
              model: p.models.llm,
              onCreated: (id) => (predictionId = id),
            }),
          },
        );
        const overrides = new Map((meta.clipOverrides ?? []).map((o) => [o.imageId, o]));
        const moved = await db().transaction(async (tx) => {
          const [locked] = await tx
            .select()
            .from(sessions)
            .where(eq(sessions.id, sessionId))
            .for("update");
          const lockedMeta = metaOf(locked?.metadata);
          if (
            locked?.status !== "generating_videos" ||
            lockedMeta.clipRun !== run ||
            lockedMeta.clipRunIds?.length
          )
            return undefined;
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
                  motionIntensity: (o?.motionIntensity ?? planned?.motionIntensity ?? 0.5).toFixed(
                    2,
                  ),
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
              metadata: {
                ...lockedMeta,
                clipRunIds: ids,
                videoModelFollowsPrompt: p.video.followsPrompt,
              },
            })
            .where(eq(sessions.id, sessionId))
            .returning();
          return row;
        });
        if (!moved) return;
        await publishProgress(sessionId, `Planned ${images.length} clips. Animating…`);
        await enqueueClipJobs(moved);
      } catch (err) {
        await handleSessionCallFailure(err, {
          job,
          sessionId,
          category: "llm",
          provider: p.kind,
          model: p.models.llm,
          started,
          predictionId,
          from: ["generating_videos"],
          message: (reason) =>
            `We couldn't plan the clips: ${reason} Retry, or edit the scene description.`,
        });
      }
    });
  },
});
