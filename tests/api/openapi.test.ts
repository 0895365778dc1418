// The OpenAPI document: valid OpenAPI 3.1 (checked by a validator from npm), one entry for
// every route handler under app/api and none for a route that does not exist, docs/api.md in
// step with it, and the documented response shapes held to real responses (strictly: a
// field the API sends that the document does not name fails here).
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi/document";
import { OPERATIONS } from "@/lib/api/openapi/operations";
import { apiMarkdown } from "@/lib/api/openapi/reference";
import {
  assetSchema,
  sessionDetailResponse,
  sessionListResponse,
  sessionSchema,
} from "@/lib/api/openapi/responses";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { closeEmitter } from "@/lib/realtime/events";
import { discoverRoutes } from "../security/support/routes";
import { startTestServer, type TestServer } from "../support/test-server";
import { apiClient, createTestUser } from "../support/users";

let server: TestServer;

beforeAll(async () => {
  await queue();
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  await stopQueue();
  await closeEmitter();
});

/** `POST /api/sessions/[id]/compose` → `POST /api/sessions/{id}/compose`. */
const openApiPath = (route: string) =>
  route.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => `{${name}}`);

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("lists every route under app/api, and nothing else", () => {
    // app/api/[...path] answers what no route serves (the JSON 404), so it is no endpoint.
    const routes = discoverRoutes()
      .filter((r) => r.split(" ")[1].startsWith("/api/") && !r.endsWith(" /api/[...path]"))
      .map(openApiPath);
    const documented = OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    expect(documented).toEqual([...new Set(documented)]); // no operation twice
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]); // a route without docs
    expect(documented.filter((d) => !routes.includes(d))).toEqual([]); // docs without a route
  });

  it("documents the error shape on every operation", () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops))
        expect(Object.keys(op.responses), `${method} ${path}`).toContain("400");
  });

  it("docs/api.md is what `npm run docs:api` writes from it", () => {
    const committed = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8");
    expect(committed, "docs/api.md is out of date: run npm run docs:api").toBe(
      apiMarkdown(openApiDocument()),
    );
  });
});

describe("the documented responses are the real ones", () => {
  it("a session, its detail, a list page and an uploaded photo match their schemas exactly", async () => {
    const user = await createTestUser("openapi");
    const api = apiClient(server.url, user);
    const created = await api.post("/api/sessions", { productPrompt: "a red ceramic mug" });
    expect(created.status).toBe(201);
    const { session } = await created.json();
    sessionSchema.strict().parse(session);

    const png = await sharp({
      create: { width: 64, height: 64, channels: 3, background: "#c33" },
    })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "mug.png");
    const uploaded = await api.post(`/api/sessions/${session.id}/uploads`, form);
    expect(uploaded.status).toBe(201);
    assetSchema.strict().parse((await uploaded.json()).asset);

    const detail = await (await api.get(`/api/sessions/${session.id}`)).json();
    const parsed = sessionDetailResponse.strict().parse(detail);
    sessionSchema.strict().parse(parsed.session);
    expect(parsed.productPhoto).not.toBeNull();
    for (const a of [...parsed.images, ...(parsed.productPhoto ? [parsed.productPhoto] : [])])
      assetSchema.strict().parse(a);

    const list = await (await api.get("/api/sessions")).json();
    sessionListResponse.strict().parse(list);
    for (const s of list.sessions) sessionSchema.strict().parse(s);
  });
});
