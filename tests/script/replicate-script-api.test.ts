// "Write it again" on Replicate, through the API against the fake: the estimate prices one
// Llama call, a lower confirmed estimate is refused before any call, the call's cost row is
// written, and an unusable answer twice gives the offline writer's script with the fallback
// in the row. The ad is set at clip review directly (the pipeline is tested elsewhere).
import "../support/fake-replicate/env";

import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { generationCosts, sessions } from "@/lib/db/schema";
import { type Harness, json, startHarness } from "../pipeline/support/harness";
import type { FakeReplicate } from "../support/fake-replicate";
import { createSession } from "../support/pipeline-session";
import { bootFakeReplicate } from "../support/replicate-fake";

const LLAMA = "meta/meta-llama-3.1-405b-instruct";
let fake: FakeReplicate;
let h: Harness;
let id: string;

beforeAll(async () => {
  fake = await bootFakeReplicate();
  h = await startHarness({ worker: false });
  const s = await createSession(h.user.id, 4, "walnut desk lamp with a linen shade");
  id = s.id;
  await db()
    .update(sessions)
    .set({
      status: "reviewing_videos",
      currentStage: "video_gen",
      productCategory: "home",
      productName: "Walnut Desk Lamp",
      consistencySeed: 11,
      approvedClipIds: [randomUUID(), randomUUID(), randomUUID()],
    })
    .where(eq(sessions.id, id));
});
afterAll(async () => {
  await h?.stop();
  await fake?.close();
});

const rows = () => db().select().from(generationCosts).where(eq(generationCosts.sessionId, id));

test("priced, confirmed, paid: one Llama call and its cost row", async () => {
  const estimate = await json(h.api.get(`/api/sessions/${id}/estimate?stage=script`));
  expect(estimate.breakdown).toEqual([
    expect.objectContaining({ label: "Script", model: "llama-3.1-405b-instruct" }),
  ]);
  expect(estimate.amount).toBeGreaterThan(0);

  const low = await h.api.post(`/api/sessions/${id}/script`, { confirmEstimate: 0 });
  expect(low.status).toBe(409);
  expect((await low.json()).error.estimate).toBe(estimate.amount);
  expect(await rows()).toHaveLength(0);

  const res = await h.api.post(`/api/sessions/${id}/script`, {
    confirmEstimate: estimate.amount,
    language: "de",
  });
  expect(res.status).toBe(200);
  const { session } = await res.json();
  expect(session.script.language).toBe("de");
  expect(session.script.lines).toHaveLength(2); // 3 clips: the hook and 2 lines
  const [row] = await rows();
  expect(row).toMatchObject({ category: "llm", provider: "replicate", success: true });
  expect(Number(row.amount)).toBeGreaterThan(0);
  expect(row.metadata).toMatchObject({ task: "write_script", attempts: 1 });
  expect(row.metadata).not.toHaveProperty("fallback");
});

test("unusable twice: the offline writer's script, the fallback in the row, both answers paid", async () => {
  fake.behave(LLAMA, { llm: ["invalid-json", "long-script"] });
  const before = (await rows()).length;
  const res = await h.api.post(`/api/sessions/${id}/script`, { language: "en" });
  expect(res.status).toBe(200);
  const { session } = await res.json();
  expect(session.script.hook.toLowerCase()).toContain("lamp");
  expect(session.script.lines.join(" ")).not.toContain("Made to be shared."); // the fake's words
  const all = await rows();
  expect(all).toHaveLength(before + 1);
  const row = all.find((r) => (r.metadata as { attempts?: number }).attempts === 2)!;
  expect(row.metadata).toMatchObject({ fallback: "local-rules-1", attempts: 2 });
  expect(String((row.metadata as { fallbackReason: string }).fallbackReason)).toMatch(
    /at most 80 characters/,
  );
  expect(Number(row.amount)).toBeGreaterThan(0);
});
