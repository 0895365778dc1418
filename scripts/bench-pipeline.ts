// Benchmarks the pipeline on the Replicate providers against the fake Replicate with a fixed
// latency per prediction: 1, 10 and 50 concurrent sessions through images (4 each) and clips
// (2 each), with webhooks on, each size run BENCH_REPEAT times. For each run: wall time (both
// phases, the marketer's approval in between left out), the ideal wall time under the same
// limits (./bench-pipeline-ideal.ts), their ratio, jobs per second, the latency of progress
// events from the database change (the asset row's updated_at) to a Socket.IO client, where
// the time went per job (median / p95 of each hop), the event-loop delay, and the machine's
// load average before and after (the machine is shared).
//
//   npm run bench:pipeline     (BENCH_LATENCY_MS=2000, BENCH_SESSIONS=1,10,50, BENCH_REPEAT=2)
//
// Production defaults everywhere except: concurrency 50 per job kind (IMAGE_/VIDEO_/
// LLM_CONCURRENCY, so that 50 sessions are limited by Replicate's create rate, 600/min, not by
// our slots) and tiny renders. Deadlines are the production ones (the test suite's 5 s
// cancelled slow clips on a loaded machine). The fake runs in a process of its own, as
// Replicate is not in ours; the API, Socket.IO, the worker and the socket client share this
// one, like `npm start` with its built-in worker. Any setting can be overridden from the
// environment (JOB_POLL_SECONDS, REPLICATE_CREATES_PER_MINUTE, …); BENCH_SPAWN_LOG=1 also
// counts the child processes by kind.
import { ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { idealPhase } from "./bench-pipeline-ideal";

const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 2000);
const SIZES = (process.env.BENCH_SESSIONS ?? "1,10,50").split(",").map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);
const IMAGES = 4;
const CLIPS = 2;
const dataDir = mkdtempSync(path.join(tmpdir(), "adsmith-bench-"));
chmodSync(dataDir, 0o755);
Object.assign(process.env, {
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "55491",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  RENDER_SCALE: "0.1",
  RENDER_PRESET: "ultrafast",
  IMAGE_CONCURRENCY: process.env.IMAGE_CONCURRENCY ?? "50",
  VIDEO_CONCURRENCY: process.env.VIDEO_CONCURRENCY ?? "50",
  LLM_CONCURRENCY: process.env.LLM_CONCURRENCY ?? "50",
  // One user drives every ad (up to 50 at once), past the per-user default of 10.
  QUOTA_ADS_AT_ONCE: process.env.QUOTA_ADS_AT_ONCE ?? "1000",
  // Empty = unset for lib/env (production deadlines); ../tests/support/fake-replicate/env only fills in undefined.
  REPLICATE_DEADLINE_SECONDS: process.env.REPLICATE_DEADLINE_SECONDS ?? "",
  REPLICATE_POLL_MAX_SECONDS: process.env.REPLICATE_POLL_MAX_SECONDS ?? "",
});
const { FAKE_TOKEN, FAKE_SECRET, fakePort } = await import("../tests/support/fake-replicate/env");
const { startEmbeddedPostgres } = await import("../lib/db/embedded");
const pgServer = await startEmbeddedPostgres(() => {});
const { migrateDatabase } = await import("../lib/db/migrate");
await migrateDatabase(pgServer.url);
(await import("../lib/db/client")).setDatabaseUrl(pgServer.url);

const { io: ioClient } = await import("socket.io-client");
const { and, eq, inArray, sql } = await import("drizzle-orm");
const { env } = await import("../lib/env");
const { db } = await import("../lib/db/client");
const { assets, generationCosts, sessions } = await import("../lib/db/schema");
const { startWorker, stopWorker } = await import("../lib/pipeline/worker");
const { attachRealtime } = await import("../lib/realtime/server");
const { closeEmitter } = await import("../lib/realtime/events");
const { MODELS } = await import("../lib/providers/prices");
const { binaries } = await import("../lib/media/binaries");
// The test server resolves app/api from __dirname (vitest provides it; plain ESM does not).
(globalThis as { __dirname?: string }).__dirname = path.resolve(
  import.meta.dirname,
  "../tests/support",
);
const { startTestServer } = await import("../tests/support/test-server");
const { apiClient, createTestUser } = await import("../tests/support/users");

