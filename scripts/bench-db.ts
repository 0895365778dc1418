// Times the database's hot reads at production size: 100,000 sessions of 1,000 users, about
// 1.5 million assets and 1.5 million cost rows (./bench-db-seed.ts), on the app's own
// migrations. Each query runs BENCH_RUNS times with a different session or user each time
// (picked like traffic: a user's chance is their share of the sessions); the table gives
// p50/p95 of the round trip, p50/p95 of the server's own time (EXPLAIN ANALYZE of each run),
// the rows it returns and the indexes its plan uses. Goal: every p95 under 5 ms.
//
//   npm run bench:db     (BENCH_RUNS=300, BENCH_SESSIONS=100000, BENCH_USERS=1000)
//
// A query that needs more than BENCH_QUERY_SECONDS (60) for its runs stops once it has 20
// (the table's `runs` says so): a full scan of the assets is plain after a few.
// Two kinds of queries: the schema document's sample queries, verbatim, and what the app
// runs — the dashboard (listSessionsWithThumbnails, as app/(studio)/page.tsx), the session
// detail (getSession, GET /api/sessions/:id) and the cost page (getCosts). The app's are
// timed by calling those functions; the statements they send are caught from the pool
// (postgres.js `debug`) and each is timed and explained on its own as well.
//
// The database is a throwaway embedded PostgreSQL, or DATABASE_URL when set: then it must be
// empty (no users, no sessions) or one this bench seeded before, and the data is left there.
// BENCH_DATA_DIR keeps the embedded cluster in that folder so a second run skips the seeding
// (new migrations are applied to it first).
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { seed } from "./bench-db-seed";

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const USERS = Number(process.env.BENCH_USERS ?? 1000);
const GOAL_MS = 5;
// A query far off the goal (a full scan) stops after this long, once it has 20 runs.
const QUERY_SECONDS = Number(process.env.BENCH_QUERY_SECONDS ?? 60);
const keptDir = process.env.BENCH_DATA_DIR;
const dataDir = keptDir ?? mkdtempSync(path.join(tmpdir(), "adsmith-bench-db-"));
mkdirSync(dataDir, { recursive: true }); // a BENCH_DATA_DIR named for the first time
chmodSync(dataDir, 0o755);
Object.assign(process.env, {
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "55493",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
const { env } = await import("../lib/env");
const { startEmbeddedPostgres } = await import("../lib/db/embedded");
const { migrateDatabase } = await import("../lib/db/migrate");
const client = await import("../lib/db/client");
const { listSessionsWithThumbnails } = await import("../lib/sessions/list");
const { getSession } = await import("../lib/sessions/get-session");
const { getCosts } = await import("../lib/sessions/get-costs");

const log = (line: string) => console.log(line);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const embedded = env.DATABASE_URL ? undefined : await startEmbeddedPostgres(log);
const url = env.DATABASE_URL ?? embedded!.url;
process.on("exit", () => {
  void embedded?.stop(); // sends the signal at once: a failed run leaves no server behind
  if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
});
await migrateDatabase(url);
client.setDatabaseUrl(url);
const sql = postgres(url, { max: 1, onnotice: () => {} });

// ---- data ----
const [{ users, benchUsers, sessions }] = await sql<
  { users: number; benchUsers: number; sessions: number }[]
>`select (select count(*)::int from users) as users,
         (select count(*)::int from users where email like 'bench-%@bench.invalid') as "benchUsers",
         (select count(*)::int from sessions) as sessions`;
if (users === 0 && sessions === 0) {
  log(`seeding ${SESSIONS} sessions of ${USERS} users (load average ${load()})`);
  const t0 = performance.now();
  await seed(sql, { users: USERS, sessions: SESSIONS }, log);
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} else if (benchUsers !== users || sessions !== SESSIONS) {
  throw new Error(
    `bench:db seeds an empty database or reuses one it seeded with ${SESSIONS} sessions; this one has ${users} users and ${sessions} sessions.`,
  );
} else {
  log("reusing the seeded database");
  await sql`analyze`;
}
const counts = await sql<{ name: string; n: number; deleted: number }[]>`
  select 'sessions' as name, count(*)::int as n, count(deleted_at)::int as deleted from sessions
  union all select 'assets', count(*)::int, count(deleted_at)::int from assets
  union all select 'generation_costs', count(*)::int, 0 from generation_costs`;
log(counts.map((c) => `${c.name} ${c.n} (${c.deleted} soft-deleted)`).join(", "));

// ---- parameters: sessions picked uniformly, so busy users come up more often ----
const picks = await sql<{ id: string; userId: number }[]>`
  select id, user_id as "userId" from sessions
  where deleted_at is null order by md5(id::text) limit ${RUNS}`;
if (picks.length < RUNS) throw new Error(`only ${picks.length} sessions to pick from`);

// ---- measuring ----
type Sent = { query: string; params: unknown[] };
let caught: Sent[] | undefined;
// The app's pool (lib/db/client): postgres.js reads `debug` at each query, so setting it here
// shows us every statement the app's functions send, with its parameters.
(client.sqlClient().options as { debug: unknown }).debug = (
  _conn: number,
  query: string,
  params: unknown[],
) => caught?.push({ query, params: [...params] });

/** times: as the app sees them (round trip); server: planning + execution in PostgreSQL. */
type Row = { name: string; times: number[]; server: number[]; rows: number[]; plan: string };
const table: Row[] = [];
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** The indexes a plan uses, and any sequential scan (by table). */
function planUses(plan: Record<string, unknown>): string {
  const found = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    if (typeof node["Index Name"] === "string") found.add(node["Index Name"]);
    if (node["Node Type"] === "Seq Scan") found.add(`SEQ SCAN ${node["Relation Name"]}`);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(plan);
  return [...found].join(", ") || "(none)";
}

type Explained = {
  Plan: Record<string, unknown>;
  "Planning Time": number;
  "Execution Time": number;
};

/** EXPLAIN ANALYZE of one run: the indexes its plan uses and the server's time for it. */
async function explain({ query, params }: Sent): Promise<{ uses: string; ms: number }> {
  const [row] = await sql.unsafe(
    `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${query}`,
    params as never[],
  );
  const [out] = row["QUERY PLAN"] as Explained[];
  return { uses: planUses(out.Plan), ms: out["Planning Time"] + out["Execution Time"] };
}

/**
 * Times one statement over every run's parameters (a few unrecorded runs first), each run
 * followed by its EXPLAIN ANALYZE for the server's share of the time.
 */
async function timeStatement(name: string, sent: Sent[]): Promise<void> {
  for (const s of sent.slice(0, 5)) await sql.unsafe(s.query, s.params as never[]);
  const row: Row = { name, times: [], server: [], rows: [], plan: "" };
  const start = performance.now();
  for (const s of sent) {
    if (row.times.length >= 20 && performance.now() - start > QUERY_SECONDS * 1000) break;
    const t0 = performance.now();
    const result = await sql.unsafe(s.query, s.params as never[]);
    row.times.push(performance.now() - t0);
    row.rows.push(result.length);
    const explained = await explain(s);
    row.server.push(explained.ms);
    row.plan ||= explained.uses;
  }
  table.push(row);
}

/**
 * Times an app function over every run, then each statement it sent on its own. `labels` name
 * the statements in the order the function sends them.
 */
async function timeApp(
  name: string,
  labels: string[],
  call: (i: number) => Promise<number>,
): Promise<void> {
  for (let i = 0; i < 10; i++) await call(i);
  const whole: Row = { name: `${name} (whole call)`, times: [], server: [], rows: [], plan: "" };
  const byStatement: Sent[][] = [];
  for (let i = 0; i < RUNS; i++) {
    caught = [];
    const t0 = performance.now();
    whole.rows.push(await call(i));
    whole.times.push(performance.now() - t0);
    for (const [k, s] of caught.entries()) {
      byStatement[k] ??= [];
      byStatement[k].push(s);
    }
    caught = undefined;
  }
  whole.plan = `${byStatement.length} statement(s)`;
  table.push(whole);
  for (const [k, sent] of byStatement.entries()) {
    await timeStatement(`  ${labels[k] ?? `statement ${k + 1}`}`, sent);
  }
}

// The schema document's sample queries, verbatim (../shared/spec/database-schema.md).
const DOCUMENT: { name: string; param: (i: number) => string | number; query: string }[] = [
  {
    name: "doc: session with all assets",
    param: (i) => picks[i].id,
    query: `SELECT
    s.*,
    (
        SELECT json_agg(a.* ORDER BY a.created_at)
        FROM assets a
        WHERE a.session_id = s.id AND a.type = 'image'
    ) AS images,
    (
        SELECT json_agg(a.* ORDER BY a.created_at)
        FROM assets a
        WHERE a.session_id = s.id AND a.type = 'video_clip'
    ) AS video_clips,
    (
        SELECT json_agg(a.*)
        FROM assets a
        WHERE a.session_id = s.id AND a.type = 'final_video'
    ) AS final_video
FROM sessions s
WHERE s.id = $1;`,
  },
  {
    name: "doc: mood board (approved assets)",
    param: (i) => picks[i].id,
    query: `SELECT
    a.*
FROM assets a
WHERE
    a.session_id = $1
    AND a.user_selected = TRUE
    AND a.deleted_at IS NULL
ORDER BY a.selection_order ASC, a.created_at ASC;`,
  },
  {
    name: "doc: cost breakdown for session",
    param: (i) => picks[i].id,
    query: `SELECT
    gc.category,
    gc.provider,
    COUNT(*) AS api_calls,
    SUM(gc.amount) AS total_cost,
    AVG(gc.api_latency_ms) AS avg_latency_ms
FROM generation_costs gc
WHERE gc.session_id = $1
GROUP BY gc.category, gc.provider
ORDER BY total_cost DESC;`,
  },
  {
    name: "doc: active sessions for user",
    param: (i) => picks[i].userId,
    query: `SELECT
    s.*,
    COUNT(DISTINCT a.id) FILTER (WHERE a.type = 'image') AS image_count,
    COUNT(DISTINCT a.id) FILTER (WHERE a.type = 'video_clip') AS clip_count
FROM sessions s
LEFT JOIN assets a ON a.session_id = s.id
WHERE
    s.user_id = $1
    AND s.status != 'completed'
    AND s.deleted_at IS NULL
GROUP BY s.id
ORDER BY s.updated_at DESC;`,
  },
];

log(`timing ${RUNS} runs per query (load average ${load()})`);
for (const q of DOCUMENT) {
  await timeStatement(
    q.name,
    picks.map((_, i) => ({ query: q.query, params: [q.param(i)] })),
  );
}

// The dashboard as app/(studio)/page.tsx loads it: a page of 24 with their pictures; one
// run in four opens the second page (its cursor from the first).
const cursors = new Map<number, string | undefined>();
await timeApp(
  "app: dashboard (listSessionsWithThumbnails)",
  ["listOwnSessionsWithCovers"],
  async (i) => {
    const userId = picks[i].userId;
    const cursor = i % 4 === 3 ? cursors.get(userId) : undefined;
    const page = await listSessionsWithThumbnails({ userId, query: { limit: 24, cursor } });
    if (!cursor) cursors.set(userId, page.nextCursor ?? undefined);
    return page.sessions.length;
  },
);
await timeApp(
  "app: session detail (getSession, GET /api/sessions/:id)",
  ["getOwnSession", "listSessionAssets"],
  async (i) => {
    const s = await getSession(picks[i]);
    return s.images.length + s.videoClips.length + s.finalVideos.length + s.audio.length;
  },
);
await timeApp(
  "app: cost page (getCosts, GET /api/sessions/:id/costs)",
  ["getOwnSession", "getCostBreakdown", "listCostRows"],
  async (i) => (await getCosts(picks[i])).items.length,
);

// ---- report ----
// p50/p95: the round trip as the app sees it; db p50/p95: PostgreSQL's planning + execution
// (EXPLAIN ANALYZE of the same run), which a loaded machine inflates less.
const width = Math.max(...table.map((r) => r.name.length));
const fmt = (xs: number[], p: number) => (xs.length ? pct(xs, p).toFixed(2) : "").padStart(7);
log(
  `\n${"query".padEnd(width)}  p50 ms  p95 ms  db p50  db p95  runs     rows  index used (EXPLAIN)`,
);
for (const r of table) {
  const rows = r.rows.reduce((a, b) => a + b, 0) / r.rows.length;
  const mark = pct(r.times, 95) < GOAL_MS ? "" : "✗ ";
  log(
    `${r.name.padEnd(width)} ${fmt(r.times, 50)} ${fmt(r.times, 95)} ${fmt(r.server, 50)} ${fmt(r.server, 95)} ${String(r.times.length).padStart(5)} ${rows.toFixed(1).padStart(8)}  ${mark}${r.plan}`,
  );
}
const missed = table.filter((r) => pct(r.times, 95) >= GOAL_MS);
log(
  `\nGoal p95 < ${GOAL_MS} ms (round trip): ${missed.length ? `${missed.length} missed (✗)` : "met"}. Load average ${load()} (the machine may be shared).`,
);
await sql.end();
await client.closeDb();
await embedded?.stop();
