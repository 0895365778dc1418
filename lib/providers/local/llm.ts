// The offline LlmProvider: rule-based prompt parsing and scene planning, $0, deterministic.
import type { LlmProvider } from "../types";
import { LOCAL_MODELS, localCall } from "./call";
import { parsePromptLocally } from "./prompt-parser";
import { planScenesLocally } from "./scene-planner";

export const localLlm: LlmProvider = {
  parsePrompt(input, ctx) {
    return localCall(LOCAL_MODELS.llm, ctx, async () => {
      const output = parsePromptLocally(input);
      return {
        output,
        metadata: { task: "parse_prompt", category: output.category, shots: output.shots.length },
      };
    });
  },
  planScenes(input, ctx) {
    return localCall(LOCAL_MODELS.llm, ctx, async () => {
      const output = planScenesLocally(input);
      return { output, metadata: { task: "plan_scenes", clips: output.clips.length } };
    });
  },
};
