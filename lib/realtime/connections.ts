// websocket_connections: one row per (socket, session) a browser joined. Each web process
// refreshes the heartbeat of its open rows in one UPDATE every HEARTBEAT_MS; rows whose
// heartbeat went stale belong to a process that died, and any web process closes them.
import {
  beatConnectionRows,
  closeConnectionRows,
  closeStaleConnectionRows,
  openConnectionRow,
} from "../db/queries/websocket-connections";
import { errorFields, logger } from "../logger";

export const HEARTBEAT_MS = 25_000;
/** Three missed heartbeats: the process that owned the row is gone. */
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

export type ConnectionInfo = {
  socketId: string;
  sessionId: string;
  clientIp?: string;
  userAgent?: string;
};

const connectionId = (socketId: string, sessionId: string) => `${socketId}:${sessionId}`;

/** `closing`: row closes under way, which shutdown lets finish before the database goes. */
type Holder = { open: Set<string>; closing: Set<Promise<unknown>>; timer?: NodeJS.Timeout };
const shared = globalThis as { __adsmithConnections?: Holder };
shared.__adsmithConnections ??= { open: new Set(), closing: new Set() };
const holder: Holder = shared.__adsmithConnections;

/** Records a join (or reopens the row of a recovered connection). */
export async function openConnection(c: ConnectionInfo): Promise<void> {
  const id = connectionId(c.socketId, c.sessionId);
  holder.open.add(id);
  await openConnectionRow({
    sessionId: c.sessionId,
    connectionId: id,
    clientIp: c.clientIp?.slice(0, 45),
    userAgent: c.userAgent?.slice(0, 1000),
  });
}

export async function closeConnection(socketId: string, sessionId: string): Promise<void> {
  const id = connectionId(socketId, sessionId);
  // Not open here: never joined, or already closed with the others at shutdown (when the
  // database may be going away too).
  if (!holder.open.delete(id)) return;
  const closing = closeConnectionRows({ connectionIds: [id] });
  holder.closing.add(closing);
  try {
    await closing;
  } finally {
    holder.closing.delete(closing);
  }
}

/** One UPDATE for the open rows of this process (per 10 000, the bind-parameter limit). */
export async function beatHeartbeats(): Promise<number> {
  let beaten = 0;
  for (const ids of chunks([...holder.open])) {
    beaten += await beatConnectionRows({ connectionIds: ids });
  }
  return beaten;
}

function chunks<T>(all: T[], size = 10_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

/** Closes rows left open by a process that stopped beating (crashed or was killed). */
export async function closeStaleConnections(staleAfterMs = STALE_AFTER_MS): Promise<number> {
  return closeStaleConnectionRows({ staleAfterMs });
}

export function startHeartbeats(): void {
  if (holder.timer) return;
  const tick = async () => {
    try {
      await beatHeartbeats();
      const closed = await closeStaleConnections();
      if (closed) logger.info("closed connections of a stopped process", { rows: closed });
    } catch (err) {
      logger.warn("connection heartbeat failed", errorFields(err));
    }
  };
  void tick();
  holder.timer = setInterval(tick, HEARTBEAT_MS);
  holder.timer.unref();
}

/** On shutdown: every row this process holds is closed at once. */
export async function closeAllConnections(): Promise<void> {
  clearInterval(holder.timer);
  holder.timer = undefined;
  const ids = [...holder.open];
  holder.open.clear();
  // Closes that began before shutdown (a browser that just left) finish first.
  await Promise.allSettled([...holder.closing]);
  for (const part of chunks(ids)) {
    await closeConnectionRows({ connectionIds: part });
  }
}
