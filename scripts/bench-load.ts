// Load (issue 7.6): LOAD_USERS (100) marketers at once, each creating an ad and driving it to
// `completed` through the JSON API — images, approval, clips, approval, composition (music for
// half of them) — against two real web processes (`server.ts`, production build,
// RUN_WORKER=false) and two worker processes (`worker.ts`) on one PostgreSQL, with the fake
// Replicate in its own process answering after real-world latencies scaled down ×0.1. Each
// marketer also listens on Socket.IO, connected to the *other* web process (events cross
// processes through the Postgres adapter), and refetches the ad when an event says it changed
// (with a 5 s safety poll), as the studio page does.
//
// Prints: ads completed / failed, API p50/p95/p99, progress-event latency (the asset's row
// written → the event at a socket client), peak RSS per process, database connections used
// (pg_stat_activity), load average. Goals: 100 % completed, API p95 < 200 ms, every process
// under 500 MB. Needs a production build (`npx next build`).
//
//   npm run bench:load        (LOAD_USERS=100 LOAD_RAMP_SECONDS=10 LOAD_CONCURRENCY=8 LOAD_WEBHOOKS=1 FAKE_SCALE=0.1)
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";

const USERS = Number(process.env.LOAD_USERS ?? 100);
const CONCURRENCY = process.env.LOAD_CONCURRENCY ?? "8";
// Marketers arrive over this many seconds (0: all in the same instant, a thundering herd).
const RAMP_SECONDS = Number(process.env.LOAD_RAMP_SECONDS ?? 10);
const ROOT = path.resolve(import.meta.dirname, "..");
if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")))
  throw new Error("bench:load serves the production build: run `npx next build` first");
