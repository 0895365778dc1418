// Reads of pg-boss's job table (schema "pgboss"), for the decisions pg-boss's API cannot
// answer: which work a job is waiting for or running, across every process.
import { sql } from "drizzle-orm";
import { db } from "../client";

export type LiveJob = { state: "created" | "retry" | "active"; started_on: Date | null };

/** Jobs of these queues not yet finished whose payload names this asset (or session). */
export async function listLiveJobs(where: {
  queues: string[];
  assetId?: string;
  sessionId?: string;
}): Promise<LiveJob[]> {
  const match = where.assetId
    ? sql`data->>'assetId' = ${where.assetId}`
    : sql`data->>'sessionId' = ${where.sessionId}`;
  const names = sql.join(
    where.queues.map((q) => sql`${q}`),
    sql`, `,
  );
  const rows = await db().execute<LiveJob>(
    sql`select state, started_on from pgboss.job where name in (${names}) and ${match} and state in ('created', 'retry', 'active')`,
  );
  return [...rows];
}

/** Every job some process is running now. */
export async function listActiveJobs(): Promise<{ name: string; id: string }[]> {
  const rows = await db().execute<{ name: string; id: string }>(
    sql`select name, id from pgboss.job where state = 'active'`,
  );
  return [...rows];
}

/**
 * True when a job of these queues is running this prediction's generating asset right now.
 * When that cannot be told (no job queue in this database yet), false.
 */
export async function isJobRunningForPrediction({
  predictionId,
  queues,
}: {
  predictionId: string;
  queues: string[];
}): Promise<boolean> {
  const names = sql.join(
    queues.map((q) => sql`${q}`),
    sql`, `,
  );
  const rows = await db()
    .execute(sql`
    select 1 from assets a
    join pgboss.job j on j.name in (${names}) and j.state = 'active' and j.data->>'assetId' = a.id::text
    where a.prediction_id = ${predictionId} and a.status = 'generating' and a.deleted_at is null
    limit 1`)
    .catch(() => []);
  return rows.length > 0;
}
