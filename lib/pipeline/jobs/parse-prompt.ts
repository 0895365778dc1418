// Stage 1: the LLM (local rules offline) turns the product prompt into a plan, and one
// image asset row per requested image is written before any image is generated. The call,
// its cost row, cancellation and failure are the LLM-step runner's (./llm-step.ts).
import { insertAssets } from "../../db/queries/assets";
import { env } from "../../env";
import { parsePromptJob } from "../job-defs";
import { publishProgress } from "../progress";
import { readMeta, withMeta } from "../session-meta";
import { startImages } from "../start-stage";
import { moveSession } from "../status";
import { llmStepWorker } from "./llm-step";

export const parsePromptWorker = llmStepWorker({
  job: parsePromptJob,
  concurrency: () => env.LLM_CONCURRENCY,
  status: "prompting",
  predictionKey: () => "parse",
  async prepare(s) {
    if (s.status === "generating_images") await startImages(s); // parsed before a crash
    if (s.status !== "prompting") return undefined;
    const meta = readMeta(s);
    return {
      productPrompt: s.userProductPrompt ?? "",
      numImages: s.numImagesRequested ?? 6,
      styleKeywords: s.styleKeywords ?? undefined,
      category: meta.userCategory && s.productCategory ? s.productCategory : undefined,
      seed: s.consistencySeed ?? undefined,
    };
  },
  ask: (p, input, ctx) => p.llm.parsePrompt(input, ctx),
  async write({ tx, locked, output, p }) {
    const rows = await insertAssets({
      tx,
      values: output.shots.map((shot, index) => ({
        sessionId: locked.id,
        type: "image" as const,
        source: p.sources.image,
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
    const meta = readMeta(locked);
    return moveSession({
      tx,
      id: locked.id,
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
          pendingPredictions: { ...meta.pendingPredictions, parse: undefined },
          pendingIntents: { ...meta.pendingIntents, parse: undefined },
          parse: {
            productName: output.productName,
            palette: output.palette,
            negativePrompt: output.negativePrompt,
            shots: output.shots,
          },
        }),
      },
    });
  },
  async after(s, output) {
    await publishProgress(s.id, `Planned ${output.shots.length} shots. Generating images…`);
    await startImages(s);
  },
  failure: (reason) =>
    `We couldn't plan the shots for your product: ${reason} Retry, or edit the description.`,
});