// The fake runs in a process of its own, as Replicate would (./tests/support/fake-replicate/serve.ts).
const fake = spawn(process.execPath, ["--import", "tsx", "tests/support/fake-replicate/serve.ts"], {
  cwd: path.resolve(import.meta.dirname, ".."),
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    FAKE_PORT: String(fakePort()),
    FAKE_TOKEN,
    FAKE_SECRET,
    FAKE_LATENCY_MS: String(LATENCY),
  },
});
process.on("exit", () => fake.kill("SIGTERM"));
await new Promise<void>((resolve, reject) => {
  fake.stdout!.on(
    "data",
    (d: Buffer) => d.toString().includes("fake replicate ready") && resolve(),
  );
  fake.once("exit", (code) => reject(new Error(`the fake Replicate exited (${code})`)));
});
type FakePrediction = {
  id: string;
  model: string;
  created_at: string;
  completed_at: string | null;
};
async function fakePredictions(): Promise<Map<string, FakePrediction>> {
  const res = await fetch(`${env.REPLICATE_BASE_URL!.replace(/\/v1$/, "")}/_fake/predictions`, {
    headers: { authorization: `Bearer ${FAKE_TOKEN}` },
  });
  return new Map(((await res.json()) as FakePrediction[]).map((p) => [p.id, p]));
}
const LLM_MODEL = MODELS["llama-3.1-405b-instruct"].replicate!.model;
let realtime: { close: () => Promise<void> } | undefined;
const server = await startTestServer({ attach: (http) => (realtime = attachRealtime(http)) });
(env as { PUBLIC_URL?: string }).PUBLIC_URL = server.url; // webhooks to this server
await startWorker();
const user = await createTestUser("bench");
const api = apiClient(server.url, user);

