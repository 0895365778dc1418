// "A refused request changes no row": every table of the app and the job queue, by row count,
// newest updated_at (where the table has one) and a digest of every row's content.
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

export type DbSnapshot = Record<
  string,
  { rows: number; updatedAt: string | null; digest: string | null }
>;

let tables: { schema: string; name: string; hasUpdatedAt: boolean }[] | undefined;

async function listTables() {
  tables ??= [
    ...(await db().execute<{ schema: string; name: string; has_updated_at: boolean }>(sql`
      select t.table_schema as schema, t.table_name as name,
        exists (select 1 from information_schema.columns c
                where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'updated_at') as has_updated_at
      from information_schema.tables t
      where t.table_type = 'BASE TABLE'
        and (t.table_schema = 'public' or (t.table_schema = 'pgboss' and t.table_name in ('job', 'archive')))
        and t.table_name not like '%drizzle%'
      order by 1, 2`)),
  ].map((r) => ({ schema: r.schema, name: r.name, hasUpdatedAt: r.has_updated_at }));
  return tables;
}

/**
 * Tables left out: websocket_connections rows come and go with heartbeats of open sockets,
 * and socket_io_attachments is the Socket.IO adapter's own traffic.
 */
const VOLATILE = new Set(["public.websocket_connections", "public.socket_io_attachments"]);
/**
 * Rows left out: every sign-up that passes validation counts against its address's hourly
 * limit (lib/auth/signup-limit.ts), a refused one (taken email) too. That is the point.
 */
const COUNTERS: Record<string, string> = {
  "public.login_throttle": "where key not like 'signup:%'",
};

/**
 * Columns left out: every authenticated API-key call, a refused one too, counts itself in
 * its key's rate window and notes when the key was last used. That is the point.
 */
const COUNTER_COLUMNS: Record<string, string[]> = {
  "public.api_keys": ["last_used_at", "rate_window_started_at", "rate_window_requests"],
};

const rowText = (table: string) => {
  const left = COUNTER_COLUMNS[table];
  return left ? `(to_jsonb(x) - array[${left.map((c) => `'${c}'`).join(", ")}])::text` : "x::text";
};

let query: string | undefined;

/** One round trip: every table's count, newest updated_at and content digest. */
export async function dbSnapshot(): Promise<DbSnapshot> {
  query ??= (await listTables())
    .filter((t) => !VOLATILE.has(`${t.schema}.${t.name}`))
    .map(
      (
        t,
      ) => `select '${t.schema}.${t.name}' as name, count(*)::int as rows, ${t.hasUpdatedAt ? "max(updated_at)::text" : "null::text"} as updated_at,
        md5(string_agg(${rowText(`${t.schema}.${t.name}`)}, '|' order by ${rowText(`${t.schema}.${t.name}`)})) as digest from "${t.schema}"."${t.name}" x ${COUNTERS[`${t.schema}.${t.name}`] ?? ""}`,
    )
    .join("\nunion all\n");
  const rows = await db().execute<{
    name: string;
    rows: number;
    updated_at: string | null;
    digest: string | null;
  }>(sql.raw(query));
  return Object.fromEntries(
    [...rows].map((r) => [r.name, { rows: r.rows, updatedAt: r.updated_at, digest: r.digest }]),
  );
}
