// The public media routes of a share link: no sign-in, the token is the key. Everything that
// is not a live, shared final video is the same 404.
import { serveRequest } from "../api/route";
import { serveShared } from "./share";

type Ctx = { params: Promise<Record<string, string | string[]>> };

export function sharedMediaRoute(what: "video" | "poster") {
  return (req: Request, ctx: Ctx): Promise<Response> =>
    serveRequest(req, async () => {
      const { token } = await ctx.params;
      return serveShared(typeof token === "string" ? token : "", what, req);
    });
}
