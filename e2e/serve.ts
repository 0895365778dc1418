// The server the browser tests talk to: production build, a fresh data folder (so a new
// embedded PostgreSQL with only the demo user), small renders.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "adsmith-e2e-"));
chmodSync(dir, 0o755);
const env = process.env as Record<string, string>;
env.NODE_ENV = "production";
env.DATA_DIR = dir;
env.EMBEDDED_PG_PORT ??= String(Number(env.PORT ?? 3100) + 52432); // beside the web port, so parallel runs do not meet
env.RENDER_SCALE ??= "0.2";
env.RENDER_PRESET ??= "ultrafast";
env.LOG_LEVEL ??= "warn";
// Every journey signs up its own marketers from 127.0.0.1.
env.SIGNUPS_PER_IP_PER_HOUR ??= "1000";
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
// The fault-injection journeys' server (support/second-server.ts) sets TEST_FAULTS /
// TEST_LATENCY_MS: wrap the providers before the worker starts (a no-op without them).
await import("../tests/support/provider-faults-preload");
await import("../server");
