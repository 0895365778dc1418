// Every JSON route goes through here: authenticated by default, errors in api.md's shape,
// params and bodies parsed with zod before the handler sees them.
import type { z } from "zod";
import { AppError, fromZod, toResponse } from "../errors";
import { requireUser, type SessionUser } from "../auth/request-user";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function apiRoute<P extends z.ZodType = z.ZodType<Record<string, never>>>(
  handler: (ctx: { req: Request; user: SessionUser; params: z.infer<P> }) => Promise<Response>,
  opts: { params?: P } = {},
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      const user = await requireUser(req);
      let params = {} as z.infer<P>;
      if (opts.params) {
        const parsed = opts.params.safeParse(await ctx.params);
        // A malformed id cannot name anything the user owns.
        if (!parsed.success) throw new AppError("not_found", "That was not found.");
        params = parsed.data;
      }
      return await handler({ req, user, params });
    } catch (err) {
      return toResponse(err, { path: new URL(req.url).pathname, method: req.method });
    }
  };
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
    new AppError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`, {}, { Connection: "close" });
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
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}
