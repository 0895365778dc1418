// A real HTTP server on loopback for integration tests: it serves the JSON API by calling
// the app's own route handlers (app/api/**/route.ts, matched the way Next matches folder
// names) and can host Socket.IO, so tests talk HTTP and WebSocket to the real code without
// a `next build`. Only Auth.js's own routes are left out: tests sign in with a cookie
// minted by sessionCookieFor (the same JWT Auth.js issues).
import { readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { LOCAL_ORIGIN_HEADER, socketOrigin } from "@/lib/http/app-origin";
import { clientAddress } from "@/lib/http/client-address";

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;
type Route = {
  pattern: RegExp;
  names: { name: string; catchAll: boolean }[];
  fixedSegments: number;
  file: string;
};

const API_DIR = path.resolve(__dirname, "../../app/api");

function findRoutes(dir: string, segments: string[] = []): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) routes.push(...findRoutes(full, [...segments, entry]));
    else if (entry === "route.ts") routes.push(toRoute(segments, full));
  }
  // Static segments win over dynamic ones, as in Next.
  return routes.sort((a, b) => dynamicCount(a) - dynamicCount(b));
}

function dynamicCount(r: Route): number {
  // A catch-all comes after every other route, and one under fewer fixed segments after one
  // under more (app/api/[...path], the JSON 404, answers only what nothing else serves).
  const catchAll = r.names.some((n) => n.catchAll) ? 1000 - r.fixedSegments * 10 : 0;
  return catchAll + r.names.length * 10;
}

function toRoute(segments: string[], file: string): Route {
  const names: Route["names"] = [];
  const parts = segments.map((s) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(s);
    if (catchAll) {
      names.push({ name: catchAll[1], catchAll: true });
      return "(.+)";
    }
    const dynamic = /^\[(\w+)\]$/.exec(s);
    if (dynamic) {
      names.push({ name: dynamic[1], catchAll: false });
      return "([^/]+)";
    }
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return {
    pattern: new RegExp(`^/api${parts.length ? `/${parts.join("/")}` : ""}/?$`),
    names,
    fixedSegments: segments.length - names.length,
    file,
  };
}

export type TestServer = { url: string; server: Server; close: () => Promise<void> };

/** Starts the API on a free loopback port. `attach` can add Socket.IO to the same server. */
export async function startTestServer(
  opts: { attach?: (server: Server) => void } = {},
): Promise<TestServer> {
  const routes = findRoutes(API_DIR).filter(
    (r) => !r.file.includes(`${path.sep}auth${path.sep}[...nextauth]`),
  );
  const server = createServer((req, res) => {
    void dispatch(routes, req, res).catch((err) => {
      res.statusCode = 500;
      res.end(String(err?.stack ?? err));
    });
  });
  opts.attach?.(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function dispatch(routes: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  for (const route of routes) {
    const m = route.pattern.exec(url.pathname);
    if (!m) continue;
    const mod = (await import(/* @vite-ignore */ route.file)) as Record<
      string,
      Handler | undefined
    >;
    const handler = mod[req.method ?? "GET"] ?? (req.method === "HEAD" ? mod.GET : undefined);
    if (!handler) {
      res.writeHead(405).end();
      return;
    }
    const params: Record<string, string | string[]> = {};
    route.names.forEach((n, i) => {
      const raw = m[i + 1];
      params[n.name] = n.catchAll ? raw.split("/").map(safeDecode) : safeDecode(raw);
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    }
    headers.set(CLIENT_IP_HEADER, clientAddress(req)); // as server.ts does
    headers.set(LOCAL_ORIGIN_HEADER, socketOrigin(req.socket)); // as server.ts does
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      // @ts-expect-error: Node's fetch needs this for streamed bodies
      duplex: hasBody ? "half" : undefined,
    });
    const response = await handler(request, { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    if (response.body && req.method !== "HEAD") {
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
    } else res.end();
    return;
  }
  res
    .writeHead(404, { "content-type": "application/json" })
    .end(JSON.stringify({ error: { code: "not_found", message: "No such route." } }));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
