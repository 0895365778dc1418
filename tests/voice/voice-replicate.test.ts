// The voice-over on Replicate (MiniMax speech-2.6-turbo at the fake, which speaks the text):
// the estimate prices the characters; the worker dies (SIGKILL) while the prediction runs; the
// prediction's signed webhook reaches the web process, which saves the voice-over and its cost
// row; a new worker re-runs the compose, re-attaches to that voice-over and makes no second
// prediction. The fake checks every input against MiniMax's stored schema (422 otherwise).
import "../support/fake-replicate/env"; // first: Replicate settings before lib/env is read
import { afterAll, beforeAll, expect, test } from "vitest";
import { reclaimActiveJobs, stopQueue } from "@/lib/pipeline/queue";
import { json, waitFor, waitForStatus } from "../pipeline/support/harness";
import { createsOf, type FakeReplicate } from "../support/fake-replicate";
import { bootFakeReplicate } from "../support/replicate-fake";
import { startTestServer, type TestServer } from "../support/test-server";
import { apiClient, createTestUser } from "../support/users";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";
import { adWithScript, costRows, SPOKEN, voiceAssets } from "./support";

const MINIMAX = "minimax/speech-2.6-turbo";
let fake: FakeReplicate;
let server: TestServer;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  fake = await bootFakeReplicate();
  fake.behave(MINIMAX, { latencyMs: 4000 });
  server = await startTestServer();
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await stopQueue();
  await server?.close();
  await fake?.close();
});

test("MiniMax voice: priced per character, saved by its webhook while no worker lives, re-attached after the crash (one prediction)", async () => {
  const user = await createTestUser();
  const api = apiClient(server.url, user);
  const voices = await json(api.get("/api/voices?language=de"));
  expect(voices.voices.length).toBe(17);
  expect(voices.voices[0]).toMatchObject({
    provider: "replicate",
    language: "mul",
    synthetic: false,
  });

  const id = await adWithScript(user.id);
  const amount = Math.round(0.06 * SPOKEN.length * 10) / 10_000;
  const estimate = await json(
    api.get(`/api/sessions/${id}/estimate?stage=compose&voice=Wise_Woman&voiceSpeed=1`),
  );
  expect(estimate.breakdown[0]).toMatchObject({
    label: `Voice-over (${SPOKEN.length} characters)`,
    provider: "replicate",
    model: "minimax-speech-2.6-turbo",
    amount,
  });
  const env = { PUBLIC_URL: server.url };
  workers.push(await startWorkerProcess(env));
  const started = await api.post(`/api/sessions/${id}/compose`, {
    productName: "Trail Bottle",
    callToAction: "Shop now",
    voiceOver: { enabled: true, voice: "Wise_Woman" },
    confirmEstimate: estimate.amount,
  });
  expect(started.status).toBe(202);

  // The prediction runs at the fake and its id is on the asset: the worker dies now.
  const running = await waitFor(
    "the voice prediction to be running",
    async () => (await voiceAssets(id)).find((a) => a.predictionId && a.status === "generating"),
    60_000,
  );
  await workers[0].kill();
  await reclaimActiveJobs();
  await stopQueue();
  // Still unfinished when its worker died: what saves it next is the webhook.
  expect((await voiceAssets(id))[0].status).toBe("generating");
  expect(fake.predictions.get(running.predictionId!)?.input).toMatchObject({
    text: SPOKEN,
    voice_id: "Wise_Woman",
    language_boost: "English",
  });
  expect(fake.rejected).toEqual([]);

  // No worker is alive: the completed webhook alone saves the voice-over and its cost row.
  const saved = await waitFor(
    "the webhook to save the voice-over",
    async () =>
      fake.webhooksSent.some((w) => w.event === "completed" && w.status === 200) &&
      (await voiceAssets(id)).find((a) => a.status === "completed"),
    30_000,
  );
  expect(saved).toMatchObject({ source: "minimax-speech", predictionId: running.predictionId });
  expect((saved.metadata as { words: unknown[] }).words).toHaveLength(SPOKEN.split(/\s+/).length);

  // A new worker re-runs the compose: it re-attaches to the saved voice-over, nothing is paid twice.
  workers.push(await startWorkerProcess(env));
  await waitForStatus(api, id, ["completed"], 120_000);
  expect(createsOf(fake, MINIMAX)).toEqual([1]);
  expect(await voiceAssets(id)).toHaveLength(1);
  const costs = await costRows(id, saved.id);
  expect(costs.filter((c) => c.success)).toEqual([
    expect.objectContaining({
      category: "audio_generation",
      provider: "replicate",
      modelName: "minimax-speech-2.6-turbo",
      apiCallId: running.predictionId,
      amount: amount.toFixed(4),
    }),
  ]);
  const detail = await json(api.get(`/api/sessions/${id}`));
  expect(Number(detail.session.totalCost)).toBeCloseTo(amount, 4);
}, 240_000);

test("without webhooks: the restarted worker's voice job re-attaches to the stored prediction instead of paying again", async () => {
  const user = await createTestUser();
  const api = apiClient(server.url, user);
  for (const w of workers.splice(0)) await w.kill(); // the first test's worker had webhooks on
  await stopQueue();
  const id = await adWithScript(user.id, {
    language: "de",
    hook: "Kalt für 24 Stunden.",
    lines: ["Heiß den ganzen Morgen."],
  });
  workers.push(await startWorkerProcess());
  const started = await api.post(`/api/sessions/${id}/compose`, {
    productName: "Trail Bottle",
    callToAction: "Jetzt kaufen",
    voiceOver: { enabled: true, voice: "Calm_Woman", speed: 0.9 },
  });
  expect(started.status).toBe(202);
  const running = await waitFor(
    "the voice prediction to be running",
    async () => (await voiceAssets(id)).find((a) => a.predictionId && a.status === "generating"),
    60_000,
  );
  const createsBefore = createsOf(fake, MINIMAX).length;
  await workers.at(-1)!.kill();
  await reclaimActiveJobs();
  await stopQueue();
  expect(fake.predictions.get(running.predictionId!)).toMatchObject({ webhook: undefined });

  workers.push(await startWorkerProcess());
  await waitForStatus(api, id, ["completed"], 120_000);
  expect(createsOf(fake, MINIMAX)).toHaveLength(createsBefore);
  expect(createsOf(fake, MINIMAX).every((n) => n === 1)).toBe(true);
  const [voice] = await voiceAssets(id);
  expect(voice).toMatchObject({ status: "completed", predictionId: running.predictionId });
  expect(fake.predictions.get(running.predictionId!)?.input).toMatchObject({
    language_boost: "German",
    speed: 0.9,
  });
  const costs = await costRows(id, voice.id);
  expect(costs.filter((c) => c.success)).toHaveLength(1);
  expect(costs.filter((c) => c.success)[0].apiCallId).toBe(running.predictionId);
}, 240_000);
