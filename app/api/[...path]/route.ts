// Any /api/… path no route serves (any method): api.md's JSON 404 with the API's headers,
// not the HTML "page not found" a script cannot read. Next matches every more specific
// route first, so this only answers what nothing else would.
import { serveRequest } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const noSuchRoute = (req: Request) =>
  serveRequest(req, async () => {
    throw new AppError("not_found", "There is no API endpoint at this address.");
  });

export const GET = noSuchRoute;
export const HEAD = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
export const OPTIONS = noSuchRoute;
