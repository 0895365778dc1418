// The Socket.IO server on the same HTTP server as Next. Only signed-in users connect; a
// socket joins a session's room after an ownership check (rooms.ts); events from every
// process arrive through the Postgres adapter (adapter.ts).
import type { Server as HttpServer, IncomingMessage } from "node:http";
import pg from "pg";
import { Server, type Socket } from "socket.io";
import { isCrossSite } from "../api/same-origin";
import { databaseUrl } from "../db/client";
import { errorFields, logger } from "../logger";
import { postgresAdapter } from "./adapter";
import { userFromCookieHeader } from "./auth";
import { closeAllConnections, startHeartbeats } from "./connections";
import { userRoom } from "./disconnect-user";
import { type ClientToServerEvents, type ServerToClientEvents, SOCKET_PATH } from "./protocol";
import { handleRooms, restoreRooms } from "./rooms";

export type SocketData = { userId: number };
export type AppServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type Realtime = { io: AppServer; close: () => Promise<void> };

/** How long a dropped client may come back to this process and get the events it missed. */
const RECOVERY_MS = 2 * 60 * 1000;

function isForeignHandshake(req: IncomingMessage): boolean {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers))
    if (typeof value === "string") headers.set(key, value);
  return isCrossSite(headers, new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`));
}

export function attachRealtime(http: HttpServer): Realtime {
  // The adapter keeps one connection LISTENing and uses the others for attachments.
  const pool = new pg.Pool({
    connectionString: databaseUrl(),
    max: 3,
    application_name: "adsmith-socket",
  });
  pool.on("error", (err) => logger.warn("socket adapter connection error", errorFields(err)));

  const io: AppServer = new Server(http, {
    path: SOCKET_PATH,
    serveClient: false,
    adapter: postgresAdapter(pool, RECOVERY_MS),
    // Middlewares run again on recovery: the cookie is checked on every connection.
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_MS, skipMiddlewares: false },
    // A page of another site may not open a socket with the user's cookie (the API's rule).
    allowRequest: (req, callback) => callback(null, !isForeignHandshake(req)),
  });

  io.use(async (socket, next) => {
    const user = await userFromCookieHeader(socket.handshake.headers.cookie).catch(() => undefined);
    const userId = user?.id;
    if (!userId) return next(new Error("unauthorized"));
    // A recovered socket carries its old user; a different cookie starts over.
    if (socket.recovered && socket.data.userId !== userId) return next(new Error("unauthorized"));
    socket.data.userId = userId;
    next();
  });

  io.on("connection", (socket) => {
    void socket.join(userRoom(socket.data.userId)); // to close it when the user signs out
    handleRooms(socket);
    if (socket.recovered) {
      restoreRooms(socket).catch((err) =>
        logger.warn("rooms not restored", { socketId: socket.id, ...errorFields(err) }),
      );
    }
  });

  startHeartbeats();
  (globalThis as { __adsmithIo?: AppServer }).__adsmithIo = io;

  return {
    io,
    close: async () => {
      await closeAllConnections().catch((err) =>
        logger.warn("connections not closed", errorFields(err)),
      );
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pool.end().catch(() => {});
    },
  };
}
