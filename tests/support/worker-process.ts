// A real `worker.ts` in a separate process, for tests about processes (crash, progress across
// processes). It runs in its own process group so that a kill reaches every child it has
// (ffmpeg, …), and it uses this test file's database.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { closeEmitter } from "@/lib/realtime/events";

const ROOT = path.resolve(__dirname, "../..");
const PRELOAD = "./tests/support/provider-faults-preload.ts";

export type WorkerProcess = {
  pid: number;
  /** Everything it printed so far (JSON log lines), for failure messages. */
  output: () => string;
  /** SIGKILL to the whole process group: no graceful anything, like a crash. */
  kill: () => Promise<void>;
  /** SIGTERM (graceful shutdown), then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<number | null>;
  exited: Promise<number | null>;
};

/** `npm: true` starts it as `npm run worker`, the way a deployment may. */
export async function startWorkerProcess(
  env: Record<string, string> = {},
  opts: { npm?: boolean } = {},
): Promise<WorkerProcess> {
  if (opts.npm && (env.TEST_FAULTS || env.TEST_LATENCY_MS))
    throw new Error("fault injection needs the worker started directly (npm: false)");
  // The preload installs the faults TEST_FAULTS / TEST_LATENCY_MS ask for (none: a no-op).
  const [command, args] = opts.npm
    ? ["npm", ["run", "--silent", "worker"]]
    : [process.execPath, ["--import", "tsx", "--import", PRELOAD, "worker.ts"]];
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    detached: true, // its own process group (setsid)
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LOG_LEVEL: "info", DATABASE_URL: process.env.DATABASE_URL, ...env },
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const pid = child.pid!;

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };

  const ready = await Promise.race([
    new Promise<boolean>((resolve) => {
      const check = () => {
        if (output.includes("adsmith worker running")) {
          child.stdout?.off("data", check);
          resolve(true);
        }
      };
      child.stdout?.on("data", check);
    }),
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 60_000).unref()),
  ]);
  if (!ready) {
    signalGroup("SIGKILL");
    throw new Error(`worker process did not start:\n${output.slice(-4000)}`);
  }

  return {
    pid,
    output: () => output,
    exited,
    kill: async () => {
      signalGroup("SIGKILL");
      await exited;
    },
    stop: async (graceMs = 20_000) => {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      signalGroup("SIGKILL"); // anything it left behind in its group
      return code;
    },
  };
}

/**
 * Worker processes for a test file: the returned `worker(env)` starts one, each is stopped
 * after its test; pg-boss's schema is installed before any starts, and the queue and event
 * emitter of this process are closed after the file.
 */
export function workerProcesses(): (env?: Record<string, string>) => Promise<WorkerProcess> {
  const running: WorkerProcess[] = [];
  beforeAll(async () => {
    await queue();
  });
  afterEach(async () => {
    for (const w of running.splice(0)) await w.stop();
  });
  afterAll(async () => {
    await stopQueue();
    await closeEmitter();
  });
  return async (env = {}) => {
    const w = await startWorkerProcess(env);
    running.push(w);
    return w;
  };
}
