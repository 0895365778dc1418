// What every process does before serving or working: find or start the database, apply
// migrations, make sure the demo user exists.
import { env } from "./env";
import { closeDb, databaseUrl, setDatabaseUrl } from "./db/client";
import { startEmbeddedPostgres } from "./db/embedded";
import { migrateDatabase } from "./db/migrate";
import { seedDemoUser } from "./db/seed";
import { logger } from "./logger";

export type Runtime = { embedded: boolean; shutdown: () => Promise<void> };

export async function bootstrap(): Promise<Runtime> {
  let stopEmbedded = async () => {};
  if (!env.DATABASE_URL) {
    const server = await startEmbeddedPostgres((msg) => logger.info(msg, { component: "db" }));
    setDatabaseUrl(server.url);
    stopEmbedded = server.stop;
  }
  await migrateDatabase(databaseUrl());
  await seedDemoUser();
  return {
    embedded: !env.DATABASE_URL,
    shutdown: async () => {
      await closeDb();
      await stopEmbedded();
    },
  };
}
