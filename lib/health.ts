import { pingDatabase } from "./db/queries/health";
import { errorFields, logger } from "./logger";
import { QUEUES, queue } from "./pipeline/queue";
import { storage } from "./storage";

type Check = "ok" | "error";

async function probe(name: string, fn: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), 3000);
      }),
    ]);
    return "ok";
  } catch (err) {
    logger.warn("health check failed", { check: name, ...errorFields(err) });
    return "error";
  } finally {
    clearTimeout(timer);
  }
}

/** The queue answers when its client is started (web processes enqueue with it) and its queues exist. */
async function checkQueue(): Promise<void> {
  const boss = await queue();
  if (!(await boss.getQueue(QUEUES.parsePrompt)))
    throw new Error("the pipeline queues are missing");
}

export async function checkHealth() {
  const [dbCheck, queueCheck, storageCheck] = await Promise.all([
    probe("db", pingDatabase),
    probe("queue", checkQueue),
    probe("storage", () => storage().check()),
  ]);
  const checks = { db: dbCheck, queue: queueCheck, storage: storageCheck };
  const status = Object.values(checks).every((c) => c === "ok") ? "ok" : "error";
  return { status, ...checks };
}
