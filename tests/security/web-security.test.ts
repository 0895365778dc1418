// Web security (issue 7.3): cross-site requests to state-changing routes are refused (the
// webhook, signed instead, is exempt); security headers on API and media answers and in
// next.config; the pages' CSP; the login path runs bcrypt whether or not the email exists;
// the login rate limit holds across processes (it lives in the database).
import "../support/quiet-logs";
import "./support/public-url-env";
import "./support/webhook-env";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { checkCredentials } from "@/lib/auth/accounts";
import { pageCsp } from "@/lib/http/page-csp";
import {
  API_CONTENT_SECURITY_POLICY,
  COMMON_SECURITY_HEADERS,
} from "@/lib/http/security-headers.mjs";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { closeEmitter } from "@/lib/realtime/events";
import { signWebhook } from "@/lib/webhooks/verify";
import { startTestServer, type TestServer } from "../support/test-server";
import { createTestUser, type TestUser } from "../support/users";
import { dbSnapshot } from "./support/db-snapshot";
import { ROWS } from "./support/matrix";
import { PUBLIC_URL } from "./support/public-url-env";
import { discoverRoutes } from "./support/routes";
import { WEBHOOK_SECRET } from "./support/webhook-env";
import { buildWorld, type World } from "./support/world";

let server: TestServer;
let w: World;
let user: TestUser;

beforeAll(async () => {
  await queue();
  server = await startTestServer();
  w = await buildWorld();
  user = await createTestUser("websec");
});
afterAll(async () => {
  await server?.close();
  await stopQueue();
  await closeEmitter();
});

