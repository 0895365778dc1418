// The API's OpenAPI 3.1 document, public like any API reference. Built once per process
// from lib/api/openapi (the routes' own zod schemas).
import { openApiDocument } from "@/lib/api/openapi/document";
import { serveRequest } from "@/lib/api/route";

let document: ReturnType<typeof openApiDocument> | undefined;

export const GET = (req: Request): Promise<Response> =>
  serveRequest(req, async () => {
    document ??= openApiDocument();
    return Response.json(document);
  });
