// Loaded before a child process's entry point (`node --import tsx --import <this>` for a
// worker, an import at the top of e2e/serve.ts for the fault server): installs the faults and
// latency its environment asks for (TEST_FAULTS, TEST_LATENCY_MS; syntax in
// ./provider-faults.ts). Only test harnesses set these; the app never reads them.
import { injectFaults } from "./provider-faults";

const raw = process.env.TEST_LATENCY_MS ?? "0";
const latency = Number(raw);
if (!Number.isInteger(latency) || latency < 0)
  throw new Error(`TEST_LATENCY_MS: expected a whole number of milliseconds, got "${raw}"`);
injectFaults({ faults: process.env.TEST_FAULTS, latencyMs: latency });
