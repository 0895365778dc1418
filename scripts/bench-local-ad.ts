// Times one whole ad on the offline providers, through the JSON API with no think time: a
// sentence → 6 images → all approved → 6 clips of 3 s → all approved → the final 9:16 video
// (music on). Production settings (full 1080×1920 size, default concurrency and x264 preset);
// the API, the worker and an embedded PostgreSQL share this process, like `npm start`.
// Prints each step's wall time and the CPU the machine spent (this process and its ffmpeg
// children), with the load average, as the machine may be shared.
//
//   npm run bench:local            (runs this after the provider timings)
//   npx tsx scripts/bench-local-ad.ts "a sentence"     (this alone)
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { cpuSeconds } from "./cpu-seconds";

const SENTENCE = process.argv[2] ?? "matte-black stainless steel water bottle";
const dataDir = mkdtempSync(path.join(tmpdir(), "adsmith-bench-ad-"));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "55493",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
delete process.env.REPLICATE_API_TOKEN; // the offline providers, whatever the shell has
delete process.env.DATABASE_URL;

const { startEmbeddedPostgres } = await import("../lib/db/embedded");
const pgServer = await startEmbeddedPostgres(() => {});
const { migrateDatabase } = await import("../lib/db/migrate");
await migrateDatabase(pgServer.url);
(await import("../lib/db/client")).setDatabaseUrl(pgServer.url);
const { env } = await import("../lib/env");
const { startWorker, stopWorker } = await import("../lib/pipeline/worker");
const { closeEmitter } = await import("../lib/realtime/events");
// The test server resolves app/api from __dirname (vitest provides it; plain ESM does not).
(globalThis as { __dirname?: string }).__dirname = path.resolve(
  import.meta.dirname,
  "../tests/support",
);
const { startTestServer } = await import("../tests/support/test-server");
const { apiClient, createTestUser } = await import("../tests/support/users");

const server = await startTestServer();
await startWorker();
const api = apiClient(server.url, await createTestUser("bench-ad"));

type Detail = {
  session: { id: string; status: string; errorMessage?: string | null };
  images: { id: string; status: string }[];
  videoClips: { id: string; status: string; durationSeconds?: number | null }[];
};

async function call<T>(res: Promise<Response>, what: string): Promise<T> {
  const r = await res;
  const body = await r.text();
  if (!r.ok) throw new Error(`${what}: HTTP ${r.status} ${body.slice(0, 300)}`);
  return (body ? JSON.parse(body) : undefined) as T;
}

async function until(id: string, status: string): Promise<Detail> {
  for (;;) {
    const d = await call<Detail>(api.get(`/api/sessions/${id}`), "GET session");
    if (d.session.status === status) return d;
    if (d.session.status === "failed") throw new Error(`the ad failed: ${d.session.errorMessage}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const steps: [string, number, number][] = [];
async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now(),
    c0 = cpuSeconds();
  const out = await work();
  steps.push([label, (performance.now() - t0) / 1000, cpuSeconds() - c0]);
  return out;
}

const loadBefore = loadavg().map((l) => l.toFixed(1));
let exitCode = 0;
try {
  const started = performance.now();
  const { session } = await call<{ session: { id: string } }>(
    api.post("/api/sessions", { productPrompt: SENTENCE, numImages: 6, aspectRatio: "9:16" }),
    "create",
  );
  const id = session.id;
  const images = await step("prompt + 6 images", async () => {
    await call(api.post(`/api/sessions/${id}/generate-images`, {}), "generate-images");
    return until(id, "reviewing_images");
  });
  await call(
    api.put(`/api/sessions/${id}/approved-images`, {
      assetIds: images.images.filter((i) => i.status === "completed").map((i) => i.id),
    }),
    "approve images",
  );
  const clips = await step("6 clips of 3 s", async () => {
    await call(
      api.post(`/api/sessions/${id}/generate-clips`, {
        videoPrompt: "a slow studio turn",
        clipDurationSeconds: 3,
      }),
      "generate-clips",
    );
    return until(id, "reviewing_videos");
  });
  await call(
    api.put(`/api/sessions/${id}/approved-clips`, {
      assetIds: clips.videoClips.filter((c) => c.status === "completed").map((c) => c.id),
    }),
    "approve clips",
  );
  await step("compose 9:16 with music", async () => {
    await call(
      api.post(`/api/sessions/${id}/compose`, {
        productName: "Bench Bottle",
        callToAction: "Shop now",
        backgroundMusic: { enabled: true, genre: "upbeat" },
        aspectRatios: ["9:16"],
      }),
      "compose",
    );
    return until(id, "completed");
  });
  const total = (performance.now() - started) / 1000;
  const done = await call<Detail & { finalVideo?: { width?: number; height?: number } }>(
    api.get(`/api/sessions/${id}`),
    "GET session",
  );
  const clipSeconds = done.videoClips.map((c) => c.durationSeconds ?? 0);
  console.log(
    `\nsentence → final 9:16 video, local providers, ${cpus().length} cores, preset ${env.RENDER_PRESET}, load ${loadBefore.join(" ")} → ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(`  "${SENTENCE}", clips ${clipSeconds.map((d) => d.toFixed(1)).join(" ")} s`);
  for (const [label, wall, cpu] of steps)
    console.log(
      `  ${label.padEnd(26)} ${wall.toFixed(1).padStart(5)} s wall  ${cpu.toFixed(1).padStart(5)} s CPU`,
    );
  console.log(`  ${"total (goal ≤ 30 s)".padEnd(26)} ${total.toFixed(1).padStart(5)} s wall`);
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await stopWorker(2_000);
  await server.close();
  await closeEmitter();
  await pgServer.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
