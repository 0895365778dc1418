// What every process does before serving or working: find or start the database, apply
// migrations, make sure the demo user exists.
//
// Without DATABASE_URL the web process starts the embedded PostgreSQL; a worker-only
// process never starts one: it shares the server a running web process of this checkout
// owns, or asks for DATABASE_URL.

import { closeDb, databaseUrl, setDatabaseUrl } from "./db/client";
import { adoptEmbeddedPostgres, type EmbeddedServer, startEmbeddedPostgres } from "./db/embedded";
import { migrateDatabase } from "./db/migrate";
import { seedDemoUser } from "./db/seed";
import { env } from "./env";
import { logger } from "./logger";

export type Runtime = {
  /** Where the database is, for the start-up line: "DATABASE_URL", "embedded" or "embedded (shared)". */
  database: string;
  /**
   * True when this process just started the embedded PostgreSQL: no other process of the
   * app can be working on it, so jobs left "active" belong to a process that died.
   */
  startedDatabase: boolean;
  shutdown: () => Promise<void>;
};

export async function bootstrap(
  opts: { role: "web" | "worker" } = { role: "web" },
): Promise<Runtime> {
  let server: EmbeddedServer | undefined;
  if (!env.DATABASE_URL) {
    server =
      opts.role === "worker"
        ? adoptEmbeddedPostgres()
        : await startEmbeddedPostgres((msg) => logger.info(msg, { component: "db" }));
    if (!server) {
      throw new Error(
        "No database for the worker: set DATABASE_URL, or start the app (`npm start`) first — a worker shares the embedded PostgreSQL the app runs in this folder.",
      );
    }
    setDatabaseUrl(server.url);
  }
  await migrateDatabase(databaseUrl());
  await seedDemoUser();
  return {
    database: !server ? "DATABASE_URL" : server.startedHere ? "embedded" : "embedded (shared)",
    startedDatabase: server?.startedHere ?? false,
    shutdown: async () => {
      await closeDb();
      await server?.stop();
    },
  };
}
