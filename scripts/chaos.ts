// Chaos (issue 7.5): N ads driven through the whole pipeline over the HTTP API — images,
// approval, clips, approval, composition with music — on the Replicate providers against the
// fake Replicate (5 % of predictions fail, latency random per prediction, signed webhooks on),
// while worker processes (`worker.ts`) are killed with SIGKILL at random moments and the
// embedded PostgreSQL is stopped and started once. The driver behaves like a marketer: when a
// stage fails it reads the message and presses retry (up to 3 times per ad).
//
// At the end it prints: ads completed / failed with a message / stuck, assets left
// `generating`, predictions paid twice (the fake's predictions attributed to our assets and
// calls: a second successful prediction for the same work, or one nobody recorded), ads whose
// total_cost is not the sum of their cost rows, and stored files missing or unreadable — and
// exits 1 unless every one of those is zero.
//
//   npm run test:chaos        (CHAOS_SESSIONS=20 CHAOS_KILLS=30 CHAOS_WORKERS=2 CHAOS_FAIL_RATE=0.05 CHAOS_SEED=…)
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";

const N = Number(process.env.CHAOS_SESSIONS ?? 20);
const KILLS = Number(process.env.CHAOS_KILLS ?? 30);
const WORKERS = Number(process.env.CHAOS_WORKERS ?? 2);
const FAIL_RATE = Number(process.env.CHAOS_FAIL_RATE ?? 0.05);
const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 1e9));
const RETRIES = 3;
const ROOT = path.resolve(import.meta.dirname, "..");
const started = Date.now();

