// The Socket.IO server on the same HTTP server as Next. Only signed-in users connect.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { logger } from "../logger";
import { userIdFromCookie } from "./auth";

export type SocketData = { userId: number };

export function attachRealtime(http: HttpServer): Server {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(http, {
    path: "/socket.io",
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
  });
  io.use(async (socket, next) => {
    const userId = await userIdFromCookie(socket.handshake.headers.cookie);
    if (!userId) return next(new Error("unauthorized"));
    socket.data.userId = userId;
    next();
  });
  io.on("connection", (socket) => {
    logger.debug("socket connected", { userId: socket.data.userId, socketId: socket.id });
  });
  (globalThis as { __adsmithIo?: Server }).__adsmithIo = io;
  return io;
}
