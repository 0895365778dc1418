// Prompt parsing, scene planning and the ad's script with the tier's Llama (3.1 405B, or 3 70B for drafts; a
// prediction that fails moves to the tier's other Llama, ./fallback.ts). The answer must be JSON of
// the local parser's shape (zod); a bad answer is asked again once, then the local rules
// answer instead and the call's metadata says so (fallback). Tokens and cost come from the
// predictions' metrics; both attempts are paid, so both are counted.

import type { z } from "zod";
import type { Script } from "../../creative/script";
import { scriptLineCount, type WriteScriptInput } from "../../creative/write-script";
import { writeScriptLocally } from "../../creative/write-script-local";
import { localLlm } from "../local";
import { parsePromptLocally } from "../local/prompt-parser";
import { actualCost, MODELS, modelIdOf, tierModels } from "../prices";
import type {
  CallContext,
  CallRecord,
  LlmProvider,
  ParsedPrompt,
  ProviderResult,
  ScenePlan,
} from "../types";
import { withFallback } from "./fallback";
import {
  extractJson,
  type ParsedAnswer,
  parsedAnswer,
  parsePromptText,
  plannedAnswer,
  planScenesText,
  SYSTEM_PROMPT,
  scriptAnswer,
  writeScriptText,
} from "./llm-schemas";
import { modelVersionOf, type Prediction } from "./prediction-shape";
import { runPrediction } from "./run-prediction";

// Llama 3 70B instruct has no system_prompt input: the system prompt goes in its template.
const LLAMA3_TEMPLATE = `<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n${SYSTEM_PROMPT}<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n{prompt}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`;

function llmInput(modelId: string, prompt: string): Record<string, unknown> {
  if (modelId === "llama-3-70b-instruct")
    return {
      prompt,
      prompt_template: LLAMA3_TEMPLATE,
      max_tokens: 2048,
      temperature: 0.4,
      top_p: 0.9,
    };
  return { prompt, system_prompt: SYSTEM_PROMPT, max_tokens: 2048, temperature: 0.4, top_p: 0.9 };
}

const modelOf = (p: Prediction, ctx: CallContext) =>
  modelIdOf(p.model) ?? tierModels(ctx.quality, "llm").primary;

function answerText(p: Prediction): string {
  if (typeof p.output === "string") return p.output;
  if (Array.isArray(p.output))
    return p.output.map((t) => (typeof t === "string" ? t : "")).join("");
  return "";
}

type Attempt<T> = { value?: T; problem?: string; prediction: Prediction };

async function ask<T>(
  prompt: string,
  schema: z.ZodType<T>,
  ctx: CallContext,
  first: boolean,
): Promise<Attempt<T>> {
  // The second ask is a new prediction with the same input: never the first one again.
  const askCtx = first
    ? ctx
    : { ...ctx, existingPredictionId: undefined, pendingIntent: undefined };
  const p = await withFallback(tierModels(ctx.quality, "llm"), askCtx, (modelId, c) =>
    runPrediction(
      {
        model: MODELS[modelId].replicate!.model,
        input: llmInput(modelId, prompt),
        what: "text",
        deadlineSeconds: 180,
        // No asset to complete: a webhook only wakes the poller waiting in this process.
        webhook: true,
      },
      c,
    ),
  );
  try {
    const parsed = schema.safeParse(extractJson(answerText(p)));
    if (parsed.success) return { value: parsed.data, prediction: p };
    return {
      problem: `the answer had the wrong shape (${parsed.error.issues[0]?.path.join(".") || "root"}: ${parsed.error.issues[0]?.message})`,
      prediction: p,
    };
  } catch (err) {
    return {
      problem: `the answer was not valid JSON (${(err as Error).message.slice(0, 80)})`,
      prediction: p,
    };
  }
}

