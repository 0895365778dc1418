// The guard against postgres.js 3.4.9's uncatchable `nextWrite` TypeError (lib/db/driver-guard.ts;
// it killed the web process when PostgreSQL restarted in `npm run test:chaos`): that error is
// survived, any other uncaught exception still ends the process with code 1.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const run = (kind: string) =>
  promisify(execFile)(
    process.execPath,
    ["--import", "tsx", path.resolve(import.meta.dirname, "support/throw-in-timer.ts"), kind],
    {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, LOG_LEVEL: "warn" },
    },
  ).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      out: e.stdout + e.stderr,
    }),
  );

test("the driver's closed-socket TypeError is logged and survived; anything else still stops the process", async () => {
  const [driver, other] = await Promise.all([run("driver"), run("other")]);
  expect(driver.code, driver.out).toBe(0);
  expect(driver.out).toContain("alive");
  expect(driver.out).toMatch(/"msg":"database connection closed under a pending write/);
  expect(other.code, other.out).toBe(1);
  expect(other.out).not.toContain("alive");
  expect(other.out).toMatch(/"msg":"uncaught exception; stopping"/);
});
