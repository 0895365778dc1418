// Every JSON route goes through here: authenticated by default (session cookie, or an API
// key as `Authorization: Bearer`), refused when a browser sends it from another site
// (non-GET, cookie only), errors in api.md's shape, params and bodies parsed with zod
// before the handler sees them. Each request gets an id (the caller's `x-request-id` or a new
// one), returned in the response and written on every log line made while serving it.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { bearerToken, requireApiKeyUser } from "../auth/api-keys-bearer";
import { requireUser, type SessionUser } from "../auth/request-user";
import { AppError, fromZod, toResponse } from "../errors";
import { API_SECURITY_HEADERS } from "../http/security-headers.mjs";
import { addLogContext, type LogContext, logger, withLogContext } from "../logger";
import { assertSameOrigin } from "./same-origin";
import { assertCleanQuery, assertCleanText } from "./text";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export const REQUEST_ID_HEADER = "x-request-id";
const REQUEST_ID_SHAPE = /^[A-Za-z0-9._:-]{1,128}$/;

export function apiRoute<P extends z.ZodType = z.ZodType<Record<string, never>>>(
  handler: (ctx: {
    req: Request;
    user: SessionUser;
    params: z.infer<P>;
    /** Set when the caller authenticated with an API key instead of a session cookie. */
    apiKeyId?: string;
  }) => Promise<Response>,
  opts: { params?: P } = {},
) {
  return (req: Request, ctx: RouteContext): Promise<Response> =>
    serveRequest(req, async () => {
      // A Bearer header decides alone: a bad key is a 401 even when a cookie came along.
      const token = bearerToken(req.headers.get("authorization"));
      let user: SessionUser;
      let apiKeyId: string | undefined;
      if (token === undefined) {
        assertSameOrigin(req);
        user = await requireUser(req);
      } else ({ user, apiKeyId } = await requireApiKeyUser(token));
      addLogContext({ userId: user.id, apiKeyId });
      let params = {} as z.infer<P>;
      if (opts.params) {
        const parsed = opts.params.safeParse(await ctx.params);
        // A malformed id cannot name anything the user owns.
        if (!parsed.success) throw new AppError("not_found", "That was not found.");
        params = parsed.data;
      }
      return handler({ req, user, params, apiKeyId });
    });
}

/**
 * What every API response gets, also for routes that are not apiRoute (sign-up, health,
 * webhooks, share media): a request id, errors in api.md's shape, the API's security
 * headers, and one access-log line.
 */
export function serveRequest(req: Request, run: () => Promise<Response>): Promise<Response> {
  const incoming = req.headers.get(REQUEST_ID_HEADER);
  const requestId = incoming && REQUEST_ID_SHAPE.test(incoming) ? incoming : randomUUID();
  const path = new URL(req.url).pathname;
  const started = performance.now();
  return withLogContext({ requestId, ...idsInPath(path) }, async () => {
    let res: Response;
    try {
      assertCleanQuery(new URL(req.url));
      res = await run();
    } catch (err) {
      res = toResponse(err, { path, method: req.method });
    }
    res = withApiHeaders(res, requestId);
    logger.info("request", {
      method: req.method,
      path,
      status: res.status,
      ms: Math.round(performance.now() - started),
    });
    return res;
  });
}

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const SESSION_IN_PATH = new RegExp(`^/api/(?:sessions|media)/(${UUID})(?:/|$)`);
const ASSET_IN_PATH = new RegExp(`^/api/assets/(${UUID})(?:/|$)`);

function idsInPath(path: string): LogContext {
  return { sessionId: SESSION_IN_PATH.exec(path)?.[1], assetId: ASSET_IN_PATH.exec(path)?.[1] };
}

/**
 * Adds the request id and security headers a handler did not set itself. JSON answers are
 * never stored by a browser or a shared cache (they are one user's data).
 */
function withApiHeaders(res: Response, requestId: string): Response {
  const add = (headers: Headers) => {
    headers.set(REQUEST_ID_HEADER, requestId);
    if (headers.get("content-type")?.includes("json") && !headers.has("cache-control"))
      headers.set("Cache-Control", "no-store");
    for (const { key, value } of API_SECURITY_HEADERS)
      if (!headers.has(key)) headers.set(key, value);
  };
  try {
    add(res.headers);
    return res;
  } catch {
    // Response.redirect() has immutable headers (S3's presigned redirects): copy them.
    const headers = new Headers(res.headers);
    add(headers);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}

/** Reads a JSON body and validates it; a missing or broken body is a 400, not a 500. */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return parseJsonText(await readBodyText(req), schema);
}

/** JSON bodies here are a few hundred bytes; refuse huge ones before buffering them. */
export const MAX_JSON_BYTES = 256 * 1024;

export async function readBodyText(req: Request, maxBytes = MAX_JSON_BYTES): Promise<string> {
  // The rest of the body is never read, so the connection cannot carry another request.
  const tooLarge = () =>
    new AppError(
      "payload_too_large",
      `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`,
      {},
      { Connection: "close" },
    );
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** jsonBody for a body already read (the idempotency wrapper reads it to fingerprint it). */
export function parseJsonText<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let raw: unknown = {};
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new AppError("invalid_input", "The request body is not valid JSON.", { issues: [] });
    }
  }
  assertCleanText(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}