/** Asks once, and once more if the answer is unusable; returns the value or why it failed. */
async function askTwice<T>(
  prompt: string,
  schema: z.ZodType<T>,
  check: (v: T) => string | undefined,
  ctx: CallContext,
  started: number,
) {
  const attempts: Attempt<T>[] = [];
  for (let i = 0; i < 2; i++) {
    const a = await ask(prompt, schema, ctx, i === 0);
    const problem = a.problem ?? (a.value !== undefined ? check(a.value) : undefined);
    attempts.push(problem ? { prediction: a.prediction, problem } : a);
    if (!problem) break;
  }
  const last = attempts[attempts.length - 1];
  const tokensOf = (a: Attempt<T>) =>
    (a.prediction.metrics?.input_token_count ?? 0) +
    (a.prediction.metrics?.output_token_count ?? 0);
  const tokens = attempts.reduce((n, a) => n + tokensOf(a), 0);
  const model = modelOf(last.prediction, ctx);
  const call: CallRecord = {
    amountUsd: attempts.reduce(
      (usd, a) => usd + actualCost(MODELS[modelOf(a.prediction, ctx)], { tokens: tokensOf(a) }),
      0,
    ),
    provider: "replicate",
    model,
    modelVersion: modelVersionOf(last.prediction, MODELS[model].replicate!.model),
    predictionId: last.prediction.id,
    tokensUsed: tokens,
    latencyMs: Date.now() - started,
    metadata: {
      predictionIds: attempts.map((a) => a.prediction.id),
      attempts: attempts.length,
      ...(last.problem
        ? {
            fallback: "local-rules-1",
            fallbackReason: `Llama's answer was unusable twice: ${last.problem}`,
          }
        : {}),
    },
  };
  return { value: last.problem ? undefined : last.value, call };
}

/** The script in an answer, or why it is unusable (its shape, limits or number of lines). */
function readScript(raw: unknown, input: WriteScriptInput): { script?: Script; problem?: string } {
  const parsed = scriptAnswer.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      problem: `its script was unusable (${issue?.path.join(".") || "script"}: ${issue?.message})`,
    };
  }
  const want = scriptLineCount(input.lines);
  if (parsed.data.lines.length !== want)
    return { problem: `its script had ${parsed.data.lines.length} lines instead of ${want}` };
  return { script: { ...parsed.data, language: input.language ?? parsed.data.language } };
}

export const replicateLlm: LlmProvider = {
  async parsePrompt(input, ctx): Promise<ProviderResult<ParsedPrompt>> {
    const started = Date.now();
    const local = parsePromptLocally(input);
    const check = (a: ParsedAnswer) =>
      a.shots.length === input.numImages
        ? undefined
        : `it planned ${a.shots.length} shots instead of ${input.numImages}`;
    const { value, call } = await askTwice(
      parsePromptText(input),
      parsedAnswer,
      check,
      ctx,
      started,
    );
    if (!value)
      return {
        output: local,
        call: { ...call, metadata: { ...call.metadata, task: "parse_prompt" } },
      };
    const keywords = [...new Set([...(input.styleKeywords ?? []), ...value.styleKeywords])].slice(
      0,
      10,
    );
    return {
      output: {
        category: input.category ?? value.category,
        productName: value.productName,
        styleKeywords: keywords,
        consistencySeed: local.consistencySeed,
        negativePrompt: value.negativePrompt || local.negativePrompt,
        palette: value.palette.length ? value.palette.map((c) => c.toUpperCase()) : local.palette,
        shots: value.shots,
      },
      call: { ...call, metadata: { ...call.metadata, task: "parse_prompt" } },
    };
  },

  async planScenes(input, ctx): Promise<ProviderResult<ScenePlan>> {
    const started = Date.now();
    const ids = new Set(input.images.map((i) => i.id));
    const check = (a: z.infer<typeof plannedAnswer>) => {
      const got = new Set(a.clips.map((c) => c.imageId));
      const clipsMatch =
        got.size === ids.size && a.clips.length === ids.size && [...ids].every((id) => got.has(id));
      if (!clipsMatch) return "its clips did not match the approved images";
      return input.script ? readScript(a.script, input.script).problem : undefined;
    };
    const { value, call } = await askTwice(
      planScenesText(input),
      plannedAnswer,
      check,
      ctx,
      started,
    );
    const metadata = { ...call.metadata, task: "plan_scenes" };
    if (!value) {
      const local = await localLlm.planScenes(input, ctx);
      return { output: local.output, call: { ...call, metadata } };
    }
    const { script: raw, ...plan } = value;
    const script = input.script ? readScript(raw, input.script).script : undefined;
    return { output: script ? { ...plan, script } : plan, call: { ...call, metadata } };
  },

  async writeScript(input, ctx): Promise<ProviderResult<Script>> {
    const started = Date.now();
    const check = (raw: z.infer<typeof scriptAnswer>) => readScript(raw, input).problem;
    const { value, call } = await askTwice(
      writeScriptText(input),
      scriptAnswer,
      check,
      ctx,
      started,
    );
    const script = value ? readScript(value, input).script : undefined;
    return {
      output: script ?? writeScriptLocally(input),
      call: { ...call, metadata: { ...call.metadata, task: "write_script" } },
    };
  },
};