const pct = (xs: number[], p: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
    : NaN;
const ms = (xs: number[]) => `${pct(xs, 50).toFixed(0)}/${pct(xs, 95).toFixed(0)}`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

/** Waits until every session has `status` (one query per 50 ms); on a failure, says why and throws. */
async function waitAll(ids: string[], status: string): Promise<void> {
  for (;;) {
    const rows = await db()
      .select({ status: sessions.status, error: sessions.errorMessage })
      .from(sessions)
      .where(inArray(sessions.id, ids));
    const failed = rows.find((s) => s.status === "failed");
    if (failed) {
      const why = await db()
        .select({ type: assets.type, error: assets.errorMessage, n: sql<number>`count(*)::int` })
        .from(assets)
        .where(and(inArray(assets.sessionId, ids), eq(assets.status, "failed")))
        .groupBy(assets.type, assets.errorMessage);
      const costs = await db()
        .select({
          category: generationCosts.category,
          error: generationCosts.errorMessage,
          n: sql<number>`count(*)::int`,
        })
        .from(generationCosts)
        .where(and(inArray(generationCosts.sessionId, ids), eq(generationCosts.success, false)))
        .groupBy(generationCosts.category, generationCosts.errorMessage);
      throw new Error(
        `a session failed: ${failed.error}\n  failed assets: ${JSON.stringify(why)}\n  failed calls: ${JSON.stringify(costs)}`,
      );
    }
    if (rows.every((s) => s.status === status)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Per job: asset row written → prediction created (queue pickup, setup, create-rate wait),
 * created → completed at the fake, completed → asset row completed (notice, download, save). */
async function hops(
  ids: string[],
  type: "image" | "video_clip",
  fake: Map<string, FakePrediction>,
) {
  const rows = await db()
    .select({
      created: assets.createdAt,
      updated: assets.updatedAt,
      predictionId: assets.predictionId,
    })
    .from(assets)
    .where(
      and(
        inArray(assets.sessionId, ids),
        eq(assets.type, type),
        inArray(assets.status, ["completed", "approved"]),
      ),
    );
  const out = { pickup: [] as number[], provider: [] as number[], finish: [] as number[] };
  for (const r of rows) {
    const p = fake.get(r.predictionId ?? "");
    if (!p?.completed_at) continue;
    out.pickup.push(Date.parse(p.created_at) - r.created!.getTime());
    out.provider.push(Date.parse(p.completed_at) - Date.parse(p.created_at));
    out.finish.push(r.updated!.getTime() - Date.parse(p.completed_at));
  }
  return out;
}

/** Event latency: the asset row's updated_at (its completion) → the client got the event. Read
 * right after each phase, before anything (an approval) changes the rows again. */
type Received = { assetId?: string; at: number; sent: number };
type Latency = { total: number; toSend: number; delivery: number };
async function latencies(events: Received[]): Promise<Latency[]> {
  const withAsset = events.filter((r) => r.assetId);
  if (!withAsset.length) return [];
  const rows = await db()
    .select({ id: assets.id, updatedAt: assets.updatedAt })
    .from(assets)
    .where(
      inArray(
        assets.id,
        withAsset.map((r) => r.assetId!),
      ),
    );
  const changed = new Map(rows.map((r) => [r.id, r.updatedAt!.getTime()]));
  return withAsset
    .filter((r) => changed.has(r.assetId!))
    .map((r) => ({
      total: r.at - changed.get(r.assetId!)!,
      toSend: r.sent - changed.get(r.assetId!)!,
      delivery: r.at - r.sent,
    }));
}

// Every child process (ffmpeg, ffprobe) is started with fork+exec, which stops this whole
// process for as long as copying its page tables takes: counted, to show what it costs.
const spawns = { n: 0, ms: 0 };
const spawnKinds = new Map<string, number>();
type Spawnable = { spawn: (...args: unknown[]) => unknown };
const proto = ChildProcess.prototype as unknown as Spawnable;
const protoSpawn = proto.spawn;
proto.spawn = function (this: ChildProcess, ...args: unknown[]) {
  const t = performance.now();
  try {
    return protoSpawn.apply(this, args);
  } finally {
    if (process.env.BENCH_SPAWN_LOG) {
      const o = args[0] as { file: string; args: string[] };
      const key =
        process.env.BENCH_SPAWN_LOG === "full"
          ? o.args.join(" ")
          : `${path.basename(o.file)} ${o.args.includes("-show_entries") ? o.args[o.args.indexOf("-show_entries") + 1].slice(0, 20) : (o.args.find((a) => a.startsWith("-t") || a === "lavfi") ?? "")}`;
      spawnKinds.set(key, (spawnKinds.get(key) ?? 0) + 1);
    }
    spawns.n++;
    spawns.ms += performance.now() - t;
  }
};

console.log(
  `fake Replicate (its own process): ${LATENCY} ms per prediction; concurrency llm ${env.LLM_CONCURRENCY}, image ${env.IMAGE_CONCURRENCY}, video ${env.VIDEO_CONCURRENCY}; creates ≤ ${env.REPLICATE_CREATES_PER_MINUTE}/min (burst ≤ 10); webhooks on; ${cpus().length} cores; ffmpeg ${binaries().ffmpeg}, ffprobe ${binaries().ffprobe}`,
);
console.log(
  "ideal = simulated zero-overhead schedule per phase (LLM step, then its media jobs — for images the hero first, then the other views; ≥ waves = ceil(n/c_llm)·L + ceil(k·n/c_media)·L and ≥ rate = last create the token bucket allows + L), images phase + clips phase",
);
console.log(
  "sessions | wall s | ideal s (images + clips) | ratio | jobs/s | progress p50 ms | p95 ms | events timed | load before → after",
);
const details: string[] = [];
for (const n of SIZES) {
  const limits = (media: number) => ({
    latencyMs: LATENCY,
    llm: env.LLM_CONCURRENCY,
    media,
    perMinute: env.REPLICATE_CREATES_PER_MINUTE,
  });
  // Without a product photo the hero image is made first and the other views from it.
  const idealImages = idealPhase(n, IMAGES, limits(env.IMAGE_CONCURRENCY), true);
  const idealClips = idealPhase(n, CLIPS, limits(env.VIDEO_CONCURRENCY));
  const ideal = (idealImages.ms + idealClips.ms) / 1000;
  for (let rep = 0; rep < REPEAT; rep++) {
    const loadBefore = load();
    const received: Received[] = [];
    const socket = ioClient(server.url, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { cookie: user.cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    socket.on("session:progress", (e: { asset?: { id: string; status: string }; at: number }) =>
      received.push({
        assetId: e.asset?.status === "completed" ? e.asset.id : undefined,
        at: Date.now(),
        sent: e.at,
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { session } = (await (
        await api.post("/api/sessions", {
          productPrompt: `bench sneakers number ${i}`,
          numImages: IMAGES,
        })
      ).json()) as { session: { id: string } };
      ids.push(session.id);
      await socket.timeout(10_000).emitWithAck("session:join", { sessionId: session.id });
    }
    const spawnsBefore = { ...spawns };
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let line: string;
    try {
      const started = Date.now();
      await Promise.all(ids.map((id) => api.post(`/api/sessions/${id}/generate-images`, {})));
      await waitAll(ids, "reviewing_images");
      const imagesWall = Date.now() - started;
      lag.disable();
      await new Promise((r) => setTimeout(r, 200)); // events still on their way
      const imageLat = await latencies(received);
      const img = await hops(ids, "image", await fakePredictions());
      const approveStarted = Date.now();
      await Promise.all(
        ids.map(async (id) => {
          const d = (await (await api.get(`/api/sessions/${id}`)).json()) as {
            images: { id: string }[];
          };
          await api.put(`/api/sessions/${id}/approved-images`, {
            assetIds: d.images.slice(0, CLIPS).map((a) => a.id),
          });
        }),
      );
      const approval = Date.now() - approveStarted; // the marketer's part, not the pipeline's
      lag.enable();
      const clipsStarted = Date.now();
      received.length = 0;
      await Promise.all(
        ids.map((id) =>
          api.post(`/api/sessions/${id}/generate-clips`, {
            videoPrompt: "a slow turn",
            clipDurationSeconds: 2,
          }),
        ),
      );
      await waitAll(ids, "reviewing_videos");
      const clipsWall = Date.now() - clipsStarted;
      lag.disable();
      const wall = (imagesWall + clipsWall) / 1000;
      await new Promise((r) => setTimeout(r, 200));
      const lat = [...imageLat, ...(await latencies(received))];
      const jobs = n * (2 + IMAGES + CLIPS);
      line = [
        n,
        wall.toFixed(1),
        `${ideal.toFixed(1)} (${(idealImages.ms / 1000).toFixed(1)} + ${(idealClips.ms / 1000).toFixed(1)})`,
        (wall / ideal).toFixed(2),
        (jobs / wall).toFixed(1),
        pct(
          lat.map((l) => l.total),
          50,
        ).toFixed(0),
        pct(
          lat.map((l) => l.total),
          95,
        ).toFixed(0),
        lat.length,
      ].join(" | ");
      const predictions = await fakePredictions();
      const clip = await hops(ids, "video_clip", predictions);
      const outcomes = await db().execute<{ outcome: string; n: number }>(
        sql`select payload->>'outcome' as outcome, count(*)::int as n from webhook_events where received_at >= ${new Date(started).toISOString()}::timestamptz group by 1 order by 2 desc`,
      );
      const failedCalls = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(generationCosts)
        .where(and(inArray(generationCosts.sessionId, ids), eq(generationCosts.success, false)));
      const llm = [...predictions.values()].filter(
        (p) => p.model === LLM_MODEL && p.completed_at && Date.parse(p.created_at) >= started,
      );
      details.push(
        `  ${n} sessions #${rep + 1}: images ${(imagesWall / 1000).toFixed(1)} s (ideal ${(idealImages.ms / 1000).toFixed(1)}: waves ${(idealImages.wavesMs / 1000).toFixed(1)}, rate ${(idealImages.rateMs / 1000).toFixed(1)} for ${idealImages.creates} creates), clips ${(clipsWall / 1000).toFixed(1)} s (ideal ${(idealClips.ms / 1000).toFixed(1)}: waves ${(idealClips.wavesMs / 1000).toFixed(1)}, rate ${(idealClips.rateMs / 1000).toFixed(1)} for ${idealClips.creates} creates); approval ${approval} ms left out\n` +
          `    per job, ms p50/p95 — image: row→created ${ms(img.pickup)}, at the fake ${ms(img.provider)}, completed→saved ${ms(img.finish)}; clip: row→created ${ms(clip.pickup)}, at the fake ${ms(clip.provider)}, completed→saved ${ms(clip.finish)}; llm at the fake ${ms(llm.map((p) => Date.parse(p.completed_at!) - Date.parse(p.created_at)))}\n` +
          `    event-loop delay p50/p99/max ${(lag.percentile(50) / 1e6).toFixed(0)}/${(lag.percentile(99) / 1e6).toFixed(0)}/${(lag.max / 1e6).toFixed(0)} ms; ${spawns.n - spawnsBefore.n} child processes started, blocking this process ${((spawns.ms - spawnsBefore.ms) / 1000).toFixed(1)} s in all (rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB)\n` +
          `    progress events, ms p50/p95: row changed → sent ${ms(lat.map((l) => l.toSend))} (transaction, session read), sent → received ${ms(lat.map((l) => l.delivery))} (NOTIFY, adapter, socket)\n` +
          `    webhooks: ${[...outcomes].map((o) => `${o.outcome} ${o.n}`).join(", ")}; failed provider calls (retried) ${failedCalls[0]?.n ?? 0}`,
      );
    } catch (err) {
      line = `${n} | failed: ${(err as Error).message}`;
    } finally {
      lag.disable();
      socket.close();
    }
    console.log(`${line} | ${loadBefore} → ${load()}`);
  }
}
console.log("where the time went:");
console.log(details.join("\n"));
if (spawnKinds.size) console.log("child processes:", JSON.stringify([...spawnKinds]));

await stopWorker(2_000);
await realtime?.close();
await server.close();
await closeEmitter();
fake.kill("SIGTERM");
await pgServer.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
