// A worker killed between Replicate's create answer and the write of the prediction's id
// (found by `npm run test:chaos`: one paid prediction nobody recorded, and a second one made
// by the retry). The intent stored before each create lets the retry find and adopt the first
// prediction instead of paying again; a failed one, or one that belongs to other work, is
// never adopted.
import "../support/fake-replicate/env"; // first: Replicate settings before lib/env is read
import "../support/quiet-logs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MODELS } from "@/lib/providers/prices";
import { providers } from "@/lib/providers/registry";
import type { CallContext, ImageInput, PredictionIntent } from "@/lib/providers/types";
import type { FakeReplicate } from "../support/fake-replicate";
import { bootFakeReplicate } from "../support/replicate-fake";

let fake: FakeReplicate;
let dir: string;
const FLUX = MODELS["flux-kontext-pro"].replicate!.model;
beforeAll(async () => {
  fake = await bootFakeReplicate();
  dir = mkdtempSync(path.join(tmpdir(), "adsmith-adopt-"));
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const input = (seed: number): ImageInput => ({
  prompt: `front view of pink tennis shoes ${seed}`,
  negativePrompt: "blurry",
  view: "front",
  seed,
  guidanceScale: 7.5,
  productPrompt: "pink tennis shoes",
  category: "footwear",
  styleKeywords: [],
  palette: [],
  aspectRatio: "9:16",
  width: 1080,
  height: 1920,
});
const creates = () =>
  [...fake.creates.entries()]
    .filter(([k]) => k.startsWith(`${FLUX}|`))
    .reduce((n, [, c]) => n + c, 0);

/** The first attempt: the create goes out, then the process "dies" before the id is written. */
async function interruptedAttempt(
  seed: number,
): Promise<{ intent: PredictionIntent; predictionId: string }> {
  let intent: PredictionIntent | undefined;
  let created: string | undefined;
  const ctx: CallContext = {
    workDir: dir,
    sessionId: "s",
    onPredictionIntent: async (i) => {
      intent = i;
    },
    onPredictionCreated: (id) => {
      created = id;
      return new Promise<void>(() => {}); // never written: the kill
    },
  };
  void providers().image.generateImage(input(seed), ctx);
  for (let i = 0; i < 200 && !created; i++) await new Promise((r) => setTimeout(r, 25));
  return { intent: intent!, predictionId: created! };
}

async function retry(
  seed: number,
  intent?: PredictionIntent,
  taken: string[] = [],
  existing?: string,
) {
  let recorded: string | undefined;
  const abandoned: string[] = [];
  const result = await providers().image.generateImage(input(seed), {
    workDir: dir,
    sessionId: "s",
    pendingIntent: intent,
    existingPredictionId: existing,
    onAbandonedPrediction: async (p) => void abandoned.push(`${p.id}:${p.status}`),
    isPredictionTaken: async (id) => taken.includes(id),
    onPredictionIntent: async () => {},
    onPredictionCreated: async (id) => {
      recorded = id;
    },
  });
  return { result, recorded, abandoned };
}

test("the retry adopts the prediction the killed attempt created: one create, one payment", async () => {
  const before = creates();
  const first = await interruptedAttempt(1);
  expect(first.intent).toMatchObject({
    model: FLUX,
    inputHash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  const { result, recorded } = await retry(1, first.intent);
  expect(recorded).toBe(first.predictionId);
  expect(result.call.predictionId).toBe(first.predictionId);
  expect(result.output.width).toBeGreaterThan(0);
  expect(creates() - before).toBe(1);
});

test("a failed prediction, or one that belongs to other work, is not adopted: the retry creates anew", async () => {
  fake.behave(FLUX, { failRate: 1 });
  const failed = await interruptedAttempt(2);
  await new Promise((r) => setTimeout(r, 400)); // it fails at the fake
  fake.behave(FLUX, { failRate: 0 });
  const again = await retry(2, failed.intent);
  expect(again.recorded).not.toBe(failed.predictionId);
  // Its failure is handed over for the ledger (the killed attempt never wrote it).
  expect(again.abandoned).toEqual([`${failed.predictionId}:failed`]);
  // The same when the killed attempt had recorded the id: re-attaching finds it failed.
  const reattached = await retry(2, undefined, [], failed.predictionId);
  expect(reattached.abandoned).toEqual([`${failed.predictionId}:failed`]);

  const taken = await interruptedAttempt(3);
  const other = await retry(3, taken.intent, [taken.predictionId]);
  expect(other.recorded).not.toBe(taken.predictionId);
});

test("an intent whose create never went out finds nothing and creates once", async () => {
  const before = creates();
  const intent: PredictionIntent = {
    model: FLUX,
    inputHash: "0".repeat(64),
    since: new Date().toISOString(),
  };
  const { recorded } = await retry(4, intent);
  expect(recorded).toBeTruthy();
  expect(creates() - before).toBe(1);
});
