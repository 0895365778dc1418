// API keys over HTTP (issue 15): create (token once), list (never the token), revoke (at
// once); Bearer on the API as the key's user, with no cookie and no same-origin check; bad
// tokens are a 401 even next to a valid cookie; keys cannot manage keys; the per-key rate
// limit (429 + Retry-After), also across processes; and the JSON 404 of unknown /api paths.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashToken } from "@/lib/auth/api-keys-token";
import { db } from "@/lib/db/client";
import { apiKeys, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { startTestServer, type TestServer } from "../support/test-server";
import { apiClient, createTestUser, type TestUser } from "../support/users";
import { bearerClient, createKey } from "./support/clients";

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  alice = await createTestUser("alice");
  bob = await createTestUser("bob");
});
afterAll(() => server?.close());

const cookie = (u: TestUser) => apiClient(server.url, u);
const bearer = (token: string, extra?: Record<string, string>) =>
  bearerClient(server.url, token, extra);
const keyRows = () => db().select().from(apiKeys);

describe("create, list, revoke", () => {
  test("the token is in the 201 only; the list and the database never hold it", async () => {
    const res = await cookie(alice).post("/api/keys", { name: "  Zapier  " });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["key", "token"]);
    expect(body.token).toMatch(/^ak_live_[A-Za-z0-9_-]{43}$/);
    expect(body.key).toEqual({
      id: expect.any(String),
      name: "Zapier",
      prefix: body.token.slice(0, 16),
      createdAt: expect.any(String),
      lastUsedAt: null,
    });

    const listText = await (await cookie(alice).get("/api/keys")).text();
    const list = JSON.parse(listText);
    expect(list.keys).toContainEqual(body.key);
    expect(listText).not.toContain(body.token);
    expect(listText).not.toContain(body.token.slice(16));
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, body.key.id));
    expect(row.tokenHash).toBe(hashToken(body.token));
    expect(JSON.stringify(row)).not.toContain(body.token.slice(16));
    expect(listText).not.toContain(row.tokenHash);
  });

  test("bad names are a 400 naming the field, and create nothing", async () => {
    const before = (await keyRows()).length;
    for (const body of [
      {},
      { name: "" },
      { name: "   " },
      { name: "x".repeat(61) },
      { name: "a\nb" },
      { name: "nul\u0000" },
      { name: 42 },
    ]) {
      const res = await cookie(alice).post("/api/keys", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("invalid_input");
      expect(JSON.stringify(error)).toContain("name");
    }
    expect((await keyRows()).length).toBe(before);
  });

  test("signed out: 401 on every key route", async () => {
    const anon = apiClient(server.url);
    expect((await anon.get("/api/keys")).status).toBe(401);
    expect((await anon.post("/api/keys", { name: "x" })).status).toBe(401);
    const { key } = await createKey(server.url, alice);
    expect((await anon.delete(`/api/keys/${key.id}`)).status).toBe(401);
  });

  test("revoking stops the token at once; another user cannot revoke or see it", async () => {
    const { key, token } = await createKey(server.url, alice, "to revoke");
    expect((await bearer(token).get("/api/sessions")).status).toBe(200);

    expect((await cookie(bob).delete(`/api/keys/${key.id}`)).status).toBe(404);
    expect(await (await cookie(bob).get("/api/keys")).text()).not.toContain(key.id);
    expect((await bearer(token).get("/api/sessions")).status).toBe(200);

    expect((await cookie(alice).delete(`/api/keys/${key.id}`)).status).toBe(204);
    const after = await bearer(token).get("/api/sessions");
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer .*invalid_token/);
    expect((await after.json()).error).toMatchObject({
      code: "unauthorized",
      message: expect.stringMatching(/revoked/),
    });
    expect((await cookie(alice).get("/api/keys")).status).toBe(200);
    expect(await (await cookie(alice).get("/api/keys")).text()).not.toContain(key.id);
    expect((await cookie(alice).delete(`/api/keys/${key.id}`)).status).toBe(404);
    expect((await cookie(alice).delete("/api/keys/not-a-uuid")).status).toBe(404);
  });

  test("a key may list keys but not create or revoke them", async () => {
    const { key, token } = await createKey(server.url, alice, "list only");
    const listed = await bearer(token).get("/api/keys");
    expect(listed.status).toBe(200);
    expect((await listed.json()).keys.map((k: { id: string }) => k.id)).toContain(key.id);
    const before = (await keyRows()).length;
    const created = await bearer(token).post("/api/keys", { name: "from a key" });
    expect(created.status).toBe(403);
    expect((await created.json()).error.message).toMatch(/studio while signed in/);
    expect((await bearer(token).delete(`/api/keys/${key.id}`)).status).toBe(403);
    expect((await keyRows()).length).toBe(before);
    expect((await bearer(token).get("/api/sessions")).status).toBe(200); // still works
  });

  test("at most 25 working keys per account (409), room again after a revoke", async () => {
    const carol = await createTestUser("carol");
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await createKey(server.url, carol, `k${i}`)).key.id);
    const refused = await cookie(carol).post("/api/keys", { name: "one too many" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/Revoke one/);
    expect((await cookie(carol).delete(`/api/keys/${ids[0]}`)).status).toBe(204);
    expect((await cookie(carol).post("/api/keys", { name: "fits again" })).status).toBe(201);
  });
});

