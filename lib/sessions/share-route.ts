// The public media routes of a share link: no sign-in, the token is the key. Everything that
// is not a live, shared final video is the same 404.
import { toResponse } from "../errors";
import { serveShared } from "./share";

type Ctx = { params: Promise<Record<string, string | string[]>> };

export function sharedMediaRoute(what: "video" | "poster") {
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    try {
      const { token } = await ctx.params;
      return await serveShared(typeof token === "string" ? token : "", what, req);
    } catch (err) {
      return toResponse(err, { path: new URL(req.url).pathname, method: req.method });
    }
  };
}
