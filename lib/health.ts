import { sql } from "drizzle-orm";
import { db } from "./db/client";
import { logger, errorFields } from "./logger";

type Check = "ok" | "error";

async function probe(name: string, fn: () => Promise<unknown>): Promise<Check> {
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), 3000))]);
    return "ok";
  } catch (err) {
    logger.warn("health check failed", { check: name, ...errorFields(err) });
    return "error";
  }
}

export async function checkHealth() {
  const [dbCheck] = await Promise.all([probe("db", () => db().execute(sql`select 1`))]);
  // queue and storage join here as they land
  const checks = { db: dbCheck, queue: "ok" as Check, storage: "ok" as Check };
  const status = Object.values(checks).every((c) => c === "ok") ? "ok" : "error";
  return { status, ...checks };
}
