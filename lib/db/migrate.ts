// Applies drizzle/ (generated tables + the custom SQL for functions and triggers) under an
// advisory lock, so web and worker processes starting together migrate once.

import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));
const LOCK_ID = 726_354_001;

export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${LOCK_ID})`;
    await migrate(drizzle(sql), { migrationsFolder });
    await sql`select pg_advisory_unlock(${LOCK_ID})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
