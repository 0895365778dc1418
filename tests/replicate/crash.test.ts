// Crash: the worker process is killed with SIGKILL while image predictions run at the fake
// Replicate, then restarted. The session completes; every prediction was created exactly once
// (the restarted worker re-attached to the ids stored on the assets); no cost row is doubled.
// First: it sets the Replicate environment before anything reads lib/env.
import "../support/fake-replicate/env";

import "../support/fake-replicate/env"; // first: Replicate settings before lib/env is read
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts } from "@/lib/db/schema";
import { reclaimActiveJobs, stopQueue } from "@/lib/pipeline/queue";
import { json, waitFor, waitForStatus } from "../pipeline/support/harness";
import { createsOf, type FakeReplicate } from "../support/fake-replicate";
import { bootFakeReplicate } from "../support/replicate-fake";
import { startTestServer, type TestServer } from "../support/test-server";
import { apiClient, createTestUser } from "../support/users";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

const FLUX = "black-forest-labs/flux-kontext-pro";
let fake: FakeReplicate;
let server: TestServer;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  fake = await bootFakeReplicate();
  fake.behave(FLUX, { latencyMs: 4000 });
  server = await startTestServer();
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await stopQueue();
  await server.close();
  await fake.close();
});

test("SIGKILL while predictions run: restarted, each prediction created once, no duplicate cost row", async () => {
  const api = apiClient(server.url, await createTestUser());
  workers.push(await startWorkerProcess({ IMAGE_CONCURRENCY: "4" }));
  const { session } = await json(
    api.post("/api/sessions", {
      productPrompt: "pink tennis shoes with white laces",
      numImages: 4,
    }),
  );
  expect((await api.post(`/api/sessions/${session.id}/generate-images`, {})).status).toBe(202);

  // Wait until the predictions run at the fake and their ids are on the assets. (A kill in the
  // milliseconds between Replicate's answer to a create and our write of its id would still
  // cost a second prediction: Replicate has no idempotency key for creates.)
  await waitFor(
    "image predictions to be running",
    async () => {
      const rows = await db().select().from(assets).where(eq(assets.sessionId, session.id));
      const running = rows.filter(
        (a) => a.predictionId && fake.predictions.get(a.predictionId)?.status !== "succeeded",
      );
      // The hero runs alone first (the other views are made from it), then the three views.
      return running.length === 3;
    },
    60_000,
  );
  await workers[0].kill();
  // No worker is alive now, so its jobs can be handed back at once instead of expiring.
  await reclaimActiveJobs();
  await stopQueue();
  workers.push(await startWorkerProcess({ IMAGE_CONCURRENCY: "4" }));

  const detail = await waitForStatus(api, session.id, ["reviewing_images"], 120_000);
  expect(detail.images).toHaveLength(4);
  expect(createsOf(fake, FLUX)).toEqual([1, 1, 1, 1]);
  expect([...fake.creates.values()].every((n) => n === 1)).toBe(true);
  const costs = await db()
    .select()
    .from(generationCosts)
    .where(eq(generationCosts.sessionId, session.id));
  const success = costs.filter((c) => c.success);
  expect(success).toHaveLength(5); // the parse + 4 images
  expect(new Set(success.map((c) => c.apiCallId)).size).toBe(5);
  const rows = await db().select().from(assets).where(eq(assets.sessionId, session.id));
  for (const a of rows)
    expect(
      success.filter((c) => c.assetId === a.id && c.apiCallId === a.predictionId),
    ).toHaveLength(1);
});
