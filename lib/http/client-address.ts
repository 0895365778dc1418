// The client's address for rate limits (login, sign-up): the socket's, or behind a trusted
// proxy (TRUST_PROXY) the address that proxy put in X-Forwarded-For. A proxy appends the
// address it saw to whatever the client already sent, so only the LAST entry is the proxy's
// word; the ones before it are the client's own text and could name any address (an attacker
// would rotate them to dodge every limit, or write a victim's to lock it). An entry that is
// not an IP address (junk, a 400-character string) is ignored: the socket's address is used.
import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";
import { env } from "../env";

/** `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:443` → the bare address. */
function ipOf(entry: string): string | undefined {
  const bare = /^\[([^\]]+)\](?::\d+)?$/.exec(entry)?.[1] ?? entry.replace(/^([\d.]+):\d+$/, "$1");
  return isIP(bare) ? bare : undefined;
}

export function clientAddress(
  req: { headers: IncomingHttpHeaders; socket: { remoteAddress?: string } },
  trustProxy: boolean = env.TRUST_PROXY,
): string {
  const socket = req.socket.remoteAddress || "unknown";
  if (!trustProxy) return socket;
  const header = req.headers["x-forwarded-for"];
  const entries = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",");
  const last = entries[entries.length - 1]?.trim() ?? "";
  return ipOf(last) ?? socket;
}