const started = Date.now();
const loadBefore = loadavg();
const say = (msg: string) =>
  console.log(`[load ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);

const dataDir = mkdtempSync(path.join(tmpdir(), "adsmith-load-"));
type Proc = { name: string; proc: ChildProcess; output: string; peakRss: number };
const procs: Proc[] = [];
// Whatever happens, no process of this run outlives it.
let pgDir: string | undefined;
const cleanup = () => {
  for (const p of procs) {
    try {
      process.kill(-p.proc.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }
  try {
    // PostgreSQL too, if the run ended before stopping it (its pid is in postmaster.pid).
    if (pgDir && existsSync(path.join(pgDir, "postmaster.pid")))
      process.kill(
        Number(readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]),
        "SIGINT",
      );
  } catch {
    // already stopped
  }
};
process.on("exit", cleanup);
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));
chmodSync(dataDir, 0o755);
const basePort = 47000 + Math.floor(Math.random() * 1000);
Object.assign(process.env, {
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: String(basePort + 10),
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  RENDER_SCALE: "0.1",
  RENDER_PRESET: "ultrafast",
  // Replicate work waits on the network, not on this machine: more of it at once per worker.
  IMAGE_CONCURRENCY: CONCURRENCY,
  VIDEO_CONCURRENCY: CONCURRENCY,
  LLM_CONCURRENCY: CONCURRENCY,
  // Production deadlines and polling (empty = unset; the fake's env module fills only undefined).
  REPLICATE_DEADLINE_SECONDS: "",
  REPLICATE_POLL_MAX_SECONDS: "",
});
const { FAKE_TOKEN, FAKE_SECRET, fakePort } = await import("../tests/support/fake-replicate/env");
const { startEmbeddedPostgres } = await import("../lib/db/embedded");
const pg = await startEmbeddedPostgres(() => {});
pgDir = pg.dir;
const { migrateDatabase } = await import("../lib/db/migrate");
await migrateDatabase(pg.url);
const { setDatabaseUrl, db, closeDb } = await import("../lib/db/client");
setDatabaseUrl(pg.url);
const { sql } = await import("drizzle-orm");
const { users } = await import("../lib/db/schema");
const { hashPassword } = await import("../lib/auth/password");
const { sessionCookieFor } = await import("../lib/auth/session-cookie");
const { io: ioClient } = await import("socket.io-client");

// --- processes -------------------------------------------------------------------------------
function start(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: string,
): Promise<Proc> {
  const proc = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const p: Proc = { name, proc, output: "", peakRss: 0 };
  procs.push(p);
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      p.output = (p.output + d).slice(-20_000);
      if (p.output.includes(ready)) resolve(p);
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.once("exit", (code) =>
      reject(new Error(`${name} exited (${code}):\n${p.output.slice(-3000)}`)),
    );
  });
}
const rssOf = (pid: number, field: "VmRSS" | "VmHWM") => {
  try {
    return (
      Number(
        new RegExp(`${field}:\\s+(\\d+) kB`).exec(
          readFileSync(`/proc/${pid}/status`, "utf8"),
        )?.[1] ?? 0,
      ) * 1024
    );
  } catch {
    return 0;
  }
};

await start(
  "fake replicate",
  ["scripts/bench-load-fake.ts"],
  {
    FAKE_PORT: String(fakePort()),
    FAKE_TOKEN,
    FAKE_SECRET,
    FAKE_SCALE: process.env.FAKE_SCALE ?? "0.1",
  },
  "fake replicate ready",
);
const webUrls = [0, 1].map((i) => `http://127.0.0.1:${basePort + i}`);
// Webhooks reach web 1, as behind a load balancer (LOAD_WEBHOOKS=0: polling only).
const WEBHOOKS = process.env.LOAD_WEBHOOKS !== "0";
const common = { DATABASE_URL: pg.url, PUBLIC_URL: WEBHOOKS ? webUrls[0] : "" };
await Promise.all(
  webUrls.map((_, i) =>
    start(
      `web ${i + 1}`,
      // LOAD_PROFILE_DIR: a CPU profile of each web process (written when it stops).
      [
        ...(process.env.LOAD_PROFILE_DIR
          ? ["--cpu-prof", `--cpu-prof-dir=${process.env.LOAD_PROFILE_DIR}/web${i + 1}`]
          : []),
        "server.ts",
      ],
      { ...common, PORT: String(basePort + i), NODE_ENV: "production", RUN_WORKER: "false" },
      "Adsmith is running",
    ),
  ),
);
await Promise.all(
  [1, 2].map((i) =>
    start(`worker ${i}`, ["worker.ts"], { ...common, LOG_LEVEL: "info" }, "adsmith worker running"),
  ),
);
const rssAtStart = Object.fromEntries(
  procs.map((p) => [p.name, p.proc.pid ? rssOf(p.proc.pid, "VmRSS") : 0]),
);
say(
  `${procs.length} processes up: fake Replicate, 2 web (${webUrls.join(", ")}), 2 workers; PostgreSQL at ${new URL(pg.url).port}`,
);

// --- sampling: memory and database connections -------------------------------------------------
let peakConnections = 0;
let peakByApp: Record<string, number> = {};
const sampler = setInterval(async () => {
  for (const p of procs)
    if (p.proc.pid) p.peakRss = Math.max(p.peakRss, rssOf(p.proc.pid, "VmRSS"));
  try {
    const rows = await db().execute<{ app: string; n: number }>(
      sql`select coalesce(nullif(application_name, ''), '(none)') as app, count(*)::int as n from pg_stat_activity where datname = current_database() group by 1`,
    );
    const total = [...rows].reduce((t, r) => t + r.n, 0);
    if (total > peakConnections) {
      peakConnections = total;
      peakByApp = Object.fromEntries([...rows].map((r) => [r.app, r.n]));
    }
  } catch {
    // a missed sample
  }
}, 500);

// --- the marketers ----------------------------------------------------------------------------
const hash = await hashPassword("load-test-password");
const rows = await db()
  .insert(users)
  .values(
    Array.from({ length: USERS }, (_, i) => ({
      email: `load-${i}-${randomBytes(3).toString("hex")}@example.com`,
      passwordHash: hash,
      fullName: `Load ${i}`,
    })),
  )
  .returning();
const marketers = await Promise.all(
  rows.map(async (u) => ({
    id: u.id,
    cookie: await sessionCookieFor({ id: u.id, email: u.email, name: u.fullName }),
  })),
);

const api: { ms: number; kind: string; status: number; web: number; route: string }[] = [];
const events: { assetId: string; at: number }[] = [];
let eventsReceived = 0;
type Result = { id?: string; status: string; error?: string | null; seconds: number };
const results: Result[] = [];

async function call(
  base: string,
  cookie: string,
  method: string,
  url: string,
  kind: string,
  body?: unknown,
) {
  const t = performance.now();
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      cookie,
      origin: base,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  api.push({
    ms: performance.now() - t,
    kind,
    status: res.status,
    web: webUrls.indexOf(base) + 1,
    route: `${method} ${url.replace(/[0-9a-f-]{36}/g, ":id")}`,
  });
  if (res.status >= 500)
    throw new Error(`${method} ${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return { status: res.status, body: text ? JSON.parse(text) : null };
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

async function marketer(i: number): Promise<void> {
  const { cookie } = marketers[i];
  const base = webUrls[i % 2];
  const r: Result = { status: "created", seconds: 0 };
  results.push(r);
  const t0 = Date.now();
  const socket = ioClient(webUrls[(i + 1) % 2], {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: { cookie },
  });
  let wake: (() => void) | undefined;
  socket.on(
    "session:progress",
    (e: { sessionId: string; asset?: { id: string; status: string } }) => {
      eventsReceived++;
      if (e.asset?.status === "completed") events.push({ assetId: e.asset.id, at: Date.now() });
      if (e.sessionId === r.id) wake?.();
    },
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  try {
    const created = await call(base, cookie, "POST", "/api/sessions", "create", {
      productPrompt: `${PRODUCTS[i % PRODUCTS.length]} ${i}`,
      numImages: 4,
    });
    const id: string = created.body.session.id;
    r.id = id;
    const joined = (await socket
      .timeout(10_000)
      .emitWithAck("session:join", { sessionId: id })) as { ok: boolean };
    if (!joined.ok) throw new Error("could not join the session's room");
    await call(base, cookie, "POST", `/api/sessions/${id}/generate-images`, "stage", {});
    const deadline = Date.now() + 30 * 60_000;
    while (Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000); // the safety poll
        wake = () => {
          clearTimeout(timer);
          setTimeout(resolve, 150); // coalesce a burst of events into one refetch
        };
      });
      wake = undefined;
      const { body } = await call(base, cookie, "GET", `/api/sessions/${id}`, "read");
      const s = body.session;
      r.status = s.status;
      r.error = s.errorMessage;
      if (s.status === "completed" || s.status === "failed" || s.status === "cancelled") break;
      if (s.status === "reviewing_images" && (s.approvedImageIds ?? []).length === 0) {
        const chosen = body.images
          .filter(
            (a: { status: string; source: string }) =>
              a.status === "completed" && a.source !== "user-upload",
          )
          .slice(0, 2)
          .map((a: { id: string }) => a.id);
        await call(base, cookie, "PUT", `/api/sessions/${id}/approved-images`, "stage", {
          assetIds: chosen,
        });
        await call(base, cookie, "POST", `/api/sessions/${id}/generate-clips`, "stage", {
          videoPrompt: "a slow turn on a pastel stage",
          clipDurationSeconds: 2,
        });
      } else if (s.status === "reviewing_videos") {
        const clips = body.videoClips
          .filter((a: { status: string }) => a.status === "completed" || a.status === "approved")
          .map((a: { id: string }) => a.id);
        await call(base, cookie, "PUT", `/api/sessions/${id}/approved-clips`, "stage", {
          assetIds: clips,
        });
        const music = i % 2 === 0 ? { backgroundMusic: { enabled: true, genre: "chill" } } : {};
        await call(base, cookie, "POST", `/api/sessions/${id}/compose`, "stage", {
          productName: `Product ${i}`,
          callToAction: "Shop now",
          ...music,
        });
      }
    }
  } catch (err) {
    r.status = "error";
    r.error = (err as Error).message;
  } finally {
    r.seconds = (Date.now() - t0) / 1000;
    socket.close();
  }
}

// Warm-up, as a server in service is: Next loads a route's modules on its first request, and
// a web process starts its job-queue client on first use (GET /api/health does both for the
// queue). One refused request per route per web process, not measured.
for (const base of webUrls) {
  const { cookie } = marketers[0];
  const none = "00000000-0000-4000-8000-000000000000";
  const warm = (method: string, url: string, body?: unknown) =>
    fetch(`${base}${url}`, {
      method,
      headers: { cookie, origin: base, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((r) => r.text());
  await warm("GET", "/api/health");
  await warm("GET", "/api/sessions");
  await warm("POST", "/api/sessions", {});
  for (const [method, tail] of [
    ["GET", ""],
    ["POST", "/generate-images"],
    ["PUT", "/approved-images"],
    ["POST", "/generate-clips"],
    ["PUT", "/approved-clips"],
    ["POST", "/compose"],
  ] as const) {
    await warm(method, `/api/sessions/${none}${tail}`, method === "GET" ? undefined : {});
  }
}
say(`${USERS} marketers start, arriving over ${RAMP_SECONDS} s`);
const progress = setInterval(() => {
  const by: Record<string, number> = {};
  for (const r of results) by[r.status] = (by[r.status] ?? 0) + 1;
  say(
    Object.entries(by)
      .map(([k, v]) => `${k} ${v}`)
      .join(", "),
  );
}, 15_000);
await Promise.all(
  Array.from({ length: USERS }, (_, i) =>
    new Promise((r) => setTimeout(r, (i * RAMP_SECONDS * 1000) / USERS)).then(() => marketer(i)),
  ),
);
clearInterval(progress);
const wall = (Date.now() - started) / 1000;
const loadAfter = loadavg();

// --- figures ----------------------------------------------------------------------------------
clearInterval(sampler);
for (const p of procs) if (p.proc.pid) p.peakRss = Math.max(p.peakRss, rssOf(p.proc.pid, "VmHWM"));
const costRows = await db().execute<{ asset_id: string; at: string }>(
  sql`select asset_id, min(created_at)::text as at from generation_costs where success and asset_id is not null group by asset_id`,
);
const writtenAt = new Map([...costRows].map((c) => [c.asset_id, Date.parse(c.at)]));
const eventLatency = events.flatMap((e) =>
  writtenAt.has(e.assetId) ? [e.at - writtenAt.get(e.assetId)!] : [],
);
const pct = (xs: number[], p: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
    : NaN;
const f = (n: number) => n.toFixed(0);
const completed = results.filter((r) => r.status === "completed").length;
const failed = results.filter((r) => r.status !== "completed");
const lat = api.map((a) => a.ms);
const reads = api.filter((a) => a.kind === "read").map((a) => a.ms);
const writes = api.filter((a) => a.kind !== "read").map((a) => a.ms);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const driverRss = process.resourceUsage().maxRSS * 1024;
const maxRss = Math.max(...procs.map((p) => p.peakRss));
const [{ max_connections }] = await db().execute<{ max_connections: string }>(
  sql`show max_connections`,
);
const outcomes = await db().execute<{ outcome: string; n: number }>(
  sql`select payload->>'outcome' as outcome, count(*)::int as n from webhook_events group by 1 order by 2 desc`,
);
const goals = {
  completed: completed === USERS,
  p95: pct(lat, 95) < 200,
  memory: maxRss < 500 * 1024 * 1024,
};
console.log(`
== load: ${USERS} marketers, 2 web + 2 worker processes (concurrency ${CONCURRENCY} per job kind), one PostgreSQL, webhooks ${WEBHOOKS ? "on (to web 1)" : "off (polling)"}, arriving over ${RAMP_SECONDS} s; ${f(wall)} s wall
  load average     before ${loadBefore.map((x) => x.toFixed(2)).join(" ")}, after ${loadAfter.map((x) => x.toFixed(2)).join(" ")} (2 cores, shared)
  ads              completed ${completed} / not completed ${failed.length}; per ad p50 ${f(
    pct(
      results.map((r) => r.seconds),
      50,
    ),
  )} s, p95 ${f(
    pct(
      results.map((r) => r.seconds),
      95,
    ),
  )} s
  API              ${api.length} calls, ${api.filter((a) => a.status >= 500).length} 5xx: p50 ${f(pct(lat, 50))} ms, p95 ${f(pct(lat, 95))} ms, p99 ${f(pct(lat, 99))} ms (reads p95 ${f(pct(reads, 95))} ms, writes p95 ${f(pct(writes, 95))} ms; web 1 p95 ${f(
    pct(
      api.filter((a) => a.web === 1).map((a) => a.ms),
      95,
    ),
  )} ms, web 2 p95 ${f(
    pct(
      api.filter((a) => a.web === 2).map((a) => a.ms),
      95,
    ),
  )} ms)
  progress events  ${eventsReceived} received; asset written → event at a client of the other web process: p50 ${f(pct(eventLatency, 50))} ms, p95 ${f(pct(eventLatency, 95))} ms (${eventLatency.length} measured)
  by route (p95)   ${[...new Set(api.map((a) => a.route))]
    .map((r) => {
      const xs = api.filter((a) => a.route === r).map((a) => a.ms);
      return `${r} ${f(pct(xs, 95))} ms ×${xs.length}`;
    })
    .join("; ")}
  peak RSS         ${procs.map((p) => `${p.name} ${mb(p.peakRss)} (${mb(rssAtStart[p.name])} at start)`).join(", ")}, load driver ${mb(driverRss)}
  webhooks         ${[...outcomes].map((o) => `${o.outcome} ${o.n}`).join(", ") || "none"}
  DB connections   peak ${peakConnections} of max_connections ${max_connections}: ${Object.entries(
    peakByApp,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}
${
  failed.length
    ? `  not completed:\n${failed
        .slice(0, 10)
        .map((r) => `    ${r.id?.slice(0, 8) ?? "-"} ${r.status}: ${r.error}`)
        .join("\n")}\n`
    : ""
}  goals            100 % completed ${goals.completed ? "✓" : "✗"} · API p95 < 200 ms ${goals.p95 ? "✓" : "✗"} · every process < 500 MB ${goals.memory ? "✓" : "✗"}`);

for (const p of procs) {
  try {
    process.kill(-p.proc.pid!, "SIGTERM");
  } catch {
    // gone
  }
}
await Promise.all(
  procs.map(
    (p) => new Promise((r) => (p.proc.exitCode !== null ? r(null) : p.proc.once("exit", r))),
  ),
);
await closeDb();
await pg.stop();
rmSync(dataDir, { recursive: true, force: true });
process.exit(Object.values(goals).every(Boolean) ? 0 : 1);
