// Benchmarks the pipeline on the Replicate providers against the fake Replicate with a fixed
// latency per prediction: 1, 10 and 50 concurrent sessions through images (4 each) and clips
// (2 each), with webhooks on. For each: wall time, the ideal wall time those latencies allow
// under our concurrency and create-rate limits (stages in lockstep: Σ max(rounds × latency,
// creates ÷ rate + latency)), their ratio, jobs per second, and the latency of progress events
// from the database change (the asset row's updated_at) to a Socket.IO client.
//
//   npm run bench:pipeline     (BENCH_LATENCY_MS=2000, BENCH_SESSIONS=1,10,50)
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 2000);
const SIZES = (process.env.BENCH_SESSIONS ?? "1,10,50").split(",").map(Number);
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
  REPLICATE_POLL_MAX_SECONDS: process.env.REPLICATE_POLL_MAX_SECONDS ?? "5",
});
const { FAKE_TOKEN, FAKE_SECRET, fakePort } = await import("../tests/support/fake-replicate/env");
const { startEmbeddedPostgres } = await import("../lib/db/embedded");
const pgServer = await startEmbeddedPostgres(() => {});
const { migrateDatabase } = await import("../lib/db/migrate");
await migrateDatabase(pgServer.url);
(await import("../lib/db/client")).setDatabaseUrl(pgServer.url);

const { io: ioClient } = await import("socket.io-client");
const { inArray } = await import("drizzle-orm");
const { env } = await import("../lib/env");
const { db } = await import("../lib/db/client");
const { assets } = await import("../lib/db/schema");
const { startWorker, stopWorker } = await import("../lib/pipeline/worker");
const { attachRealtime } = await import("../lib/realtime/server");
const { closeEmitter } = await import("../lib/realtime/events");
const { startFakeReplicate } = await import("../tests/support/fake-replicate");
// The test server resolves app/api from __dirname (vitest provides it; plain ESM does not).
(globalThis as { __dirname?: string }).__dirname = path.resolve(import.meta.dirname, "../tests/support");
const { startTestServer } = await import("../tests/support/test-server");
const { apiClient, createTestUser } = await import("../tests/support/users");

const fake = await startFakeReplicate({ token: FAKE_TOKEN, webhookSecret: FAKE_SECRET, port: fakePort() });
for (const m of ["meta/meta-llama-3.1-405b-instruct", "black-forest-labs/flux-1.1-pro", "stability-ai/stable-video-diffusion"]) fake.behave(m, { latencyMs: LATENCY });
let realtime: { close: () => Promise<void> } | undefined;
const server = await startTestServer({ attach: (http) => (realtime = attachRealtime(http)) });
(env as { PUBLIC_URL?: string }).PUBLIC_URL = server.url; // webhooks to this server
await startWorker();
const user = await createTestUser("bench");
const api = apiClient(server.url, user);

type Received = { assetId?: string; at: number };

async function waitAll(ids: string[], status: string): Promise<void> {
  for (;;) {
    const states = await Promise.all(ids.map(async (id) => ((await (await api.get(`/api/sessions/${id}`)).json()) as { session: { status: string; errorMessage?: string } }).session));
    const failed = states.find((s) => s.status === "failed");
    if (failed) throw new Error(`a session failed: ${failed.errorMessage}`);
    if (states.every((s) => s.status === status)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function idealSeconds(n: number): number {
  const rate = env.REPLICATE_CREATES_PER_MINUTE / 60;
  const stage = (jobs: number, concurrency: number) => Math.max(Math.ceil(jobs / concurrency) * LATENCY, (Math.max(0, jobs - Math.min(jobs, 10)) / rate) * 1000 + LATENCY);
  return (stage(n, env.LLM_CONCURRENCY) + stage(n * IMAGES, env.IMAGE_CONCURRENCY) + stage(n, env.LLM_CONCURRENCY) + stage(n * CLIPS, env.VIDEO_CONCURRENCY)) / 1000;
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);

console.log(`fake Replicate latency ${LATENCY} ms per prediction; concurrency llm ${env.LLM_CONCURRENCY}, image ${env.IMAGE_CONCURRENCY}, video ${env.VIDEO_CONCURRENCY}; creates ≤ ${env.REPLICATE_CREATES_PER_MINUTE}/min; webhooks on`);
console.log("sessions | wall s | ideal s | ratio | jobs/s | progress p50 ms | p95 ms | events");
for (const n of SIZES) {
  const received: Received[] = [];
  const socket = ioClient(server.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: user.cookie } });
  await new Promise<void>((resolve, reject) => (socket.once("connect", () => resolve()), socket.once("connect_error", reject)));
  socket.on("session:progress", (e: { asset?: { id: string; status: string } }) => received.push({ assetId: e.asset?.status === "completed" ? e.asset.id : undefined, at: Date.now() }));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { session } = (await (await api.post("/api/sessions", { productPrompt: `bench sneakers number ${i}`, numImages: IMAGES })).json()) as { session: { id: string } };
    ids.push(session.id);
    await socket.timeout(10_000).emitWithAck("session:join", { sessionId: session.id });
  }
  const started = Date.now();
  await Promise.all(ids.map((id) => api.post(`/api/sessions/${id}/generate-images`, {})));
  await waitAll(ids, "reviewing_images");
  const approveStarted = Date.now();
  await Promise.all(
    ids.map(async (id) => {
      const d = (await (await api.get(`/api/sessions/${id}`)).json()) as { images: { id: string }[] };
      await api.put(`/api/sessions/${id}/approved-images`, { assetIds: d.images.slice(0, CLIPS).map((a) => a.id) });
      await api.post(`/api/sessions/${id}/generate-clips`, { videoPrompt: "a slow turn", clipDurationSeconds: 2 });
    }),
  );
  const ourApprovalTime = Date.now() - approveStarted; // the marketer's part, not the pipeline's
  await waitAll(ids, "reviewing_videos");
  const wall = (Date.now() - started - ourApprovalTime) / 1000;
  await new Promise((r) => setTimeout(r, 300));
  socket.close();
  const withAsset = received.filter((r) => r.assetId);
  const rows = withAsset.length ? await db().select({ id: assets.id, updatedAt: assets.updatedAt }).from(assets).where(inArray(assets.id, withAsset.map((r) => r.assetId!))) : [];
  const changed = new Map(rows.map((r) => [r.id, r.updatedAt!.getTime()]));
  const lat = withAsset.map((r) => r.at - (changed.get(r.assetId!) ?? r.at));
  const ideal = idealSeconds(n);
  const jobs = n * (2 + IMAGES + CLIPS);
  console.log(
    [n, wall.toFixed(1), ideal.toFixed(1), (wall / ideal).toFixed(2), (jobs / wall).toFixed(1), pct(lat, 50).toFixed(0), pct(lat, 95).toFixed(0), received.length].join(" | "),
  );
}

await stopWorker(2_000);
await realtime?.close();
await server.close();
await closeEmitter();
await fake.close();
await pgServer.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
