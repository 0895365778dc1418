// server.ts stamps every request with the socket's address in this header (replacing any
// value a client sent), so rate limits cannot be dodged by forging X-Forwarded-For.
export const CLIENT_IP_HEADER = "x-adsmith-client-ip";

export function clientIp(headers: Headers): string | undefined {
  return headers.get(CLIENT_IP_HEADER) ?? undefined;
}
