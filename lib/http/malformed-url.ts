// A URL whose path is not valid percent-encoding (`/share/%c0%af`, `/api/sessions/%zz`)
// names nothing. Next would fail to decode it and answer a bare 500; server.ts answers
// first, with a 400 in api.md's error shape and the usual security headers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_SECURITY_HEADERS } from "./security-headers.mjs";

export function isMalformedPath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0];
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Answers 400 and returns true when the request's path cannot be decoded. */
export function refuseMalformedUrl(req: IncomingMessage, res: ServerResponse): boolean {
  if (!isMalformedPath(req.url)) return false;
  res.statusCode = 400;
  res.setHeader("Connection", "close"); // its body, if any, is never read
  for (const { key, value } of API_SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Type", "application/json");
  res.end(
    JSON.stringify({
      error: {
        code: "invalid_input",
        message: "That address is not valid. Check the link and try again.",
        issues: [],
      },
    }),
  );
  return true;
}
