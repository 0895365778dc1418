// /api/health checks the database, the job queue and the media storage for real.
import { afterAll, beforeAll, expect, test } from "vitest";
import { storage } from "@/lib/storage";
import { createLocalStorage } from "@/lib/storage/local";
import { type Harness, json, startHarness } from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false });
});
afterAll(() => h?.stop());

test("all three ok → 200; storage that cannot be written → 503 naming it", async () => {
  const ok = await h.api.get("/api/health");
  expect(ok.status).toBe(200);
  expect(await json(ok)).toEqual({ status: "ok", db: "ok", queue: "ok", storage: "ok" });

  // storage() is cached on globalThis; swap in a store whose folder cannot be created.
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for("adsmith.storage");
  const real = storage();
  holder[key] = createLocalStorage({ root: "/dev/null/media" }); // a folder inside a device file;
  try {
    const broken = await h.api.get("/api/health");
    expect(broken.status).toBe(503);
    expect(await json(broken)).toEqual({
      status: "error",
      db: "ok",
      queue: "ok",
      storage: "error",
    });
  } finally {
    holder[key] = real;
  }
});
