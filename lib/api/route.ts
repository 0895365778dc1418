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
  let raw: unknown = {};
  const text = await req.text();
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
