// Starts one real PostgreSQL for the whole run (embedded, or the server of DATABASE_URL),
// migrates a template database once, and lets each test file clone its own copy.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const template = `adsmith_tpl_${process.pid}`;
  let adminUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  let tmp: string | undefined;

  if (!adminUrl) {
    tmp = mkdtempSync(path.join(tmpdir(), "adsmith-test-"));
    chmodSync(tmp, 0o755); // the server runs as the postgres user when we are root
    process.env.DATA_DIR = tmp;
    process.env.EMBEDDED_PG_PORT = "55432";
    const { startEmbeddedPostgres } = await import("../../lib/db/embedded");
    const server = await startEmbeddedPostgres(() => {});
    adminUrl = server.url;
    stopServer = server.stop;
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${template}`);
  await admin.unsafe(`create database ${template}`);
  const { migrateDatabase } = await import("../../lib/db/migrate");
  await migrateDatabase(withDatabase(adminUrl, template));

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);

  return async () => {
    const dbs = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`adsmith_t${process.pid}_%`} or datname = ${template}`;
    for (const { datname } of dbs)
      await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
    await stopServer();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
