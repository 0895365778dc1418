// Stage 4a: the scene planner gives each approved image a scene prompt, camera movement and
// motion; the user's per-clip edits win. One clip asset per approved image is written
// before any clip is rendered.
import { getAsset, insertAssets } from "../../db/queries/assets";
import { getLiveSession, lockSessionById, updateSession } from "../../db/queries/sessions";
import { transaction } from "../../db/queries/tx";
import { env } from "../../env";
import { providers } from "../../providers/registry";
import type { View } from "../../providers/types";
import { jobWorker } from "../define-job";
import { planScenesJob } from "../job-defs";
import { recordCall } from "../ledger";
import { sessionPredictionHooks } from "../prediction-ids";
import { publishProgress } from "../progress";
import { withWorkDir } from "../run-call";
import { readMeta, withMeta } from "../session-meta";
import { startClips } from "../start-stage";
import { stageProgress } from "../status";
import { handleSessionCallFailure } from "./call-failure";

export const planScenesWorker = jobWorker({
  job: planScenesJob,
  concurrency: () => env.LLM_CONCURRENCY,
  async handle({ sessionId, run }, job) {
    const s = await getLiveSession({ id: sessionId });
    if (s?.status !== "generating_videos") return;
    const meta = readMeta(s);
    if ((meta.clipRun ?? 0) !== run) return;
    if (meta.clipRunIds?.length) return startClips(s); // planned before a crash
    const p = providers();
    const images: { id: string; view: View; prompt: string }[] = [];
    for (const id of s.approvedImageIds ?? []) {
      const a = await getAsset({ id: id });
      if (a)
        images.push({
          id: a.id,
          view: a.viewType ?? "front",
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
            category: s.productCategory ?? "other",
            clipDurationSeconds: Number(s.clipDurationSeconds ?? 3),
            seed: s.consistencySeed ?? 0,
            images,
          },
          {
            workDir,
            sessionId,
            attempt: job.retryCount,
            ...sessionPredictionHooks(sessionId, s.metadata, `plan-${run}`, {
              model: p.models.llm,
              onCreated: (id) => (predictionId = id),
            }),
          },
        );
        const overrides = new Map((meta.clipOverrides ?? []).map((o) => [o.imageId, o]));
        const moved = await transaction(async (tx) => {
          const locked = await lockSessionById({ tx, id: sessionId });
          if (locked?.status !== "generating_videos") return undefined;
          const lockedMeta = readMeta(locked);
          if (lockedMeta.clipRun !== run || lockedMeta.clipRunIds?.length) return undefined;
          await recordCall({ tx, sessionId, category: "llm", call, success: true });
          const source = p.sources.video;
          const rows = await insertAssets({
            tx,
            values: images.map((img, index) => {
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
          });
          const ids = rows.map((r) => r.id);
          return updateSession({
            tx,
            id: sessionId,
            set: {
              generatedClipIds: [...(locked.generatedClipIds ?? []), ...ids],
              progressPercentage: stageProgress("video_gen", 0.1),
              metadata: withMeta(locked, {
                clipRunIds: ids,
                videoModelFollowsPrompt: p.video.followsPrompt,
              }),
            },
          });
        });
        if (!moved) return;
        await publishProgress(sessionId, `Planned ${images.length} clips. Animating…`);
        await startClips(moved);
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
