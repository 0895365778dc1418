// The address users reach the app at, for links it hands out (share links): PUBLIC_URL when
// set, else the address the connection actually arrived at (server.ts stamps it from the
// socket), else the configured port on localhost. Never the Host header, which whoever
// sends the request chooses (a proxy or cache fooled by it would hand out their links).
import { env } from "../env";

/** Set by server.ts on every request from the socket's local address (a client's is replaced). */
export const LOCAL_ORIGIN_HEADER = "x-adsmith-local-origin";

/** `http://<address>:<port>` of the socket's local end. */
export function socketOrigin(socket: { localAddress?: string; localPort?: number }): string {
  const address = (socket.localAddress ?? "localhost").replace(/^::ffff:/, "");
  return `http://${address.includes(":") ? `[${address}]` : address}:${socket.localPort ?? env.PORT}`;
}

export function appOrigin(headers?: Headers): string {
  if (env.PUBLIC_URL) return new URL(env.PUBLIC_URL).origin;
  return headers?.get(LOCAL_ORIGIN_HEADER) ?? `http://localhost:${env.PORT}`;
}
