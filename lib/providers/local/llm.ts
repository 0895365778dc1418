// The offline LlmProvider: rule-based prompt parsing, scene planning and script writing, $0,
// deterministic.
import { writeScriptLocally } from "../../creative/write-script-local";
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
      const plan = planScenesLocally(input);
      const output = input.script ? { ...plan, script: writeScriptLocally(input.script) } : plan;
      return { output, metadata: { task: "plan_scenes", clips: output.clips.length } };
    });
  },
  writeScript(input, ctx) {
    return localCall(LOCAL_MODELS.llm, ctx, async () => ({
      output: writeScriptLocally(input),
      metadata: { task: "write_script", lines: input.lines },
    }));
  },
};
