import { sql } from "drizzle-orm";
import { db } from "../client";

/** The database answers a query. */
export async function pingDatabase(): Promise<void> {
  await db().execute(sql`select 1`);
}
