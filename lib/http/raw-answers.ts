// Answers server.ts gives before (or instead of) Next, in api.md's error shape with the API's
// security headers, so that no request — however broken — gets a bare Node or Next reply:
// - a request Node's HTTP parser refuses (a control character in a header such as
//   Idempotency-Key, a space in the path, headers over 16 KB, a broken chunk): 400/431/413;
// - a page request's body (the sign-in and sign-up forms post to server actions) past
//   MAX_PAGE_BODY_BYTES, counted as it streams in: 413 at once (Next's own limit answers
//   500 and prints a stack trace that is not a JSON log line);
// - an /api path whose route does not serve the method: Next's 405 has no body; it gets one.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { refuseMalformedUrl } from "./malformed-url";
import { API_SECURITY_HEADERS } from "./security-headers.mjs";

/** The sign-in, sign-up and sign-out forms: a few hundred bytes. */
export const MAX_PAGE_BODY_BYTES = 64 * 1024;

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  405: "Method Not Allowed",
  408: "Request Timeout",
  413: "Payload Too Large",
  431: "Request Header Fields Too Large",
};

function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

function jsonHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, value } of API_SECURITY_HEADERS) headers[key] = value;
  headers["Cache-Control"] = "no-store";
  headers["Content-Type"] = "application/json";
  return headers;
}

/** Ends the response with a JSON error; its body, if any, is not read (the connection closes). */
export function endWithJsonError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  for (const [key, value] of Object.entries(jsonHeaders())) res.setHeader(key, value);
  res.setHeader("Connection", "close");
  res.end(errorBody(code, message));
}

/** server.on("clientError"): the request could not be parsed, so it is answered on the socket. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // As Node's own handler: answer only on a socket that has not answered yet.
  if (err.code === "ECONNRESET" || !socket.writable || (socket as Socket).bytesWritten > 0) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "invalid_input", "The request's headers are too large."]
      : err.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW"
        ? [413, "payload_too_large", "The request body is malformed or too large."]
        : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, "invalid_input", "The request took too long to arrive."]
          : [
              400,
              "invalid_input",
              "The request is malformed (a header or the address has characters HTTP does not allow).",
            ];
  const body = errorBody(code, message);
  const headers = {
    ...jsonHeaders(),
    "Content-Length": String(Buffer.byteLength(body)),
    Connection: "close",
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n");
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n${head}\r\n\r\n${body}`);
}

/**
 * A body sent to anything but /api (whose routes read and limit their own): counted as it
 * arrives, and past maxBytes answered 413 and no longer read. Returns true when refused
 * before any of it was read (a declared Content-Length over the limit).
 */
export function limitPageBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes = MAX_PAGE_BODY_BYTES,
): boolean {
  if (req.url?.startsWith("/api/") || req.method === "GET" || req.method === "HEAD") return false;
  const tooLarge = () =>
    endWithJsonError(
      res,
      413,
      "payload_too_large",
      `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`,
    );
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) {
    tooLarge();
    return true;
  }
  // Node's parser hands each piece of the body to push(): count there, before any reader.
  let size = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null || size > maxBytes) return chunk === null ? push(chunk) : false;
    size += (chunk as Buffer).length;
    if (size <= maxBytes) return push(chunk, encoding);
    tooLarge();
    req.destroy();
    return false;
  };
  return false;
}

/**
 * Gives Next's body-less 405 on an /api path (a method the route does not serve) api.md's
 * JSON body. Next sends it with writeHead(405) then end(): both are wrapped for this response.
 */
export function jsonMethodNotAllowed(req: IncomingMessage, res: ServerResponse): void {
  if (!req.url?.startsWith("/api/")) return;
  let replacing = false;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 405 && !res.headersSent) {
      replacing = true;
      for (const [key, value] of Object.entries(jsonHeaders())) res.setHeader(key, value);
      res.removeHeader("Content-Length");
    }
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (!replacing && res.statusCode === 405 && !res.headersSent) res.writeHead(405);
    if (!replacing) return end(...args);
    return end(errorBody("method_not_allowed", `${req.method} is not served at this address.`));
  }) as typeof res.end;
}

/**
 * What server.ts does with every request before Next sees it: true when already answered
 * (a malformed URL, a page body declared too large); else Next handles it, with the page body
 * counted and an /api 405 given its JSON body.
 */
export function answeredBeforeNext(req: IncomingMessage, res: ServerResponse): boolean {
  if (refuseMalformedUrl(req, res) || limitPageBody(req, res)) return true;
  jsonMethodNotAllowed(req, res);
  return false;
}