const post = (
  url: string,
  headers: Record<string, string>,
  body: unknown = { productPrompt: "cross-site shoes" },
) =>
  fetch(`${server.url}${url}`, {
    method: "POST",
    headers: { cookie: user.cookie, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("cross-site requests", () => {
  test.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["another port of the same host", { origin: "http://127.0.0.1:1" }],
    ["Origin: null (sandboxed frame, data: URL)", { origin: "null" }],
    ["a garbage Origin", { origin: "not a url" }],
    ["no Origin but Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    [
      "no Origin but Sec-Fetch-Site: same-site (a sibling subdomain)",
      { "sec-fetch-site": "same-site" },
    ],
    ["a look-alike host", { origin: `${server?.url ?? "http://127.0.0.1"}.evil.example` }],
  ])("%s → 403, nothing created", async (_, headers) => {
    const before = await dbSnapshot();
    const res = await post("/api/sessions", headers as Record<string, string>);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: "forbidden", message: expect.stringMatching(/another website/) },
    });
    expect(await dbSnapshot()).toEqual(before);
  });

  test.each([
    ["the same origin", () => ({ origin: server.url })],
    [
      "the same origin, Sec-Fetch-Site: same-origin",
      () => ({ origin: server.url, "sec-fetch-site": "same-origin" }),
    ],
    ["PUBLIC_URL's origin (behind a proxy)", () => ({ origin: PUBLIC_URL })],
    ["a script or curl (no Origin, no Sec-Fetch-Site)", () => ({})],
    ["a typed URL / bookmark (Sec-Fetch-Site: none)", () => ({ "sec-fetch-site": "none" })],
  ])("%s → allowed", async (_, headers) => {
    expect((await post("/api/sessions", headers())).status).toBe(201);
  });

  test("the scheme counts: this host and port over https (an http page may not act on the https app, nor the reverse) → 403", async () => {
    const before = await dbSnapshot();
    const res = await post("/api/sessions", { origin: server.url.replace("http:", "https:") });
    expect(res.status).toBe(403);
    expect(await dbSnapshot()).toEqual(before);
  });

  test("every state-changing route refuses another site's Origin (except the signed webhook)", async () => {
    const before = await dbSnapshot();
    const unsafe = discoverRoutes().filter((r) => !/^(GET|HEAD|OPTIONS) /.test(r));
    const exempt = ["POST /api/webhooks/replicate", "POST /api/auth/[...nextauth]"]; // signed / Auth.js's own CSRF token
    const answers: string[] = [];
    // Paths no route serves answer everyone the same JSON 404 (app/api/[...path]).
    const served = unsafe.filter((r) => ROWS[r]?.target !== "unknown");
    for (const route of served.filter((r) => !exempt.includes(r))) {
      const [method] = route.split(" ");
      const row = ROWS[route];
      const x = row.target === "asset" ? w.ad.images[0].id : w.ad.session.id;
      const res = await fetch(`${server.url}${row.url(x)}`, {
        method,
        headers: {
          cookie: w.owner.cookie,
          origin: "https://evil.example",
          "content-type": "application/json",
        },
        body:
          method === "DELETE"
            ? undefined
            : JSON.stringify(row.body?.(w) === "upload" ? {} : (row.body?.(w) ?? {})),
      });
      if (res.status !== 403) answers.push(`${route}: ${res.status}`);
    }
    expect(answers).toEqual([]);
    expect(unsafe.length).toBeGreaterThan(15);
    expect(await dbSnapshot()).toEqual(before);
  });

  test("reads are not refused (no CORS headers either: another site cannot read the answer)", async () => {
    const res = await fetch(`${server.url}/api/sessions`, {
      headers: { cookie: user.cookie, origin: "https://evil.example" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("the webhook is exempt: a signed delivery is accepted whatever its Origin", async () => {
    const body = JSON.stringify({ id: "untrackedprediction1", status: "succeeded", output: null });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${server.url}/api/webhooks/replicate`, {
      method: "POST",
      headers: {
        origin: "https://api.replicate.com",
        "sec-fetch-site": "cross-site",
        "content-type": "application/json",
        "webhook-id": "msg_origin",
        "webhook-timestamp": String(ts),
        "webhook-signature": signWebhook(WEBHOOK_SECRET, "msg_origin", ts, body),
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "unknown-prediction" });
  });
});

describe("security headers", () => {
  const expectApiHeaders = (res: Response, what: string) => {
    for (const { key, value } of COMMON_SECURITY_HEADERS)
      expect(res.headers.get(key), `${what}: ${key}`).toBe(
        key === "Referrer-Policy" && what.includes("share") ? "no-referrer" : value,
      );
    expect(res.headers.get("content-security-policy"), what).toBe(API_CONTENT_SECURITY_POLICY);
    expect(res.headers.get("x-request-id"), what).toMatch(/^[\w.:-]+$/);
  };

  test("JSON answers, errors, media and shared media all carry them", async () => {
    expectApiHeaders(
      await fetch(`${server.url}/api/sessions`, { headers: { cookie: user.cookie } }),
      "a JSON answer",
    );
    expectApiHeaders(await fetch(`${server.url}/api/sessions`), "a 401");
    expectApiHeaders(await fetch(`${server.url}/api/health`), "health");
    const media = await fetch(`${server.url}${w.ad.images[0].url}`, {
      headers: { cookie: w.owner.cookie },
    });
    expect(media.status).toBe(200);
    expect(media.headers.get("content-type")).toBe("image/png");
    expectApiHeaders(media, "a media file");
    const shared = await fetch(`${server.url}/api/share/${w.ad.shareToken}/video`);
    expect(shared.status).toBe(200);
    expectApiHeaders(shared, "a shared video (share)");
    expect(API_CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(API_CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });

  test("next.config sends them on every path, and the API's CSP on /api", async () => {
    type Config = {
      headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
    };
    const nextConfig = (
      await import(/* @vite-ignore */ path.resolve(import.meta.dirname, "../../next.config.mjs"))
    ).default as Config;
    const rules = await nextConfig.headers();
    const all = rules.find((r) => r.source === "/:path*")!;
    for (const key of ["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"])
      expect(all.headers.map((h) => h.key)).toContain(key);
    expect(rules.find((r) => r.source === "/api/:path*")!.headers).toContainEqual({
      key: "Content-Security-Policy",
      value: API_CONTENT_SECURITY_POLICY,
    });
    const floor = rules.find((r) => r.source.includes("?!api"))!.headers[0].value;
    expect(floor).toContain("frame-ancestors 'none'");
  });

  test("pages' CSP: a nonce instead of 'unsafe-inline' for scripts, nothing framed, no plugins", () => {
    const csp = pageCsp({ nonce: "abc123", dev: false, https: true });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    for (const d of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "upgrade-insecure-requests",
    ])
      expect(csp).toContain(d);
    expect(pageCsp({ nonce: "n", dev: true })).toContain("'unsafe-eval'"); // React's dev tools only
  });
});

describe("login", () => {
  test("an unknown email and a wrong password both run one bcrypt compare at the same cost", async () => {
    const spy = vi.spyOn(bcrypt, "compare");
    const costOf = (hash: unknown) => /^\$2[aby]\$(\d\d)\$/.exec(String(hash))?.[1];
    try {
      const times = { unknown: [] as number[], wrong: [] as number[] };
      for (let i = 0; i < 4; i++) {
        spy.mockClear();
        let t = performance.now();
        expect(
          await checkCredentials(
            { email: `nobody-${i}@example.com`, password: "guess" },
            `10.77.0.${i}`,
          ),
        ).toEqual({ ok: false, reason: "invalid" });
        times.unknown.push(performance.now() - t);
        expect(spy).toHaveBeenCalledTimes(1);
        const unknownCost = costOf(spy.mock.calls[0][1]);

        spy.mockClear();
        t = performance.now();
        expect(
          await checkCredentials({ email: w.other.email, password: `wrong-${i}` }, `10.78.0.${i}`),
        ).toEqual({ ok: false, reason: "invalid" });
        times.wrong.push(performance.now() - t);
        expect(spy).toHaveBeenCalledTimes(1);
        expect(unknownCost).toBe("12");
        expect(costOf(spy.mock.calls[0][1])).toBe("12");
      }
      const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
      // A figure, not an assertion: the mechanism above is what guarantees it.
      console.log(
        `login timing (median of 4): unknown email ${median(times.unknown).toFixed(0)} ms, wrong password ${median(times.wrong).toFixed(0)} ms`,
      );
    } finally {
      spy.mockRestore();
    }
  });

  test("the rate limit holds across processes: failures in two processes lock the email at that address for a third", async () => {
    const target = await createTestUser("throttled"); // password123, no failures yet
    const run = promisify(execFile);
    const script = path.resolve(import.meta.dirname, "support/login-attempts.ts");
    const attempt = async (ip: string, ...passwords: string[]) => {
      const { stdout } = await run(
        process.execPath,
        ["--import", "tsx", script, target.email, ip, ...passwords],
        {
          cwd: path.resolve(import.meta.dirname, "../.."),
          env: { ...process.env, LOG_LEVEL: "error" },
        },
      );
      return JSON.parse(stdout.trim().split("\n").pop()!) as { pid: number; outcomes: string[] };
    };
    const a = await attempt("10.60.0.1", "wrong-1", "wrong-2", "wrong-3");
    const b = await attempt("10.60.0.1", "wrong-4", "wrong-5", "password123");
    expect(a.pid).not.toBe(b.pid);
    expect(a.outcomes).toEqual(["invalid", "invalid", "invalid"]);
    // The fifth failure (this process's second) locks the pair: the right password waits.
    expect(b.outcomes).toEqual(["invalid", "invalid", "rate_limited"]);
    // And this process (its own pool) sees the same lock at that address…
    expect(
      await checkCredentials({ email: target.email, password: "password123" }, "10.60.0.1"),
    ).toMatchObject({ ok: false, reason: "rate_limited" });
    // …while the owner, from elsewhere, is not locked out.
    expect(
      (await checkCredentials({ email: target.email, password: "password123" }, "10.60.0.3")).ok,
    ).toBe(true);
  });
});
