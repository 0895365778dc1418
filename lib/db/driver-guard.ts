// postgres.js 3.4.9 (the latest release) can throw from a timer when PostgreSQL closes a
// connection under it — `TypeError: Cannot read properties of null (reading 'write')` in
// connection.js `nextWrite` (porsager/postgres#1154, #1208; fixes unreleased). Thrown from a
// setImmediate, no await or try/catch can catch it, and it took the whole web process down
// when PostgreSQL restarted (found by `npm run test:chaos`). By then the driver has already
// failed the connection's queries with CONNECTION_CLOSED and opens a new connection for the
// next one, so such an error is logged and survived. Any other uncaught exception still ends
// the process, as Node would (logged first, exit code 1).
import { errorFields, logger } from "../logger";

const DRIVER_FILE = /node_modules[\\/]postgres[\\/]src[\\/]connection\.js/;

/** True for an error the driver threw from its own timers about a socket already gone. */
export function isDriverSocketBug(err: unknown): boolean {
  if (!(err instanceof TypeError)) return false;
  const top = (err.stack ?? "").split("\n").slice(1, 3).join("\n");
  return DRIVER_FILE.test(top) && /null|undefined/.test(err.message);
}

/** Installs the guard once per process (server.ts, worker.ts). */
export function guardDriverCrashes(): void {
  const flag = globalThis as { __adsmithDriverGuard?: boolean };
  if (flag.__adsmithDriverGuard) return;
  flag.__adsmithDriverGuard = true;
  process.on("uncaughtException", (err) => {
    if (isDriverSocketBug(err)) {
      logger.warn(
        "database connection closed under a pending write; the driver reconnects",
        errorFields(err),
      );
      return;
    }
    logger.error("uncaught exception; stopping", errorFields(err));
    process.exit(1);
  });
}
