// One postgres.js pool per process, cached on globalThis: Next route handlers and
// server.ts load separate copies of this module but must share the pool.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;

type Holder = { url?: string; sql?: postgres.Sql; db?: Db };
const shared = globalThis as { __adsmithDb?: Holder };
shared.__adsmithDb ??= {};
const holder: Holder = shared.__adsmithDb;

/** Called once by the bootstrap when it started the embedded server. */
export function setDatabaseUrl(url: string): void {
  holder.url = url;
}

export function databaseUrl(): string {
  const url = env.DATABASE_URL ?? holder.url;
  if (!url) throw new Error("No database: set DATABASE_URL or start the app with `npm start`.");
  return url;
}

export function sqlClient(): postgres.Sql {
  holder.sql ??= postgres(databaseUrl(), {
    max: env.DATABASE_POOL_SIZE,
    onnotice: () => {},
    connection: { application_name: "adsmith" },
  });
  return holder.sql;
}

export function db(): Db {
  holder.db ??= drizzle(sqlClient(), { schema });
  return holder.db;
}

export async function closeDb(): Promise<void> {
  const sql = holder.sql;
  holder.sql = undefined;
  holder.db = undefined;
  await sql?.end({ timeout: 5 });
}
