// Stage 4a: the scene planner gives each approved image a scene prompt, camera movement and
// motion (the user's per-clip edits win), and writes the ad's script in the same call. One
// clip asset per approved image is written before any clip is rendered. The call, its cost
// row, cancellation and failure are the LLM-step runner's (./llm-step.ts).
import { linesForClips, scriptRequest } from "../../creative/write-script";
import { getAsset, insertAssets } from "../../db/queries/assets";
import { updateSession } from "../../db/queries/sessions";
import { env } from "../../env";
import type { PlanScenesInput } from "../../providers/types";
import { planScenesJob } from "../job-defs";
import { publishProgress } from "../progress";
import { readMeta, withMeta } from "../session-meta";
import { startClips } from "../start-stage";
import { stageProgress } from "../status";
import { llmStepWorker } from "./llm-step";

export const planScenesWorker = llmStepWorker({
  job: planScenesJob,
  concurrency: () => env.LLM_CONCURRENCY,
  status: "generating_videos",
  predictionKey: ({ run }) => `plan-${run}`,
  async prepare(s, { run }) {
    if (s.status !== "generating_videos") return undefined;
    const meta = readMeta(s);
    if ((meta.clipRun ?? 0) !== run) return undefined; // a newer run replaced this one
    if (meta.clipRunIds?.length) {
      await startClips(s); // planned before a crash
      return undefined;
    }
    const images: PlanScenesInput["images"] = [];
    for (const id of s.approvedImageIds ?? []) {
      const a = await getAsset({ id });
      if (a)
        images.push({ id: a.id, view: a.viewType ?? "front", prompt: a.generationPrompt ?? "" });
    }
    const request: PlanScenesInput = {
      videoPrompt: s.userVideoPrompt ?? "",
      productPrompt: s.userProductPrompt ?? "",
      category: s.productCategory ?? "other",
      clipDurationSeconds: Number(s.clipDurationSeconds ?? 3),
      seed: s.consistencySeed ?? 0,
      images,
      // The script is planned with the scenes, one line per clip after the first, in the
      // language it already has; words the user edited are kept instead.
      ...(meta.scriptEdited
        ? {}
        : {
            script: scriptRequest(s, linesForClips(images.length), {
              language: meta.script?.language,
            }),
          }),
    };
    return { request, run };
  },
  ask: (p, { request }, ctx) => p.llm.planScenes(request, ctx),
  stillWanted: (locked, { run }) => {
    const meta = readMeta(locked);
    return meta.clipRun === run && !meta.clipRunIds?.length;
  },
  async write({ tx, locked, input, output, p }) {
    const { request, run } = input;
    const overrides = new Map((readMeta(locked).clipOverrides ?? []).map((o) => [o.imageId, o]));
    const rows = await insertAssets({
      tx,
      values: request.images.map((img, index) => {
        const planned = output.clips.find((c) => c.imageId === img.id);
        const o = overrides.get(img.id);
        return {
          sessionId: locked.id,
          type: "video_clip" as const,
          source: p.sources.video,
          status: "generating" as const,
          url: "",
          sourceImageId: img.id,
          viewType: img.view,
          seed: locked.consistencySeed,
          scenePrompt: o?.scenePrompt ?? planned?.scenePrompt ?? locked.userVideoPrompt,
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
      id: locked.id,
      set: {
        generatedClipIds: [...(locked.generatedClipIds ?? []), ...ids],
        progressPercentage: stageProgress("video_gen", 0.1),
        metadata: withMeta(locked, {
          clipRunIds: ids,
          videoModelFollowsPrompt: p.video.followsPrompt,
          ...(output.script && !readMeta(locked).scriptEdited ? { script: output.script } : {}),
        }),
      },
    });
  },
  async after(s, _output, { request }) {
    await publishProgress(s.id, `Planned ${request.images.length} clips. Animating…`);
    await startClips(s);
  },
  failure: (reason) =>
    `We couldn't plan the clips: ${reason} Retry, or edit the scene description.`,
});
