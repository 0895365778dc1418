// The session:progress event of api.md, sent from any process (web or worker) as a NOTIFY on
// the shared database; every web process receives it through its Socket.IO Postgres adapter
// (adapter.ts) and delivers it to the session's room. The database stays the truth: clients
// refetch on events.
//
// Why not @socket.io/postgres-emitter: its latest release (0.1.1) sends messages without the
// top-level `nsp` that @socket.io/postgres-adapter 0.5 routes by, so the adapter silently
// drops every one of them (tested). The message below is the adapter's own BROADCAST format.
import pg from "pg";
import { databaseUrl } from "../db/client";
import { errorFields, logger } from "../logger";
import type { ProgressEvent } from "./protocol";

export type {
  ClientToServerEvents,
  JoinAck,
  LeaveAck,
  ProgressEvent,
  ServerToClientEvents,
} from "./protocol";

/** NOTIFY channel prefix shared with the adapters (the channel is `<prefix>#<namespace>`). */
export const CHANNEL = "adsmith_socket_io";
const NSP = "/";
/** socket.io-adapter's MessageType.BROADCAST and socket.io-parser's PacketType.EVENT. */
const BROADCAST = 3;
const EVENT = 2;
/** The uid the adapters treat as "an emitter, not a server of the cluster". */
const EMITTER_UID = "emitter";
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7900;

export const roomOf = (sessionId: string) => `session:${sessionId}`;

type Holder = { pool?: pg.Pool; pending: Set<Promise<unknown>> };
const shared = globalThis as { __adsmithEmitter?: Holder };
shared.__adsmithEmitter ??= { pending: new Set() };
const holder: Holder = shared.__adsmithEmitter;

/** One connection: queries on it run in order, so a process's events arrive in the order sent. */
function emitterPool(): pg.Pool {
  if (!holder.pool) {
    holder.pool = new pg.Pool({
      connectionString: databaseUrl(),
      max: 1,
      application_name: "adsmith-emitter",
    });
    holder.pool.on("error", (err) => logger.warn("emitter connection error", errorFields(err)));
  }
  return holder.pool;
}

/** The NOTIFY payload the adapters understand, for one event to one session's room. */
export function broadcastPayload(event: ProgressEvent): string {
  return JSON.stringify({
    uid: EMITTER_UID,
    nsp: NSP,
    type: BROADCAST,
    data: {
      packet: { type: EVENT, nsp: NSP, data: ["session:progress", event] },
      opts: { rooms: [roomOf(event.sessionId)], except: [], flags: {} },
    },
  });
}

/** Sends without waiting (a hint must never slow the work down); failures are logged. */
export function emitProgress(event: Omit<ProgressEvent, "at">): void {
  const payload = broadcastPayload({
    ...event,
    message: event.message.slice(0, 500),
    at: Date.now(),
  });
  if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
    logger.warn("progress event too large for NOTIFY; not sent", {
      sessionId: event.sessionId,
      bytes: Buffer.byteLength(payload),
    });
    return;
  }
  const sent = emitterPool()
    .query("SELECT pg_notify($1, $2)", [`${CHANNEL}#${NSP}`, payload])
    .catch((err) =>
      logger.warn("progress event not sent", { sessionId: event.sessionId, ...errorFields(err) }),
    )
    .finally(() => holder.pending.delete(sent));
  holder.pending.add(sent);
}

/** Sends what is queued, then closes the connection. */
export async function closeEmitter(): Promise<void> {
  await Promise.allSettled([...holder.pending]);
  const pool = holder.pool;
  holder.pool = undefined;
  await pool?.end().catch(() => {});
}
