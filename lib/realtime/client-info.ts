// Who is on the other end of a socket, for websocket_connections. server.ts stamps every
// HTTP request and upgrade with the client's address (CLIENT_IP_HEADER, replacing anything a
// client sent); a server that does not (tests) falls back to the socket's own address.
import { CLIENT_IP_HEADER } from "../auth/client-ip";
import type { AppSocket } from "./server";

export function clientInfo(socket: AppSocket): { clientIp?: string; userAgent?: string } {
  const headers = socket.handshake.headers;
  const stamped = headers[CLIENT_IP_HEADER];
  const ip =
    (Array.isArray(stamped) ? stamped[0] : stamped) || socket.handshake.address || undefined;
  const ua = headers["user-agent"];
  return { clientIp: ip?.replace(/^::ffff:/, ""), userAgent: Array.isArray(ua) ? ua[0] : ua };
}
