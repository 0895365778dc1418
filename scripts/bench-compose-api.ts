// What the marketer waits for, end to end: a session at clip review with the local video
// provider's own clips (six 3 s clips at 1080×1920, 9:16), the clips approved through the API,
// a pause (BENCH_PAUSE_SECONDS, default 45: the marketer writes the text meanwhile, and the
// Finish step sends it with POST /prepare, as it does in the studio), then POST /compose with a title, an end card and music, timed until GET /api/sessions/:id says
// `completed`, against the ad's duration. Where the time went is read back from the rows the
// job wrote: the music's generation time and the compose step's own (the final video's
// render.ms); the rest is job overhead (queue, clip copies, storing, bookkeeping).
// Run by `npm run bench:compose` after the engine figures (its own process: own database).
//
//   tsx scripts/bench-compose-api.ts     (BENCH_API_RUNS=2, BENCH_PAUSE_SECONDS=45)
import { mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";

const RUNS = Math.max(1, Number(process.env.BENCH_API_RUNS ?? 2));
const PAUSE_SECONDS = Number(process.env.BENCH_PAUSE_SECONDS ?? 45);
const CLIPS = 6;
const dataDir = mkdtempSync(path.join(tmpdir(), "adsmith-bench-api-"));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "55497",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  REPLICATE_API_TOKEN: "", // the local providers
});
const { startEmbeddedPostgres } = await import("../lib/db/embedded");
const pgServer = await startEmbeddedPostgres(() => {});
const { migrateDatabase } = await import("../lib/db/migrate");
await migrateDatabase(pgServer.url);
(await import("../lib/db/client")).setDatabaseUrl(pgServer.url);
const { eq } = await import("drizzle-orm");
const { db } = await import("../lib/db/client");
const { assets, generationCosts, sessions } = await import("../lib/db/schema");
const { outputSize } = await import("../lib/media/formats");
const { renderStudioImage } = await import("../lib/providers/local/image-renderer");
const { renderCameraClip } = await import("../lib/providers/local/video");
const { startWorker, stopWorker } = await import("../lib/pipeline/worker");
const { stopQueue } = await import("../lib/pipeline/queue");
const { closeEmitter } = await import("../lib/realtime/events");
// The test server resolves app/api from __dirname (vitest provides it; plain ESM does not).
(globalThis as { __dirname?: string }).__dirname = path.resolve(
  import.meta.dirname,
  "../tests/support",
);
const { startTestServer } = await import("../tests/support/test-server");
const { apiClient, createTestUser } = await import("../tests/support/users");
const { insertStoredClip } = await import("../tests/support/stored-clip");

const server = await startTestServer();
await startWorker();
const user = await createTestUser("bench");
const api = apiClient(server.url, user);
const size = outputSize("9:16", 1);
const MOVES = ["pan_right", "tilt_up", "pan_left", "tilt_down", "zoom_in", "orbit"] as const;

