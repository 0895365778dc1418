// The OpenAPI 3.1 document of the API, built from OPERATIONS (operations.ts) with zod's own
// JSON Schema output (OpenAPI 3.1 schemas are JSON Schema 2020-12). Served at
// GET /api/openapi.json, rendered at /docs/api and written to docs/api.md.
import { z } from "zod";
import { type Answer, OPERATIONS, type Operation, TAGS } from "./operations";
import { errorResponse } from "./responses";

type Json = Record<string, unknown>;

const COMMON_ERRORS: Record<number, string> = {
  400: "Invalid input: `error.issues` names each field (`path`) and what is wrong with it.",
  401: "Not signed in (no session cookie or API key, or it was revoked).",
  402: "Over the ad's budget (raise it, or choose cheaper options) or the account's storage quota (delete old ads).",
  403: "A cross-site request to a state-changing route (same-origin check).",
  404: "Not found — also for another user's resources.",
  409: "Not possible in the ad's current stage (the message says which stage it is in).",
  413: "The body or upload is too large.",
  429: "Too many requests, or a per-user quota reached (`error.limit` says which): wait `Retry-After` seconds where given.",
};

/** Where each response schema's named parts go (`components.schemas`), filled while building. */
function schemaOf(t: z.ZodType, io: "input" | "output", components: Json): Json {
  const all = z.toJSONSchema(t, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as Json & { $defs?: Json };
  const { $schema: _, $defs, ...schema } = all;
  const local = (j: unknown) =>
    JSON.parse(JSON.stringify(j).replaceAll('"#/$defs/', '"#/components/schemas/'));
  for (const [name, def] of Object.entries($defs ?? {})) components[name] = local(def);
  return local(schema);
}

function content(a: Answer, components: Json): Json | undefined {
  if (a.contentType) return { [a.contentType]: { schema: { type: "string", format: "binary" } } };
  if (a.schema) return { "application/json": { schema: schemaOf(a.schema, "output", components) } };
  return undefined;
}

function parameters(op: Operation, components: Json): Json[] {
  const out: Json[] = [];
  for (const m of op.path.matchAll(/\{(\w+)\}/g))
    out.push({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
      description: m[1] === "key" ? "the file's key: the rest of the path" : undefined,
    });
  if (op.query) {
    const q = schemaOf(op.query, "input", components) as {
      properties?: Record<string, Json>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(q.properties ?? {}))
      out.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema });
  }
  if (op.idempotent)
    out.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      schema: { type: "string", maxLength: 255 },
      description: "A repeat with the same key answers the first result instead of acting twice.",
    });
  return out;
}

function requestBody(op: Operation, components: Json): Json | undefined {
  if (op.bodyType === "multipart" && op.body)
    return {
      required: true,
      content: { "multipart/form-data": { schema: schemaOf(op.body, "input", components) } },
    };
  if (op.bodyType === "multipart")
    return {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { file: { type: "string", format: "binary" } },
            required: ["file"],
          },
        },
      },
    };
  if (op.bodyType === "form")
    return {
      content: { "application/x-www-form-urlencoded": { schema: { type: "object" } } },
    };
  if (!op.body) return undefined;
  return {
    required: true,
    content: { "application/json": { schema: schemaOf(op.body, "input", components) } },
  };
}

function errorCodes(op: Operation): number[] {
  const codes = new Set<number>([400, 429, ...(op.errors ?? [])]);
  if (op.auth === "user") for (const c of [401, 404]) codes.add(c);
  if (op.auth === "user" && op.method !== "get" && op.method !== "head") codes.add(403);
  if (op.auth === "signature") codes.add(401);
  if (op.path.includes("{token}")) codes.add(404);
  return [...codes].sort();
}

export function openApiDocument(): Json {
  const components: Json = {};
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const responses: Json = {};
    for (const [status, a] of Object.entries(op.responses))
      responses[status] = { description: a.description, content: content(a, components) };
    for (const code of errorCodes(op))
      responses[code] ??= {
        description: COMMON_ERRORS[code] ?? "Error.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    const params = parameters(op, components);
    const body = requestBody(op, components);
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      operationId: `${op.method}${op.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string) => (c ? c.toUpperCase() : ""))}`,
      summary: op.summary,
      tags: [op.tag],
      security: op.auth === "user" ? [{ cookie: [] }, { bearer: [] }] : [],
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses,
    };
  }
  // Registers Error (its meta id) among the components; the reference itself is not needed.
  schemaOf(errorResponse, "output", components);
  return {
    openapi: "3.1.0",
    info: {
      title: "Adsmith API",
      version: "1.0.0",
      description:
        "Everything the studio does, as JSON. Sign in with the session cookie (Auth.js credentials) or send `Authorization: Bearer <API key>`. Errors are `{error:{code,message,…}}`. State-changing requests from a browser must be same-origin. Progress streams over Socket.IO (`/socket.io`, event `session:progress`). Outgoing webhooks (session.completed, session.failed, stage.completed) are POSTed with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body keyed by the base64 part of the secret>`; body `{type, timestamp, data:{session, stage?, finalVideos?}}`; a delivery without a 2xx is retried with growing delays for over 24 hours.",
    },
    tags: TAGS.map((name) => ({
      name,
    })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        cookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
        bearer: { type: "http", scheme: "bearer" },
      },
    },
  };
}
