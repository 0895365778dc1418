// session:join / session:leave. A socket enters a session's room only after the server has
// checked that its user owns the session and it is not deleted; anything else (another
// user's, deleted, made-up or malformed ids) gets the same not_found answer.
import { z } from "zod";
import { getOwnSession } from "../db/queries/sessions";
import { errorFields, logger } from "../logger";
import { sessionView } from "../sessions/session-view";
import { clientInfo } from "./client-info";
import { closeConnection, openConnection } from "./connections";
import { roomOf } from "./events";
import type { JoinAck, LeaveAck, RealtimeError } from "./protocol";
import type { AppSocket } from "./server";

const payload = z.object({ sessionId: z.uuid() });
const ROOM_PREFIX = "session:";

const notFound: RealtimeError = { code: "not_found", message: "That session was not found." };
const internal: RealtimeError = {
  code: "internal",
  message: "Live updates are unavailable right now; the page still refreshes.",
};

/** The session ids this socket has joined (its `session:<id>` rooms). */
export function joinedSessions(socket: AppSocket): string[] {
  return [...socket.rooms]
    .filter((r) => r.startsWith(ROOM_PREFIX))
    .map((r) => r.slice(ROOM_PREFIX.length));
}

export function handleRooms(socket: AppSocket): void {
  socket.on("session:join", async (raw, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    try {
      reply(await join(socket, raw));
    } catch (err) {
      logger.warn("session:join failed", { socketId: socket.id, ...errorFields(err) });
      reply({ ok: false, error: internal });
    }
  });

  socket.on("session:leave", async (raw, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    const parsed = payload.safeParse(raw);
    if (!parsed.success || !socket.rooms.has(roomOf(parsed.data.sessionId))) {
      const answer: LeaveAck = { ok: false, error: notFound };
      return reply(answer);
    }
    await socket.leave(roomOf(parsed.data.sessionId));
    await closeConnection(socket.id, parsed.data.sessionId).catch((err) =>
      logger.warn("websocket_connections not closed", { socketId: socket.id, ...errorFields(err) }),
    );
    reply({ ok: true });
  });

  // Rooms are still listed while disconnecting; the rows of each are closed.
  socket.on("disconnecting", () => {
    for (const sessionId of joinedSessions(socket)) {
      closeConnection(socket.id, sessionId).catch((err) =>
        logger.warn("websocket_connections not closed", {
          socketId: socket.id,
          ...errorFields(err),
        }),
      );
    }
  });
}

async function join(socket: AppSocket, raw: unknown): Promise<JoinAck> {
  const parsed = payload.safeParse(raw);
  if (!parsed.success) return { ok: false, error: notFound };
  const { sessionId } = parsed.data;
  const userId = socket.data.userId;
  if (!(await getOwnSession({ id: sessionId, userId }))) return { ok: false, error: notFound };
  await socket.join(roomOf(sessionId));
  // Read again after joining: any change after this read sends an event this socket gets,
  // so the snapshot in the ack plus the events miss nothing.
  const session = await getOwnSession({ id: sessionId, userId });
  if (!session) {
    await socket.leave(roomOf(sessionId));
    return { ok: false, error: notFound };
  }
  await openConnection({ socketId: socket.id, sessionId, ...clientInfo(socket) });
  return { ok: true, session: sessionView(session) };
}

/**
 * A recovered connection (a short drop back to this process) gets its rooms back without
 * asking; ownership is checked again (the session may have been deleted meanwhile) and its
 * rows reopened.
 */
export async function restoreRooms(socket: AppSocket): Promise<void> {
  for (const sessionId of joinedSessions(socket)) {
    const owned = await getOwnSession({ id: sessionId, userId: socket.data.userId });
    if (owned) await openConnection({ socketId: socket.id, sessionId, ...clientInfo(socket) });
    else await socket.leave(roomOf(sessionId));
  }
}
