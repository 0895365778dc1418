// The session:progress event of api.md. Emitted from any process (web or worker) through the
// Socket.IO Postgres emitter; web processes receive it via the Postgres adapter and deliver
// it to the session's room. The database stays the truth: clients refetch on events.
import { Emitter } from "@socket.io/postgres-emitter";
import pg from "pg";
import { databaseUrl } from "../db/client";
import type { Session } from "../db/schema";
import { logger, errorFields } from "../logger";

export const CHANNEL = "adsmith_socket_io";

export type ProgressEvent = {
  sessionId: string;
  status: Session["status"];
  stage: string | null;
  progress: number;
  message: string;
  totalCost: number;
  asset?: { id: string; type: string; status: string; url: string };
  at: number;
};

export const roomOf = (sessionId: string) => `session:${sessionId}`;

type Holder = { pool?: pg.Pool; emitter?: Emitter };
const holder: Holder = ((globalThis as { __adsmithEmitter?: Holder }).__adsmithEmitter ??= {});

export function socketPool(): pg.Pool {
  holder.pool ??= new pg.Pool({ connectionString: databaseUrl(), max: 3, application_name: "adsmith-socket" });
  holder.pool.on("error", (err) => logger.warn("socket pool error", errorFields(err)));
  return holder.pool;
}

function emitter(): Emitter {
  holder.emitter ??= new Emitter(socketPool(), "/", { channelPrefix: CHANNEL });
  return holder.emitter;
}

export function emitProgress(event: Omit<ProgressEvent, "at">): void {
  try {
    emitter().to(roomOf(event.sessionId)).emit("session:progress", { ...event, at: Date.now() });
  } catch (err) {
    logger.warn("progress event not sent", { sessionId: event.sessionId, ...errorFields(err) });
  }
}

export async function closeEmitter(): Promise<void> {
  const pool = holder.pool;
  holder.pool = undefined;
  holder.emitter = undefined;
  await pool?.end().catch(() => {});
}