describe("Bearer authentication", () => {
  test("acts as the key's user with no cookie; last used is recorded", async () => {
    const { key, token } = await createKey(server.url, alice, "script");
    const created = await bearer(token).post("/api/sessions", { productPrompt: "a blue mug" });
    expect(created.status).toBe(201);
    const { session } = await created.json();
    expect((await cookie(alice).get(`/api/sessions/${session.id}`)).status).toBe(200);
    expect((await cookie(bob).get(`/api/sessions/${session.id}`)).status).toBe(404);
    const listed = (await (await cookie(alice).get("/api/keys")).json()).keys.find(
      (k: { id: string }) => k.id === key.id,
    );
    expect(Date.now() - Date.parse(listed.lastUsedAt)).toBeLessThan(60_000);
  });

  test("no same-origin check for Bearer calls; cookies from another site are still refused", async () => {
    const { token } = await createKey(server.url, alice);
    const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    const viaKey = await bearer(token, evil).post("/api/sessions", { productPrompt: "a red bag" });
    expect(viaKey.status).toBe(201);
    const viaCookie = await cookie(alice).post(
      "/api/sessions",
      { productPrompt: "a red bag" },
      evil,
    );
    expect(viaCookie.status).toBe(403);
  });

  test("malformed, unknown and revoked tokens are 401 JSON, even next to a valid cookie", async () => {
    const { key, token } = await createKey(server.url, alice);
    await cookie(alice).delete(`/api/keys/${key.id}`);
    const unknown = `ak_live_${"A".repeat(43)}`;
    const headers = [
      `Bearer ${token}`, // revoked
      `Bearer ${unknown}`,
      "Bearer ",
      "Bearer",
      "bearer   not-a-token",
      `Bearer ${token.slice(0, -1)}`,
      `Bearer ${token}x`,
      `Bearer ${token} ${token}`,
    ];
    for (const authorization of headers) {
      const res = await cookie(alice).get("/api/sessions", { authorization });
      expect(res.status, authorization).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  test("another Authorization scheme (Basic from a proxy) leaves the request to the cookie", async () => {
    const basic = `Basic ${Buffer.from("staff:proxy-password").toString("base64")}`;
    expect((await cookie(alice).get("/api/sessions", { authorization: basic })).status).toBe(200);
    expect(
      (await apiClient(server.url).get("/api/sessions", { authorization: basic })).status,
    ).toBe(401);
  });

  test("signing out everywhere ends cookies, not keys; a deleted account's keys stop", async () => {
    const dave = await createTestUser("dave");
    const { token } = await createKey(server.url, dave);
    await db()
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, dave.id));
    expect((await cookie(dave).get("/api/sessions")).status).toBe(401);
    expect((await bearer(token).get("/api/sessions")).status).toBe(200);
    await db().update(users).set({ deletedAt: sql`now()` }).where(eq(users.id, dave.id));
    expect((await bearer(token).get("/api/sessions")).status).toBe(401);
  });
});

describe("per-key rate limit", () => {
  const withLimit = async (limit: number, fn: () => Promise<void>) => {
    const saved = env.API_KEY_RATE_LIMIT_PER_MINUTE;
    (env as { API_KEY_RATE_LIMIT_PER_MINUTE: number }).API_KEY_RATE_LIMIT_PER_MINUTE = limit;
    try {
      await fn();
    } finally {
      (env as { API_KEY_RATE_LIMIT_PER_MINUTE: number }).API_KEY_RATE_LIMIT_PER_MINUTE = saved;
    }
  };

  test("past the limit: 429 with Retry-After in the JSON error shape; other keys unaffected; the next minute resets it", async () => {
    await withLimit(3, async () => {
      const { key, token } = await createKey(server.url, alice, "busy");
      const other = await createKey(server.url, alice, "quiet");
      for (let i = 0; i < 3; i++)
        expect((await bearer(token).get("/api/sessions")).status).toBe(200);
      const refused = await bearer(token).get("/api/sessions");
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get("content-type")).toContain("application/json");
      expect((await refused.json()).error).toEqual({
        code: "rate_limited",
        message: expect.stringMatching(
          /more than 3 requests in a minute\. Try again in \d+ seconds?\./,
        ),
        limit: "api_key_requests_per_minute",
        retryAfter,
      });
      expect((await bearer(other.token).get("/api/sessions")).status).toBe(200);
      // The cookie is a different door: the owner's browser is not slowed by their script.
      expect((await cookie(alice).get("/api/sessions")).status).toBe(200);

      // A minute later (the window moved back instead of waiting) the key works again.
      await db()
        .update(apiKeys)
        .set({ rateWindowStartedAt: sql`now() - interval '61 seconds'` })
        .where(eq(apiKeys.id, key.id));
      expect((await bearer(token).get("/api/sessions")).status).toBe(200);
    });
  });

  test("the limit holds across processes: calls in two other processes use up this one's minute", async () => {
    const { token } = await createKey(server.url, alice, "spread");
    const run = promisify(execFile);
    const script = path.resolve(import.meta.dirname, "support/bearer-calls.ts");
    const calls = async (n: number) => {
      const { stdout } = await run(process.execPath, ["--import", "tsx", script, String(n)], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: {
          ...process.env,
          LOG_LEVEL: "error",
          API_KEY_TOKEN: token,
          API_KEY_RATE_LIMIT_PER_MINUTE: "5",
        },
      });
      return JSON.parse(stdout.trim().split("\n").pop()!) as { pid: number; outcomes: string[] };
    };
    const a = await calls(2);
    const b = await calls(2);
    expect(a.pid).not.toBe(b.pid);
    expect([...a.outcomes, ...b.outcomes]).toEqual(["ok", "ok", "ok", "ok"]);
    await withLimit(5, async () => {
      expect((await bearer(token).get("/api/sessions")).status).toBe(200); // the fifth
      expect((await bearer(token).get("/api/sessions")).status).toBe(429);
    });
  });
});

describe("unknown /api paths", () => {
  test("any method answers api.md's JSON 404 with the API's headers", async () => {
    const paths = [
      "/api/nope",
      "/api/sessions/00000000-0000-4000-8000-000000000000/nope",
      "/api/keys/extra/segments",
      "/api/v2/sessions",
    ];
    for (const p of paths) {
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const res = await fetch(`${server.url}${p}`, { method });
        expect(res.status, `${method} ${p}`).toBe(404);
        expect(res.headers.get("content-type")).toContain("application/json");
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
        expect(res.headers.get("x-request-id")).toBeTruthy();
        expect((await res.json()).error).toEqual({
          code: "not_found",
          message: "There is no API endpoint at this address.",
        });
      }
    }
    const head = await fetch(`${server.url}/api/nope`, { method: "HEAD" });
    expect(head.status).toBe(404);
  });

  test("real routes are not shadowed", async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await cookie(alice).get("/api/keys")).status).toBe(200);
    const media = await cookie(alice).get("/api/media/sessions/x/y.png");
    expect((await media.json()).error.message).not.toBe(
      "There is no API endpoint at this address.",
    );
  });
});
