// Issue 16.8: on a shared database (DATABASE_URL, so no reclaim-at-start), a worker process
// SIGKILLed mid image stage used to leave its images `generating` and their jobs `active`
// for JOB_EXPIRE_SECONDS (15 minutes). With the worker registry and default settings, a
// worker started afterwards finishes the stage within 60 s, every image made and paid once.
// And a worker stopped with SIGTERM leaves the registry with nothing recorded against it.
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { listWorkers } from "@/lib/db/queries/workers";
import { assets, generationCosts } from "@/lib/db/schema";
import { storage } from "@/lib/storage";
import {
  createSession,
  imageCounts,
  imageStageOver,
  startImageStage,
  waitFor,
} from "../support/pipeline-session";
import { createTestUser, type TestUser } from "../support/users";
import { type WorkerProcess, workerProcesses } from "../support/worker-process";

// Only what makes a kill land mid-generation: each image call takes 1.5 s. Job expiry, retry
// delay, heartbeat and dead-after are the defaults (checked in the start-up line below).
const WORKER_ENV = { RENDER_SCALE: "0.3", IMAGE_CONCURRENCY: "2", TEST_LATENCY_MS: "1500" };

let user: TestUser;
const start = workerProcesses();
const worker = () => start(WORKER_ENV);

/** The worker's start-up line (JSON), which names its registry id and its settings. */
function startLine(w: WorkerProcess) {
  const line = w
    .output()
    .split("\n")
    .find((l) => l.includes("adsmith worker running"));
  return JSON.parse(line!) as { workerId: string; expireSeconds: number; deadAfterSeconds: number };
}

beforeAll(async () => {
  user = await createTestUser("killed");
});

test("a worker SIGKILLed mid image stage: the next worker finishes the stage within 60 s", async () => {
  const numImages = 8;
  const first = await worker();
  const firstId = startLine(first).workerId;
  expect(startLine(first)).toMatchObject({ expireSeconds: 900, deadAfterSeconds: 30 });
  const s = await createSession(user.id, numImages);
  await startImageStage(s.id);

  // Kill it while images are done and others are being made by jobs recorded against it.
  const atKill = await waitFor(
    "images done and images in flight",
    async () => {
      const c = await imageCounts(s.id);
      const held = await db().execute<{ id: string }>(sql`
        select j.id from pgboss.job j join worker_jobs w on w.job_id = j.id
        where j.name = 'generate-image' and j.state = 'active' and w.worker_id = ${firstId}
          and j.started_on > now() - interval '500 milliseconds'`);
      return c.done >= 1 && c.generating >= 2 && held.length >= 1
        ? { ...c, heldJobIds: held.map((j) => j.id) }
        : undefined;
    },
    90_000,
    100,
  );
  await first.kill();
  const killedAt = Date.now();
  // What pg-boss alone would do: nothing for 15 minutes.
  const stillActive = await db().execute<{ id: string }>(
    sql`select id from pgboss.job where name = 'generate-image' and state = 'active'`,
  );
  expect(stillActive.length).toBeGreaterThanOrEqual(1);

  const spawnedAt = Date.now();
  const second = await worker();
  const readyAt = Date.now();
  const done = await imageStageOver(
    s.id,
    "the stage to finish after the replacement started",
  ).catch((err) => {
    throw new Error(`${err.message}\nreplacement worker output:\n${second.output().slice(-3000)}`);
  });
  const finishedAt = Date.now();
  const seconds = (finishedAt - readyAt) / 1000;
  console.log(
    `[workers] killed with ${atKill.done} done / ${atKill.generating} generating (${atKill.heldJobIds.length} jobs held); ` +
      `replacement up ${((readyAt - spawnedAt) / 1000).toFixed(1)} s after its spawn; stage done ${seconds.toFixed(1)} s after it was up ` +
      `(${((finishedAt - killedAt) / 1000).toFixed(1)} s after the kill)`,
  );
  expect(seconds, "seconds from the replacement being up to the stage done").toBeLessThanOrEqual(
    60,
  );

  // What the marketer sees: every image there, once; what the accountant sees: paid once.
  expect(done.status).toBe("reviewing_images");
  const rows = await db().select().from(assets).where(eq(assets.sessionId, s.id));
  expect(rows).toHaveLength(numImages);
  for (const a of rows) {
    expect(a).toMatchObject({ type: "image", status: "completed" });
    expect((await storage().head(a.storagePath!))?.size).toBe(a.fileSizeBytes);
  }
  const costs = await db()
    .select()
    .from(generationCosts)
    .where(eq(generationCosts.sessionId, s.id));
  for (const a of rows)
    expect(costs.filter((c) => c.assetId === a.id && c.success)).toHaveLength(1);

  // The jobs the kill cut off went back through the registry (not expiry) and ran again.
  const ids = sql.join(
    atKill.heldJobIds.map((j) => sql`${j}::uuid`),
    sql`, `,
  );
  // (A rerun whose image the killed run had already saved only settles the stage: it may
  // still be finishing when the stage is done.)
  const held = await waitFor(
    "the reruns of the held jobs to complete",
    async () => {
      const rows = await db().execute<{ state: string; retry_count: number }>(sql`
        select state, retry_count from pgboss.job where id in (${ids})
        union all select state, retry_count from pgboss.archive where id in (${ids})`);
      return rows.every((j) => j.state === "completed") ? [...rows] : undefined;
    },
    30_000,
    200,
  );
  expect(held.length).toBe(atKill.heldJobIds.length);
  expect(held.some((j) => j.retry_count >= 1)).toBe(true);
  // The dead worker is gone from the registry; the replacement is in it.
  const registry = await listWorkers();
  expect(registry.map((w) => w.id)).not.toContain(firstId);
  expect(registry.map((w) => w.id)).toContain(startLine(second).workerId);
}, 240_000);

test("a worker stopped with SIGTERM mid-stage deregisters and leaves no job recorded", async () => {
  const w = await worker();
  const id = startLine(w).workerId;
  expect((await listWorkers()).find((r) => r.id === id)).toMatchObject({ pid: w.pid });
  const s = await createSession(user.id, 4);
  await startImageStage(s.id);
  await waitFor(
    "a job recorded against the worker",
    async () => (await listWorkers()).find((r) => r.id === id && r.jobs.length > 0),
    60_000,
    100,
  );
  expect(await w.stop()).toBe(0);
  const registry = await listWorkers();
  expect(registry.map((r) => r.id)).not.toContain(id);
  expect(registry.flatMap((r) => r.jobs).filter((j) => j.workerId === id)).toEqual([]);
  // Its running jobs finished or went back to the queue: none is left `active`.
  const active = await db().execute(
    sql`select id from pgboss.job where name = 'generate-image' and state = 'active'`,
  );
  expect([...active]).toEqual([]);
}, 120_000);
