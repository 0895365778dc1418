// Stage 1: the LLM (local rules offline) turns the product prompt into a plan, and one
// image asset row per requested image is written before any image is generated.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../db/client";
import { getLiveSession } from "../../db/queries/session-by-id";
import { assets, sessions } from "../../db/schema";
import { env } from "../../env";
import { qualityOf } from "../../providers/prices";
import { providers } from "../../providers/registry";
import { defineJob } from "../define-job";
import { recordCall } from "../ledger";
import { sessionPredictionHooks } from "../prediction-ids";
import { publishProgress } from "../progress";
import { QUEUES } from "../queue";
import { withWorkDir } from "../run-call";
import { metaOf } from "../session-meta";
import { moveSession } from "../status";
import { handleSessionCallFailure } from "./call-failure";
import { enqueueImageJobs } from "./generate-image";

export const parsePromptJob = defineJob({
  name: QUEUES.parsePrompt,
  schema: z.object({ sessionId: z.uuid() }),
  concurrency: () => env.LLM_CONCURRENCY,
  async handle({ sessionId }, job) {
    const s = await getLiveSession(sessionId);
    if (s?.status === "generating_images") return enqueueImageJobs(s); // parsed before a crash
    if (s?.status !== "prompting") return;
    const p = providers();
    const meta = metaOf(s.metadata);
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
            quality: qualityOf(s.quality),
            ...sessionPredictionHooks(sessionId, s.metadata, "parse", {
              model: p.models.llm,
              onCreated: (id) => (predictionId = id),
            }),
          },
        );
        const moved = await db().transaction(async (tx) => {
          const [locked] = await tx
            .select()
            .from(sessions)
            .where(eq(sessions.id, sessionId))
            .for("update");
          if (locked?.status !== "prompting") return undefined;
          await recordCall({ sessionId, category: "llm", call, success: true }, tx);
          const source = p.sources.image;
          const rows = await tx
            .insert(assets)
            .values(
              output.shots.map((shot, index) => ({
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
            )
            .returning({ id: assets.id });
          return moveSession(
            {
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
                metadata: {
                  ...meta,
                  pendingPredictions: { ...meta.pendingPredictions, parse: undefined },
                  pendingIntents: { ...meta.pendingIntents, parse: undefined },
                  parse: {
                    productName: output.productName,
                    palette: output.palette,
                    negativePrompt: output.negativePrompt,
                    shots: output.shots,
                  },
                },
              },
            },
            tx,
          );
        });
        if (!moved) return;
        await publishProgress(
          sessionId,
          `Planned ${output.shots.length} shots. Generating images…`,
        );
        await enqueueImageJobs(moved);
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
