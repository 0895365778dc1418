// A second app server for journeys that need settings the shared one must not have (fault
// injection): the same production build and serve.ts, its own port, data folder and
// embedded PostgreSQL, started for the file that needs it and stopped after it.
import { type ChildProcess, spawn } from "node:child_process";

export type SecondServer = { baseURL: string; stop: () => Promise<void> };

export async function startSecondServer(
  env: Record<string, string>,
  port = Number(process.env.E2E_PORT ?? 3100) + 1,
): Promise<SecondServer> {
  const child: ChildProcess = spawn("npx", ["tsx", "e2e/serve.ts"], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // its own process group: stopping it stops npx, tsx and the database
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const baseURL = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`second server exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`second server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseURL,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    },
  };
}
