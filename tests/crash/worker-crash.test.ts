// Durability across processes: a worker process killed with SIGKILL in the middle of image
// generation, then restarted, finishes the stage with exactly the requested images and no
// duplicated asset, cost row or job. And a job that outlives its expiry while its worker is
// alive (pg-boss retries it in parallel) still completes its asset exactly once.
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, generationCosts, type Session } from "@/lib/db/schema";
import { queue, reclaimActiveJobs } from "@/lib/pipeline/queue";
import { storage } from "@/lib/storage";
import {
  createSession,
  imageCounts,
  imageStageOver,
  sessionRow,
  startImageStage,
  waitFor,
} from "../support/pipeline-session";
import { createTestUser, type TestUser } from "../support/users";
import { workerProcesses } from "../support/worker-process";

// Images big enough for every studio layout, slowed down so a kill lands mid-generation,
// and a short job expiry (still well above one image's time) so the dead worker's jobs
// come back within seconds.
const WORKER_ENV = {
  RENDER_SCALE: "0.3",
  IMAGE_CONCURRENCY: "2",
  TEST_LATENCY_MS: "1500",
  JOB_EXPIRE_SECONDS: "10",
  JOB_MAINTENANCE_SECONDS: "1",
  JOB_RETRY_DELAY_SECONDS: "1",
};

let user: TestUser;
const worker = workerProcesses();

beforeAll(async () => {
  user = await createTestUser("crash");
});

type JobRow = {
  id: string;
  asset_id: string | null;
  state: string;
  retry_count: number;
  started_on: Date | null;
  completed_on: Date | null;
};

/** Every generate-image job of these assets, live or archived. */
async function imageJobs(assetIds: string[]): Promise<JobRow[]> {
  const rows = await db().execute<JobRow>(sql`
    select id, data->>'assetId' as asset_id, state, retry_count, started_on, completed_on from pgboss.job where name = 'generate-image'
    union all
    select id, data->>'assetId', state, retry_count, started_on, completed_on from pgboss.archive where name = 'generate-image'`);
  return [...rows].filter((r) => r.asset_id && assetIds.includes(r.asset_id));
}

/** What a user (and an accountant) would check once the stage is done. */
async function expectExactlyOnce(s: Session, numImages: number) {
  expect(s.status).toBe("reviewing_images");
  const ids = s.generatedImageIds ?? [];
  expect(new Set(ids).size).toBe(numImages);
  const rows = await db().select().from(assets).where(eq(assets.sessionId, s.id));
  expect(rows).toHaveLength(numImages); // no duplicated asset row
  expect(new Set(rows.map((a) => a.id))).toEqual(new Set(ids));
  for (const a of rows) {
    expect(a).toMatchObject({ type: "image", status: "completed" });
    expect((await storage().head(a.storagePath!))?.size).toBe(a.fileSizeBytes);
  }
  const costs = await db()
    .select()
    .from(generationCosts)
    .where(eq(generationCosts.sessionId, s.id))
    .orderBy(asc(generationCosts.createdAt), asc(generationCosts.id));
  for (const id of ids) {
    const mine = costs.filter((c) => c.assetId === id);
    expect(
      mine.filter((c) => c.success),
      `one success row for image ${id}`,
    ).toHaveLength(1);
  }
  expect(costs.filter((c) => c.category === "llm" && c.success)).toHaveLength(1);
  const sum = costs.reduce((t, c) => t + Number(c.amount), 0);
  expect(Number(s.totalCost)).toBeCloseTo(sum, 4);
  return { costs, ids };
}