// Seeded randomness for everything the script decides (kill moments, victims, latencies).
let state = SEED >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const between = (a: number, b: number) => a + random() * (b - a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const say = (msg: string) => console.log(`[chaos ${elapsed()}] ${msg}`);

const dataDir = mkdtempSync(path.join(tmpdir(), "adsmith-chaos-"));
chmodSync(dataDir, 0o755);
const settings = {
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? String(56100 + (SEED % 500)),
  RENDER_SCALE: "0.1",
  RENDER_PRESET: "ultrafast",
  // Job expiry stays at its default (900 s): a killed worker's jobs come back through the
  // worker registry (lib/workers/), WORKER_DEAD_AFTER_SECONDS (30 s) after its last beat.
  JOB_RETRY_DELAY_SECONDS: "1",
  SWEEP_INTERVAL_SECONDS: "5",
  SWEEP_MARGIN_SECONDS: "30",
  REPLICATE_POLL_MAX_SECONDS: "0.5",
  REPLICATE_DEADLINE_SECONDS: "60",
  IMAGE_CONCURRENCY: "4",
  VIDEO_CONCURRENCY: "4",
  LLM_CONCURRENCY: "4",
  SHUTDOWN_GRACE_SECONDS: "5",
};
Object.assign(process.env, settings, { LOG_LEVEL: process.env.LOG_LEVEL ?? "error" });

const { FAKE_TOKEN, FAKE_SECRET, fakePort } = await import("../tests/support/fake-replicate/env");
const { startEmbeddedPostgres } = await import("../lib/db/embedded");
let pg = await startEmbeddedPostgres(() => {});
// Whatever happens, no process of this run outlives it (workers by group, PostgreSQL by pid).
process.on("exit", () => {
  try {
    for (const w of workers.values()) {
      try {
        process.kill(-w.proc.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  } catch {
    // gone, or none started yet
  }
  try {
    const pidFile = path.join(pg.dir, "postmaster.pid");
    if (existsSync(pidFile))
      process.kill(Number(readFileSync(pidFile, "utf8").split("\n")[0]), "SIGINT");
  } catch {
    // already stopped
  }
});
process.on("SIGINT", () => process.exit(130));
const { migrateDatabase } = await import("../lib/db/migrate");
await migrateDatabase(pg.url);
const { setDatabaseUrl, db } = await import("../lib/db/client");
// This process is the web process of the run: guarded like server.ts.
(await import("../lib/db/driver-guard")).guardDriverCrashes();
setDatabaseUrl(pg.url);
const { sql } = await import("drizzle-orm");
const { env } = await import("../lib/env");
const { MODELS } = await import("../lib/providers/prices");
const { storage } = await import("../lib/storage");
const { probe } = await import("../lib/media/probe");
const { startFakeReplicate } = await import("../tests/support/fake-replicate");
const { closeEmitter } = await import("../lib/realtime/events");
const { queue, stopQueue } = await import("../lib/pipeline/queue");
const { listWorkers } = await import("../lib/db/queries/workers");
(globalThis as { __dirname?: string }).__dirname = path.resolve(ROOT, "tests/support"); // test-server finds app/api from it
const { startTestServer } = await import("../tests/support/test-server");
const { apiClient, createTestUser } = await import("../tests/support/users");

const fake = await startFakeReplicate({
  token: FAKE_TOKEN,
  webhookSecret: FAKE_SECRET,
  port: fakePort(),
});
const models = Object.values(MODELS).flatMap((m) => (m.replicate ? [m.replicate.model] : []));
for (const m of models)
  fake.behave(m, {
    failRate: FAIL_RATE,
    error: "CUDA error: out of memory (injected by the chaos run)",
  });
// Random latency: each model's latency is redrawn every 100 ms, so each prediction gets its own.
const latencyTimer = setInterval(() => {
  for (const m of models) fake.behave(m, { latencyMs: Math.round(between(100, 1500)) });
  fake.requests.splice(0);
}, 100);

await queue(); // pg-boss's schema before any worker starts
const server = await startTestServer();
(env as { PUBLIC_URL?: string }).PUBLIC_URL = server.url;

// --- worker processes ----------------------------------------------------------------------
type Worker = { id: number; proc: ChildProcess; output: string; killed: boolean };
const workers = new Map<number, Worker>();
let nextWorker = 0;
let stopping = false;
let unexpectedExits = 0;

function startWorkerProcess(): Worker {
  const proc = spawn(process.execPath, ["--import", "tsx", "worker.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: pg.url, PUBLIC_URL: server.url, LOG_LEVEL: "warn" },
  });
  const w: Worker = { id: nextWorker++, proc, output: "", killed: false };
  let partial = "";
  const keep = (d: Buffer) => {
    w.output = (w.output + d).slice(-20_000);
    const lines = (partial + d).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) countHandBack(line);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  proc.once("exit", (code) => {
    workers.delete(w.id);
    if (stopping || w.killed) return;
    unexpectedExits++; // e.g. it started while PostgreSQL was down: start another
    say(
      `worker ${w.id} exited by itself (${code}); starting another. Last output: ${w.output.slice(-300).replace(/\s+/g, " ")}`,
    );
    setTimeout(() => !stopping && startWorkerProcess(), 1000);
  });
  workers.set(w.id, w);
  return w;
}
for (let i = 0; i < WORKERS; i++) startWorkerProcess();

/** What the live workers' sweeps did with the dead ones (their warn lines). */
const handBack = { workers: 0, jobs: 0, unrecorded: 0 };
function countHandBack(line: string): void {
  if (line.includes('"msg":"worker silent, taken for dead"')) handBack.workers++;
  if (line.includes('"msg":"jobs of dead workers handed back to the queue"')) {
    handBack.jobs += Number(/"handedBack":(\d+)/.exec(line)?.[1] ?? 0);
    handBack.unrecorded += Number(/"unrecorded":(\d+)/.exec(line)?.[1] ?? 0);
  }
}

// --- the marketers ---------------------------------------------------------------------------
type Outcome = {
  id?: string;
  status: string;
  error?: string | null;
  retries: number;
  apiErrors: number;
};
const outcomes: Outcome[] = [];
const apiLatencies: number[] = [];
let api5xx = 0;
let apiDown = 0;

type Api = ReturnType<typeof apiClient>;
// The parts of the API's answers this script reads (api.md); anything else is ignored.
type AssetView = { id: string; status: string; source?: string };
type ApiBody = {
  session: { id: string; status: string; errorMessage?: string | null };
  images: AssetView[];
  videoClips: AssetView[];
};

/** One API call, retried while the service is unavailable (PostgreSQL restarting: 5xx / refused). */
async function call(
  o: Outcome,
  fn: () => Promise<Response>,
  what: string,
): Promise<{ status: number; body: ApiBody }> {
  for (let attempt = 0; ; attempt++) {
    const t = performance.now();
    try {
      const res = await fn();
      apiLatencies.push(performance.now() - t);
      const text = await res.text();
      if (res.status >= 500) {
        api5xx++;
        o.apiErrors++;
        if (attempt > 60) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`);
        await sleep(1000);
        continue;
      }
      return { status: res.status, body: JSON.parse(text || "null") as ApiBody };
    } catch (err) {
      if (err instanceof Error && err.message.startsWith(what)) throw err;
      apiDown++;
      o.apiErrors++;
      if (attempt > 60) throw err;
      await sleep(1000);
    }
  }
}

const PRODUCTS = [
  "linen summer dress",
  "walnut desk lamp",
  "trail running shoes",
  "ceramic pour-over set",
  "noise-cancelling headphones",
  "leather weekender bag",
  "rose gold watch",
  "bamboo toothbrush kit",
  "espresso grinder",
  "wool beanie",
];

async function drive(i: number, api: Api): Promise<void> {
  const o: Outcome = { status: "created", retries: 0, apiErrors: 0 };
  outcomes.push(o);
  const key = randomUUID();
  const created = await call(
    o,
    () =>
      api.post(
        "/api/sessions",
        { productPrompt: `${PRODUCTS[i % PRODUCTS.length]} no. ${i}`, numImages: 4 },
        { "idempotency-key": key },
      ),
    "create",
  );
  const id: string = created.body.session.id;
  o.id = id;
  await call(
    o,
    () =>
      api.post(`/api/sessions/${id}/generate-images`, {}, { "idempotency-key": `${key}:images` }),
    "generate-images",
  );
  const deadline = Date.now() + 20 * 60_000;
  let last = "";
  while (Date.now() < deadline) {
    const { body } = await call(o, () => api.get(`/api/sessions/${id}`), "get");
    const s = body.session;
    o.status = s.status;
    o.error = s.errorMessage;
    if (s.status !== last) last = s.status;
    if (s.status === "completed") return;
    if (s.status === "failed") {
      if (o.retries >= RETRIES) return;
      o.retries++;
      await call(o, () => api.post(`/api/sessions/${id}/retry`, {}), "retry");
    } else if (s.status === "reviewing_images") {
      const chosen = body.images
        .filter((a) => a.status === "completed" && a.source !== "user-upload")
        .slice(0, 2)
        .map((a) => a.id);
      const approve = await call(
        o,
        () => api.put(`/api/sessions/${id}/approved-images`, { assetIds: chosen }),
        "approve images",
      );
      if (approve.status === 200)
        await call(
          o,
          () =>
            api.post(`/api/sessions/${id}/generate-clips`, {
              videoPrompt: "a slow turn on a pastel stage",
              clipDurationSeconds: 2,
            }),
          "generate-clips",
        );
    } else if (s.status === "reviewing_videos") {
      const clips = body.videoClips
        .filter((a) => a.status === "completed" || a.status === "approved")
        .map((a) => a.id);
      const approve = await call(
        o,
        () => api.put(`/api/sessions/${id}/approved-clips`, { assetIds: clips }),
        "approve clips",
      );
      const music = i % 2 === 0 ? { backgroundMusic: { enabled: true, genre: "upbeat" } } : {};
      if (approve.status === 200)
        await call(
          o,
          () =>
            api.post(`/api/sessions/${id}/compose`, {
              productName: `Product ${i}`,
              callToAction: "Shop now",
              ...music,
            }),
          "compose",
        );
    }
    await sleep(500);
  }
}

const users = await Promise.all(
  Array.from({ length: Math.min(5, N) }, (_, k) => createTestUser(`chaos${k}`)),
);
say(
  `seed ${SEED}; ${N} ads, ${WORKERS} workers, ${KILLS} SIGKILLs, ${(FAIL_RATE * 100).toFixed(0)} % failed predictions, latency 100–1500 ms; data in ${dataDir}`,
);
// Started first, so its ads have files while workers are being killed.
const { startDeletingAds } = await import("./chaos-delete-ads");
const deleting = startDeletingAds({
  apis: users.map((u) => apiClient(server.url, u)),
  random,
  say,
  killing: () => !allDone && kills < KILLS,
});
const driving = Promise.all(
  Array.from({ length: N }, (_, i) =>
    drive(i, apiClient(server.url, users[i % users.length])).catch((err) =>
      say(`ad ${i}: driver gave up: ${err.message}`),
    ),
  ),
);
let allDone = false;
void driving.then(() => (allDone = true));

// --- the chaos ----------------------------------------------------------------------------------
let kills = 0;
let pgRestart:
  | { at: string; downMs: number; healthDuring: number; healthAfter: number }
  | undefined;
const pgRestartAfter = Math.floor(KILLS / 3);
while (!allDone && kills < KILLS) {
  await sleep(between(1000, 3500));
  if (allDone) break;
  // Only workers that are up (in the worker registry) are killed: on a busy machine a worker
  // takes seconds to start, and killing it then would test nothing.
  const registry = await listWorkers().catch(() => []);
  const held = new Map(registry.map((r) => [r.pid, r.jobs.length]));
  const alive = [...workers.values()].filter((w) => !w.killed && held.has(w.proc.pid!));
  const victim = alive[Math.floor(random() * alive.length)];
  if (victim) {
    victim.killed = true;
    try {
      process.kill(-victim.proc.pid!, "SIGKILL"); // the whole group: tsx, node, ffmpeg
    } catch {
      // already gone
    }
    kills++;
    const active = await db()
      .execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where state = 'active'`)
      .then((r) => r[0].n)
      .catch(() => NaN);
    say(
      `SIGKILL #${kills} → worker ${victim.id} holding ${held.get(victim.proc.pid!)} jobs (${active} jobs active across workers) at ${new Date().toISOString()}`,
    );
    setTimeout(() => !stopping && startWorkerProcess(), between(200, 2000));
  }
  if (kills === pgRestartAfter && !pgRestart) {
    const t = Date.now();
    say("stopping PostgreSQL");
    const oldUrl = pg.url;
    await pg.stop();
    const healthDuring =
      (await fetch(`${server.url}/api/health`).catch(() => undefined))?.status ?? 0;
    await sleep(3000);
    pg = await startEmbeddedPostgres(() => {});
    if (pg.url !== oldUrl)
      throw new Error(
        `PostgreSQL came back on another address (${pg.url}); the test needs the same port`,
      );
    const downMs = Date.now() - t;
    const healthAfter = await (async () => {
      for (let i = 0; i < 40; i++) {
        const s = (await fetch(`${server.url}/api/health`).catch(() => undefined))?.status ?? 0;
        if (s === 200) return s;
        await sleep(250);
      }
      return 0;
    })();
    pgRestart = { at: elapsed(), downMs, healthDuring, healthAfter };
    say(
      `PostgreSQL back after ${(downMs / 1000).toFixed(1)} s (health while down: ${healthDuring}, after: ${healthAfter})`,
    );
  }
}
say(`${kills} kills done; waiting for the ads to settle`);
await driving;
await deleting.done;
const wall = (Date.now() - started) / 1000;

// --- the reckoning ------------------------------------------------------------------------------
stopping = true;
clearInterval(latencyTimer);
for (const w of workers.values()) {
  try {
    process.kill(-w.proc.pid!, "SIGTERM");
  } catch {
    // gone
  }
}
await Promise.all(
  [...workers.values()].map(
    (w) => new Promise((r) => (w.proc.exitCode !== null ? r(null) : w.proc.once("exit", r))),
  ),
);

const ids = outcomes.map((o) => o.id).filter(Boolean) as string[];
const rows = await db().execute<{
  id: string;
  status: string;
  error_message: string | null;
  total_cost: string;
  costs: string;
}>(sql`
  select s.id, s.status, s.error_message, s.total_cost::text,
    (select coalesce(sum(amount), 0) from generation_costs c where c.session_id = s.id)::text as costs
  from sessions s where s.id in ${sql.raw(`(${ids.map((i) => `'${i}'`).join(",") || "null"})`)}`);
const completed = rows.filter((r) => r.status === "completed").length;
const failedWithMessage = rows.filter(
  (r) => r.status === "failed" && r.error_message?.trim(),
).length;
const failedSilently = rows.filter((r) => r.status === "failed" && !r.error_message?.trim()).length;
const stuck = N - completed - failedWithMessage - failedSilently;
const costMismatch = rows.filter(
  (r) => Math.abs(Number(r.total_cost) - Number(r.costs)) > 0.00005,
).length;
const [{ generating }] = await db().execute<{ generating: number }>(
  sql`select count(*)::int as generating from assets where status = 'generating' and deleted_at is null`,
);

// Predictions: attribute each one the fake made to the work it was for.
const owners = new Map<string, string>();
const costRows = await db().execute<{ id: string; session_id: string; asset_id: string | null }>(
  sql`select api_call_id as id, session_id, asset_id from generation_costs where api_call_id is not null`,
);
for (const r of costRows) owners.set(r.id, r.asset_id ?? `${r.session_id}:llm`);
const assetRows = await db().execute<{ id: string; prediction_id: string | null }>(
  sql`select id, prediction_id from assets where prediction_id is not null`,
);
for (const r of assetRows)
  if (r.prediction_id && !owners.has(r.prediction_id)) owners.set(r.prediction_id, r.id);
const pending = await db().execute<{ id: string; value: string }>(
  sql`select s.id, p.value from sessions s, jsonb_each_text(coalesce(s.metadata->'pendingPredictions', '{}'::jsonb)) p`,
);
for (const r of pending) if (r.value && !owners.has(r.value)) owners.set(r.value, `${r.id}:llm`);
const groups = new Map<string, number>();
let orphans = 0;
let unrecordedFailures = 0;
let stillRunning = 0;
const byStatus: Record<string, number> = {};
for (const p of fake.predictions.values()) {
  byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
  if (p.status === "starting" || p.status === "processing") stillRunning++;
  const owner = owners.get(p.id);
  if (!owner) {
    // A failed or cancelled one costs nothing here, but the ledger should still have its row.
    if (p.status === "failed" || p.status === "canceled") unrecordedFailures++;
    else orphans++;
    say(
      `prediction ${p.id} (${p.model}, ${p.status}, created ${p.created_at}) is recorded nowhere`,
    );
    continue;
  }
  if (p.status !== "succeeded") continue;
  // LLM calls of one ad are told apart by their prompt (parse vs. each scene plan).
  const key = owner.endsWith(":llm")
    ? `${owner}:${createHash("sha256").update(JSON.stringify(p.input)).digest("hex")}`
    : owner;
  groups.set(key, (groups.get(key) ?? 0) + 1);
}
const paidTwice = [...groups.values()].reduce((n, c) => n + Math.max(0, c - 1), 0) + orphans;
const creates = [...fake.creates.values()].reduce((a, b) => a + b, 0);

// Every stored file: present, the recorded size, and readable (media files probed).
const files = await db().execute<{
  id: string;
  type: string;
  storage_path: string;
  file_size_bytes: number;
  metadata: { posterKey?: string; thumbnailKey?: string } | null;
}>(
  sql`select id, type, storage_path, file_size_bytes, metadata from assets where storage_path is not null and deleted_at is null and status <> 'failed'`,
);
let missing = 0;
let checked = 0;
const probeDir = mkdtempSync(path.join(tmpdir(), "adsmith-chaos-probe-"));
for (const f of files) {
  const keys = [
    f.storage_path,
    ...(f.type === "final_video"
      ? [f.metadata?.posterKey, f.metadata?.thumbnailKey].filter((k): k is string => !!k)
      : []),
  ];
  for (const key of keys) {
    checked++;
    try {
      const head = await storage().head(key);
      if (!head || (key === f.storage_path && head.size !== Number(f.file_size_bytes)))
        throw new Error(`size ${head?.size} ≠ ${f.file_size_bytes}`);
      const local = path.join(probeDir, path.basename(key));
      await storage().download(key, local);
      if (/\.(mp4|wav|mp3|m4a)$/.test(key)) {
        const info = await probe(local);
        if (!(info.durationSeconds > 0)) throw new Error("no duration");
      } else {
        const bytes = (await storage().readBuffer(key)).subarray(0, 12);
        if (bytes.length < 4) throw new Error("empty");
      }
    } catch (err) {
      missing++;
      say(`file ${key} of asset ${f.id}: ${(err as Error).message}`);
    }
  }
}
rmSync(probeDir, { recursive: true, force: true });
const deletions = await deleting.check();

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const retries = outcomes.reduce((n, o) => n + o.retries, 0);
const failures = rows
  .filter((r) => r.status === "failed")
  .map((r) => `    ${r.id.slice(0, 8)}: ${r.error_message}`);
const red =
  stuck +
  failedSilently +
  Number(generating) +
  paidTwice +
  costMismatch +
  missing +
  unrecordedFailures +
  deletions.red;
console.log(`
== chaos: ${N} ads, seed ${SEED}, ${wall.toFixed(0)} s wall, load average ${loadavg()
  .map((x) => x.toFixed(2))
  .join(" ")}
  faults injected       ${kills} SIGKILLs of ${WORKERS} worker processes (${unexpectedExits} other exits), PostgreSQL restarted ${pgRestart ? `once at ${pgRestart.at} (${(pgRestart.downMs / 1000).toFixed(1)} s down; /api/health ${pgRestart.healthDuring} while down, ${pgRestart.healthAfter} after)` : "never (the ads finished first)"}
  dead workers          ${handBack.workers} taken for dead by the others' sweeps, ${handBack.jobs} of their jobs handed back (${handBack.unrecorded} of them killed before they were recorded; job expiry ${env.JOB_EXPIRE_SECONDS} s, dead after ${env.WORKER_DEAD_AFTER_SECONDS} s of silence)
  predictions           ${creates} created at the fake: ${Object.entries(byStatus)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}
  marketer retries      ${retries} (after a failed stage: read the message, press retry; at most ${RETRIES} per ad)
  API                   ${apiLatencies.length} calls, p50 ${pct(apiLatencies, 50).toFixed(0)} ms, p95 ${pct(apiLatencies, 95).toFixed(0)} ms; ${api5xx} answered 5xx and ${apiDown} refused (while PostgreSQL was down), retried
  ---
  completed                       ${completed}
  failed with a message           ${failedWithMessage}
  failed without a message        ${failedSilently}   (must be 0)
  stuck                           ${stuck}   (must be 0)
  assets left generating          ${generating}   (must be 0)
  predictions paid twice          ${paidTwice}   (must be 0; ${orphans} recorded nowhere)
  predictions still running       ${stillRunning}
  failed predictions, no cost row ${unrecordedFailures}   (must be 0: every call has a ledger row)
  total_cost ≠ sum of cost rows   ${costMismatch}   (must be 0)
  stored files missing/unreadable ${missing} of ${checked}   (must be 0)
  ${deletions.lines.join("\n  ")}
${failures.length ? `  failure messages:\n${failures.join("\n")}` : ""}
  ${red === 0 ? "ALL GREEN" : "RED: see above"}`);

await server.close();
await stopQueue(1000);
await closeEmitter();
await fake.close();
await (await import("../lib/db/client")).closeDb();
await pg.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(red === 0 ? 0 : 1);
