// What Llama must answer, as zod schemas with the same shapes the local parser and planner
// return. The prompts describe these shapes; anything else is rejected and retried once.
import { z } from "zod";
import { HOOK_MAX, LINE_MAX, scriptSchema } from "../../creative/script";
import { scriptLineCount, type WriteScriptInput } from "../../creative/write-script";
import {
  CAMERA_MOVEMENTS,
  type ParsePromptInput,
  type PlanScenesInput,
  PRODUCT_CATEGORIES,
  VIEWS,
} from "../types";

export const parsedAnswer = z.object({
  category: z.enum(PRODUCT_CATEGORIES),
  productName: z.string().trim().min(1).max(50),
  styleKeywords: z.array(z.string().trim().min(1).max(40)).min(1).max(8),
  negativePrompt: z.string().trim().max(300),
  palette: z.array(z.string().regex(/^#[0-9A-Fa-f]{6}$/)).max(5),
  shots: z.array(z.object({ view: z.enum(VIEWS), prompt: z.string().trim().min(10).max(600) })),
});
export type ParsedAnswer = z.infer<typeof parsedAnswer>;

export const planAnswer = z.object({
  clips: z.array(
    z.object({
      imageId: z.string(),
      scenePrompt: z.string().trim().min(1).max(300),
      cameraMovement: z.enum(CAMERA_MOVEMENTS),
      motionIntensity: z.number().min(0).max(1),
    }),
  ),
});

/** The script as the model answers it: the shared schema's limits, extra keys ignored. */
export const scriptAnswer = z.object(scriptSchema.shape);

/** With a script asked for, the plan's answer carries it (checked on its own, ./llm.ts). */
export const plannedAnswer = planAnswer.extend({ script: z.unknown().optional() });

export const SYSTEM_PROMPT =
  "You are the planning service of an ad video generator. Answer with one JSON object only: no prose, no markdown fences, no comments.";

export function parsePromptText(input: ParsePromptInput): string {
  return [
    `Product description from a marketer: ${JSON.stringify(input.productPrompt)}`,
    input.category
      ? `The product category is fixed: "${input.category}".`
      : `Choose the category from: ${PRODUCT_CATEGORIES.join(", ")}.`,
    input.styleKeywords?.length
      ? `Include these style keywords: ${JSON.stringify(input.styleKeywords)}.`
      : "",
    `Plan exactly ${input.numImages} product photos for an ad, one per shot, views chosen from ${VIEWS.join(", ")} (repeat or vary views past six).`,
    "Every shot prompt describes the same product identically (colour, material, details) so the photos look consistent, then the view, lighting and background.",
    'Answer with: {"category": string, "productName": string (≤ 50 chars, Title Case), "styleKeywords": string[] (1–8),',
    '"negativePrompt": string (what to avoid), "palette": string[] (#RRGGBB colours of the product, main first),',
    `"shots": [{"view": string, "prompt": string}] (exactly ${input.numImages})}`,
  ]
    .filter(Boolean)
    .join("\n");
}

export function planScenesText(input: PlanScenesInput): string {
  return [
    `Product: ${JSON.stringify(input.productPrompt)} (category ${input.category}).`,
    `The marketer's scene description: ${JSON.stringify(input.videoPrompt)}.`,
    `Each clip lasts ${input.clipDurationSeconds} seconds and animates one product photo:`,
    ...input.images.map(
      (img) =>
        `- imageId ${JSON.stringify(img.id)}: ${img.view} view, ${JSON.stringify(img.prompt.slice(0, 200))}`,
    ),
    `For every imageId give a scene prompt (≤ 300 chars), a camera movement from ${CAMERA_MOVEMENTS.join(", ")}, and a motion intensity from 0 to 1.`,
    ...(input.script
      ? [
          "Also write the ad's script.",
          ...scriptBrief(input.script),
          'Answer with: {"clips": [{"imageId": string, "scenePrompt": string, "cameraMovement": string, "motionIntensity": number}],',
          '"script": {"language": string, "hook": string, "lines": string[]}}',
        ]
      : [
          'Answer with: {"clips": [{"imageId": string, "scenePrompt": string, "cameraMovement": string, "motionIntensity": number}]}',
        ]),
  ].join("\n");
}

/** What a script must say and how long it may be (ad-creative.md "Script"). */
function scriptBrief(input: WriteScriptInput): string[] {
  const lines = scriptLineCount(input.lines);
  return [
    `Product: ${JSON.stringify(input.productName)}, described by the marketer as ${JSON.stringify(input.productPrompt)} (category ${input.category}${input.styleKeywords.length ? `, style ${input.styleKeywords.join(", ")}` : ""}).`,
    `The script is a hook spoken over the first clip (at most ${HOOK_MAX} characters) and exactly ${lines} benefit line${lines === 1 ? "" : "s"}, one per following clip (at most ${LINE_MAX} characters each), each a single sentence.`,
    input.language
      ? `Write it in the language "${input.language}".`
      : "Write it in the language of the product description.",
    "Name concrete benefits the description supports, in a marketer's voice; do not repeat the description word for word; no placeholders, hashtags, emoji or call to action (the ad has its own).",
    'The script\'s "language" is the BCP 47 tag of the language it is written in, e.g. "en", "de".',
  ];
}

export function writeScriptText(input: WriteScriptInput): string {
  return [
    "Write the script of a short video ad.",
    ...scriptBrief(input),
    'Answer with: {"language": string, "hook": string, "lines": string[]}',
  ].join("\n");
}

/** The JSON object inside an answer (models sometimes wrap it in fences or a sentence). */
export function extractJson(text: string): unknown {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) throw new Error("the answer contains no JSON object");
  return JSON.parse(text.slice(start, end + 1));
}