test("SIGKILL mid-generation, restart: every image exactly once", async () => {
  const numImages = 8;
  const first = await worker(WORKER_ENV);
  const s = await createSession(user.id, numImages);
  const t0 = Date.now();
  await startImageStage(s.id);

  // Wait until some images are done and others are being generated right now.
  const atKill = await waitFor(
    "images done and images in flight",
    async () => {
      const c = await imageCounts(s.id);
      // Jobs that started moments ago are surely still inside their 1.5 s call.
      const active = await db().execute<{ id: string }>(
        sql`select id from pgboss.job where name = 'generate-image' and state = 'active' and started_on > now() - interval '500 milliseconds'`,
      );
      return c.done >= 2 && c.generating >= 2 && active.length >= 1
        ? { ...c, activeJobIds: active.map((j) => j.id) }
        : undefined;
    },
    90_000,
    100,
  );
  await first.kill();
  const killedAt = Date.now();

  const second = await worker(WORKER_ENV);
  const restartedAt = Date.now();
  const done = await imageStageOver(s.id, "the stage to finish after the restart").catch((err) => {
    throw new Error(`${err.message}\nrestarted worker output:\n${second.output().slice(-3000)}`);
  });
  const finishedAt = Date.now();

  const { costs, ids } = await expectExactlyOnce(done, numImages);
  // Failures (if any) come before the one success of each image.
  for (const id of ids) {
    const mine = costs.filter((c) => c.assetId === id);
    expect(mine.at(-1)?.success).toBe(true);
  }
  // One job per image (the restart's re-enqueue hit the same deterministic job id), and the
  // jobs the kill interrupted ran again.
  const jobs = await imageJobs(ids);
  expect(jobs).toHaveLength(numImages);
  // (A job may have finished between the check and the kill: only the others were cut off.)
  const interrupted = jobs.filter(
    (j) =>
      atKill.activeJobIds.includes(j.id) &&
      (!j.completed_on || new Date(j.completed_on).getTime() > killedAt),
  );
  const context = JSON.stringify({ killedAt, atKill, jobs });
  expect(interrupted.length, `jobs cut off by the kill: ${context}`).toBeGreaterThanOrEqual(1);
  for (const j of interrupted)
    expect(j.retry_count, `job ${j.id} ran again: ${context}`).toBeGreaterThanOrEqual(1);
  const parseJobs = await db().execute<{ n: number }>(sql`
    select count(*)::int as n from (select data from pgboss.job where name = 'parse-prompt' union all
      select data from pgboss.archive where name = 'parse-prompt') j where data->>'sessionId' = ${s.id}`);
  expect(parseJobs[0].n).toBe(1);

  const retakenAfter = interrupted
    .map((j) => (j.completed_on ? new Date(j.completed_on).getTime() - killedAt : NaN))
    .filter(Number.isFinite);
  console.log(
    `[crash] killed ${((killedAt - t0) / 1000).toFixed(1)} s after start with ${atKill.done} done / ${atKill.generating} generating ` +
      `(${atKill.activeJobIds.length} jobs active); restarted worker ready in ${((restartedAt - killedAt) / 1000).toFixed(1)} s; ` +
      `interrupted jobs completed ${retakenAfter.map((ms) => (ms / 1000).toFixed(1)).join(", ")} s after the kill ` +
      `(expiry ${WORKER_ENV.JOB_EXPIRE_SECONDS} s); stage done ${((finishedAt - restartedAt) / 1000).toFixed(1)} s after the restart; ` +
      `${costs.length} cost rows for ${numImages} images`,
  );
}, 240_000);

test("a job that outlives its expiry runs twice but completes its image once", async () => {
  const numImages = 4;
  // Every image call takes longer than the job's expiry: pg-boss fails the job while the
  // first run is still working and starts a second run in parallel.
  await worker({ ...WORKER_ENV, TEST_LATENCY_MS: "4000", JOB_EXPIRE_SECONDS: "1" });
  const s = await createSession(user.id, numImages);
  await startImageStage(s.id);
  const done = await imageStageOver(s.id, "the stage to finish");
  // Let every run of every job finish (the late ones find their image done and stop).
  const ids = done.generatedImageIds ?? [];
  const jobs = await waitFor(
    "every run to settle",
    async () => {
      const js = await imageJobs(ids);
      return js.every((j) => j.state === "completed" || j.state === "failed") ? js : undefined;
    },
    60_000,
    250,
  );
  const { costs } = await expectExactlyOnce(await sessionRow(s.id), numImages);
  expect(jobs).toHaveLength(numImages);
  // The precondition this test is about: runs really overlapped.
  expect(jobs.some((j) => j.retry_count >= 1)).toBe(true);
  console.log(
    `[crash] expiry 1 s, calls 4 s: runs per image job ${jobs.map((j) => j.retry_count + 1).join("/")}; ` +
      `cost rows per image ${ids.map((id) => costs.filter((c) => c.assetId === id).length).join("/")}`,
  );
}, 180_000);

test("jobs left active on a database this process just started are handed back at once", async () => {
  // What `npm start` does after a crash with the embedded database: nothing else can be
  // running those jobs, so they need not wait JOB_EXPIRE_SECONDS.
  const boss = await queue();
  const s = await createSession(user.id);
  const id = await boss.send("plan-scenes", { sessionId: s.id, run: 0 });
  const [fetched] = await boss.fetch("plan-scenes");
  expect(fetched.id).toBe(id);
  expect((await boss.getJobById("plan-scenes", id!))?.state).toBe("active");
  expect(await reclaimActiveJobs()).toBeGreaterThanOrEqual(1);
  const job = await boss.getJobById("plan-scenes", id!);
  expect(job?.state).toBe("retry");
  await boss.deleteJob("plan-scenes", id!);
});
