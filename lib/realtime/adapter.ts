// The Socket.IO adapter of every web process: @socket.io/postgres-adapter, which LISTENs on
// the shared database, so events emitted by any process (a worker's emitter, another web
// process) reach the sockets connected here.
//
// That adapter does not support connection state recovery (it stamps every event with an
// empty offset and restores nothing; see its adapter.js), so a dropped connection would
// silently lose the events sent meanwhile. We add what Socket.IO's own SessionAwareAdapter
// does, per process: stamp each event with an offset, keep recent events, and replay the
// missed ones when a client comes back to this process within the recovery window.
import { createAdapter, type PostgresAdapter } from "@socket.io/postgres-adapter";
import type { Pool } from "pg";
import { errorFields, logger } from "../logger";
import { CHANNEL } from "./events";

type Packet = { type: number; id?: number; data: unknown[] };
type Opts = { rooms: Set<string>; except: Set<string>; flags?: { volatile?: boolean } };
type Session = {
  sid: string;
  pid: string;
  rooms: string[];
  data: unknown;
  disconnectedAt?: number;
};
type Kept = { id: string; opts: Opts; data: unknown[]; at: number };

/** The private/protected parts of the cluster adapter that recovery hooks into. */
type Hookable = {
  addOffsetIfNecessary(packet: Packet, opts: Opts, offset: unknown): void;
  persistSession(session: Session): void;
  restoreSession(
    pid: string,
    offset: string,
  ): Promise<(Session & { missedPackets: unknown[] }) | null>;
};

export function postgresAdapter(pool: Pool, maxDisconnectionMs: number) {
  const factory = createAdapter(pool, {
    channelPrefix: CHANNEL,
    tableName: "socket_io_attachments",
    errorHandler: (err) => logger.warn("socket adapter error", errorFields(err)),
  });
  // Socket.IO calls this with `new`, so it must be a function, not an arrow.
  return function recoverablePostgresAdapter(nsp: unknown): PostgresAdapter {
    const adapter = factory(nsp);
    addRecovery(adapter as unknown as Hookable, maxDisconnectionMs);
    return adapter;
  };
}

function addRecovery(adapter: Hookable, windowMs: number): void {
  const sessions = new Map<string, Session>();
  let packets: Kept[] = [];
  const prefix = Math.random().toString(36).slice(2, 8);
  let seq = 0;

  const prune = setInterval(() => {
    const threshold = Date.now() - windowMs;
    for (const [pid, s] of sessions) if ((s.disconnectedAt ?? 0) < threshold) sessions.delete(pid);
    const firstFresh = packets.findIndex((p) => p.at >= threshold);
    packets = firstFresh === -1 ? [] : packets.slice(firstFresh);
  }, 60_000);
  prune.unref();

  // Called for local broadcasts (with the "" offset the Postgres adapter returns) and for
  // events from other processes (no offset): either way, the offset becomes ours.
  adapter.addOffsetIfNecessary = (packet, opts) => {
    const isEvent = packet.type === 2;
    const withoutAck = packet.id === undefined;
    const notVolatile = opts.flags?.volatile === undefined;
    if (!(isEvent && withoutAck && notVolatile)) return;
    const id = `${prefix}-${(++seq).toString(36)}`;
    packet.data.push(id);
    packets.push({ id, opts, data: packet.data, at: Date.now() });
  };

  adapter.persistSession = (session) => {
    sessions.set(session.pid, { ...session, disconnectedAt: Date.now() });
  };

  adapter.restoreSession = async (pid, offset) => {
    const session = sessions.get(pid);
    if (!session) return null;
    sessions.delete(pid);
    if ((session.disconnectedAt ?? 0) + windowMs < Date.now()) return null;
    const index = packets.findIndex((p) => p.id === offset);
    if (index === -1) return null; // too old, or sent by another process's adapter
    const missedPackets = packets
      .slice(index + 1)
      .filter((p) => included(session.rooms, p.opts))
      .map((p) => p.data);
    return { ...session, missedPackets };
  };
}

function included(rooms: string[], opts: Opts): boolean {
  const rs = opts.rooms instanceof Set ? opts.rooms : new Set(opts.rooms as Iterable<string>);
  const ex = opts.except instanceof Set ? opts.except : new Set(opts.except as Iterable<string>);
  return (rs.size === 0 || rooms.some((r) => rs.has(r))) && rooms.every((r) => !ex.has(r));
}