/** An ad at clip review whose clips the local video provider made (not timed). */
async function adAtClipReview(seed: number): Promise<{ id: string; clips: string[] }> {
  const [s] = await db()
    .insert(sessions)
    .values({
      userId: user.id,
      status: "reviewing_videos",
      currentStage: "video_gen",
      progressPercentage: 90,
      userProductPrompt: "pink running sneakers with white laces",
      productName: "Pink Runner", // as the plan names it
      userVideoPrompt: "a slow turn",
      productCategory: "footwear",
      consistencySeed: seed,
      clipDurationSeconds: "3.00",
      aspectRatio: "9:16",
    })
    .returning();
  const dir = await mkdtemp(path.join(tmpdir(), "bench-api-clips-"));
  try {
    const ids: string[] = [];
    for (let i = 0; i < CLIPS; i++) {
      const image = path.join(dir, `image-${i}.png`);
      await writeFile(
        image,
        await renderStudioImage({
          prompt: "front view",
          negativePrompt: "",
          view: (["front", "side", "back", "top", "detail", "lifestyle"] as const)[i],
          seed: seed + i,
          guidanceScale: 7,
          productPrompt: "pink running sneakers with white laces",
          category: "footwear",
          styleKeywords: ["vibrant"],
          palette: ["#E85D8A"],
          aspectRatio: "9:16",
          ...size,
        }),
      );
      const { filePath } = await renderCameraClip(
        {
          imagePath: image,
          scenePrompt: "",
          cameraMovement: MOVES[i],
          motionIntensity: 0.6,
          durationSeconds: 3,
          aspectRatio: "9:16",
          ...size,
          seed: seed + i,
        },
        dir,
      );
      ids.push(
        await insertStoredClip({ sessionId: s.id, index: i, file: filePath, seconds: 3, size }),
      );
    }
    await db().update(sessions).set({ generatedClipIds: ids }).where(eq(sessions.id, s.id));
    return { id: s.id, clips: ids };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const WORDS = { productName: "Pink Runner", callToAction: "Shop now — 20% off" };
type Run = { wallMs: number; adSeconds: number; musicMs: number; composeMs: number; load: number };

async function oneRun(seed: number): Promise<Run> {
  const { id, clips } = await adAtClipReview(seed);
  const approved = await api.put(`/api/sessions/${id}/approved-clips`, { assetIds: clips });
  if (approved.status !== 200) throw new Error(`approval failed: HTTP ${approved.status}`);
  await new Promise((r) => setTimeout(r, (PAUSE_SECONDS * 1000) / 3));
  // The marketer's own call to action, typed on the Finish step, which sends it (debounced).
  const prepared = await api.post(`/api/sessions/${id}/prepare`, {
    aspectRatios: ["9:16"],
    productName: WORDS.productName,
    callToAction: WORDS.callToAction,
  });
  if (prepared.status !== 202) throw new Error(`prepare refused: HTTP ${prepared.status}`);
  await new Promise((r) => setTimeout(r, (PAUSE_SECONDS * 1000 * 2) / 3));
  const load = loadavg()[0];
  const started = performance.now();
  const res = await api.post(`/api/sessions/${id}/compose`, {
    ...WORDS,
    backgroundMusic: { enabled: true, genre: "upbeat" },
    aspectRatios: ["9:16"],
  });
  if (res.status !== 202) throw new Error(`compose refused: ${res.status} ${await res.text()}`);
  for (;;) {
    const body = (await (await api.get(`/api/sessions/${id}`)).json()) as {
      session: { status: string; errorMessage?: string };
    };
    if (body.session.status === "completed") break;
    if (body.session.status === "failed") throw new Error(body.session.errorMessage);
    await new Promise((r) => setTimeout(r, 25));
  }
  const wallMs = performance.now() - started;
  const rows = await db().select().from(assets).where(eq(assets.sessionId, id));
  const video = rows.find((a) => a.type === "final_video")!;
  const costs = await db().select().from(generationCosts).where(eq(generationCosts.sessionId, id));
  const music = costs.find((c) => c.category === "audio_generation");
  return {
    wallMs,
    adSeconds: Number(video.durationSeconds),
    musicMs: Number(music?.apiLatencyMs ?? 0),
    composeMs: (video.metadata as { render: { ms: number } }).render.ms,
    load,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
try {
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await oneRun(1000 + r * 10));
  const wall = median(runs.map((r) => r.wallMs));
  const ad = runs[0].adSeconds;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `\nthrough the API (local provider's clips: ${CLIPS} × 3 s, 9:16, title, end card, music; ${PAUSE_SECONDS} s pause after approving the clips; median of ${RUNS})`,
  );
  console.log(
    `request → completed ${s(wall)} for a ${ad.toFixed(2)} s ad: ${(ad / (wall / 1000)).toFixed(2)}× realtime (goal ≥ 5×)`,
  );
  console.log(
    `  of which music ${s(median(runs.map((r) => r.musicMs)))} (overlaps the render), compose step ${s(median(runs.map((r) => r.composeMs)))}, the rest job overhead`,
  );
  console.log(
    `  every run: ${runs.map((r) => `${s(r.wallMs)} (music ${s(r.musicMs)}, compose ${s(r.composeMs)}, load ${r.load.toFixed(1)})`).join("; ")}`,
  );
} finally {
  await stopWorker(2_000);
  await server.close();
  await closeEmitter();
  await stopQueue();
  await pgServer.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
