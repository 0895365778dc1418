// Stage 1: the LLM (local rules offline) turns the product prompt into a plan, and one
// image asset row per requested image is written before any image is generated.
import { insertAssets } from "../../db/queries/assets";
import { getLiveSession, lockSessionById } from "../../db/queries/sessions";
import { transaction } from "../../db/queries/tx";
import { env } from "../../env";
import { providers } from "../../providers/registry";
import { jobWorker } from "../define-job";
import { parsePromptJob } from "../job-defs";
import { recordCall } from "../ledger";
import { sessionPredictionHooks } from "../prediction-ids";
import { publishProgress } from "../progress";
import { withWorkDir } from "../run-call";
import { readMeta, withMeta } from "../session-meta";
import { startImages } from "../start-stage";
import { moveSession } from "../status";
import { handleSessionCallFailure } from "./call-failure";

export const parsePromptWorker = jobWorker({
  job: parsePromptJob,
  concurrency: () => env.LLM_CONCURRENCY,
  async handle({ sessionId }, job) {
    const s = await getLiveSession({ id: sessionId });
    if (s?.status === "generating_images") return startImages(s); // parsed before a crash
    if (s?.status !== "prompting") return;
    const p = providers();
    const meta = readMeta(s);
    const started = Date.now();
    let predictionId: string | undefined;
    await withWorkDir(async (workDir) => {
      try {
        const { output, call } = await p.llm.parsePrompt(
          {
            productPrompt: s.userProductPrompt ?? "",
            numImages: s.numImagesRequested ?? 6,
            styleKeywords: s.styleKeywords ?? undefined,
            category: meta.userCategory && s.productCategory ? s.productCategory : undefined,
            seed: s.consistencySeed ?? undefined,
          },
          {
            workDir,
            sessionId,
            attempt: job.retryCount,
            ...sessionPredictionHooks(sessionId, s.metadata, "parse", {
              model: p.models.llm,
              onCreated: (id) => (predictionId = id),
            }),
          },
        );
        const moved = await transaction(async (tx) => {
          const locked = await lockSessionById({ tx, id: sessionId });
          if (locked?.status !== "prompting") return undefined;
          const lockedMeta = readMeta(locked);
          await recordCall({ tx, sessionId, category: "llm", call, success: true });
          const source = p.sources.image;
          const rows = await insertAssets({
            tx,
            values: output.shots.map((shot, index) => ({
              sessionId,
              type: "image" as const,
              source,
              status: "generating" as const,
              url: "",
              viewType: shot.view,
              seed: output.consistencySeed,
              guidanceScale: "7.50",
              generationPrompt: shot.prompt,
              negativePrompt: output.negativePrompt,
              metadata: { index, stage: "images" },
            })),
          });
          return moveSession({
            tx,
            id: sessionId,
            to: "generating_images",
            from: ["prompting"],
            stage: "image_gen",
            progress: 10,
            set: {
              productCategory: output.category,
              styleKeywords: output.styleKeywords,
              consistencySeed: output.consistencySeed,
              generatedImageIds: rows.map((r) => r.id),
              productName: locked.productName ?? output.productName.slice(0, 50),
              metadata: withMeta(locked, {
                pendingPredictions: { ...lockedMeta.pendingPredictions, parse: undefined },
                pendingIntents: { ...lockedMeta.pendingIntents, parse: undefined },
                parse: {
                  productName: output.productName,
                  palette: output.palette,
                  negativePrompt: output.negativePrompt,
                  shots: output.shots,
                },
              }),
            },
          });
        });
        if (!moved) return;
        await publishProgress(
          sessionId,
          `Planned ${output.shots.length} shots. Generating images…`,
        );
        await startImages(moved);
      } catch (err) {
        await handleSessionCallFailure(err, {
          job,
          sessionId,
          category: "llm",
          provider: p.kind,
          model: p.models.llm,
          started,
          predictionId,
          from: ["prompting"],
          message: (reason) =>
            `We couldn't plan the shots for your product: ${reason} Retry, or edit the description.`,
        });
      }
    });
  },
});
