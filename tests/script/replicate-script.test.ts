// The script on Replicate, with the real client against the fake Replicate: planned with the
// scenes in the same prediction, or written alone ("write it again"); an unusable answer —
// broken, of the wrong shape, or over the limits — is asked again once, then the local
// writer answers and the call's metadata says so, with both paid answers counted.
import "../support/fake-replicate/env";

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { scriptSchema } from "@/lib/creative/script";
import type { WriteScriptInput } from "@/lib/creative/write-script";
import { writeScriptLocally } from "@/lib/creative/write-script-local";
import { providers } from "@/lib/providers/registry";
import type { CallContext } from "@/lib/providers/types";
import type { FakeReplicate } from "../support/fake-replicate";
import { bootFakeReplicate } from "../support/replicate-fake";

const LLAMA = "meta/meta-llama-3.1-405b-instruct";
let fake: FakeReplicate;
let dir: string;

beforeAll(async () => {
  fake = await bootFakeReplicate();
});
afterAll(() => fake.close());
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function ctx(): Promise<CallContext & { created: string[] }> {
  dir = await mkdtemp(path.join(tmpdir(), "script-test-"));
  const created: string[] = [];
  return {
    workDir: dir,
    sessionId: "s",
    created,
    onPredictionCreated: async (id) => void created.push(id),
  };
}

const input: WriteScriptInput = {
  productPrompt: "matte-black insulated steel water bottle",
  productName: "Steel Water Bottle",
  category: "home",
  styleKeywords: ["minimalist"],
  lines: 2,
  seed: 3,
};

describe("writing the script alone", () => {
  test("a good answer is the script: the lines asked for, the model's language, a priced call", async () => {
    const c = await ctx();
    const { output, call } = await providers().llm.writeScript(input, c);
    expect(scriptSchema.parse(output)).toEqual(output);
    expect(output).toMatchObject({ language: "en", hook: "Say hello to Steel Water Bottle." });
    expect(output.lines).toHaveLength(2);
    const asked = String(fake.predictions.get(c.created[0])?.input.prompt);
    expect(asked).toContain("exactly 2 benefit lines");
    expect(asked).toContain("matte-black insulated steel water bottle");
    expect(call).toMatchObject({ provider: "replicate", model: "llama-3.1-405b-instruct" });
    expect(call.amountUsd).toBeGreaterThan(0);
    expect(call.metadata).toMatchObject({ task: "write_script", attempts: 1 });
  });

  test("a language asked for is asked of the model and kept", async () => {
    const c = await ctx();
    const { output } = await providers().llm.writeScript({ ...input, language: "de" }, c);
    expect(output.language).toBe("de");
    expect(String(fake.predictions.get(c.created[0])?.input.prompt)).toContain('language "de"');
  });

  test("one invalid answer is asked again once, and the second answer is used", async () => {
    fake.behave(LLAMA, { llm: ["invalid-json", "good"] });
    const c = await ctx();
    const { output, call } = await providers().llm.writeScript(input, c);
    expect(c.created).toHaveLength(2);
    expect(output.hook).toBe("Say hello to Steel Water Bottle.");
    expect(call.metadata).toMatchObject({ attempts: 2 });
    expect(call.metadata?.fallback).toBeUndefined();
  });

  test("lines over the limits twice: the local writer answers, the fallback is recorded, both answers paid", async () => {
    fake.behave(LLAMA, { llm: ["long-script", "long-script"] });
    const c = await ctx();
    const { output, call } = await providers().llm.writeScript(input, c);
    expect(c.created).toHaveLength(2);
    expect(output).toEqual(writeScriptLocally(input));
    expect(call.metadata).toMatchObject({ fallback: "local-rules-1", attempts: 2 });
    expect(String(call.metadata?.fallbackReason)).toMatch(/at most 80 characters/);
    const one = fake.predictions.get(c.created[0])!.metrics;
    expect(call.tokensUsed).toBe(2 * (one.input_token_count + one.output_token_count));
  });
});

describe("the script planned with the scenes", () => {
  const images = [
    { id: "11111111-1111-4111-8111-111111111111", view: "front" as const, prompt: "front shot" },
    { id: "22222222-2222-4222-8222-222222222222", view: "side" as const, prompt: "side shot" },
    { id: "33333333-3333-4333-8333-333333333333", view: "top" as const, prompt: "top shot" },
  ];
  const plan = {
    videoPrompt: "on a desk at dawn",
    productPrompt: input.productPrompt,
    category: "home" as const,
    clipDurationSeconds: 3,
    seed: 1,
    images,
    script: input,
  };

  test("one prediction answers the clips and the script", async () => {
    const c = await ctx();
    const { output, call } = await providers().llm.planScenes(plan, c);
    expect(c.created).toHaveLength(1);
    expect(output.clips).toHaveLength(3);
    expect(output.script?.lines).toHaveLength(2);
    expect(call.metadata).toMatchObject({ task: "plan_scenes", attempts: 1 });
  });

  test("a bad script twice: the local plan and script, the fallback recorded", async () => {
    fake.behave(LLAMA, { llm: ["long-script", "wrong-shape"] });
    const c = await ctx();
    const { output, call } = await providers().llm.planScenes(plan, c);
    expect(c.created).toHaveLength(2);
    expect(output.script).toEqual(writeScriptLocally(input));
    expect(output.clips.map((x) => x.imageId)).toEqual(images.map((i) => i.id));
    expect(call.metadata).toMatchObject({ fallback: "local-rules-1", attempts: 2 });
  });

  test("no script asked for, none answered", async () => {
    const { output } = await providers().llm.planScenes(
      { ...plan, script: undefined },
      await ctx(),
    );
    expect(output.script).toBeUndefined();
  });
});
