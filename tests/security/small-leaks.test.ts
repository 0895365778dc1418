// The small ones of issue 16 (item 9, and sign-ups per address from item 6): a taken email
// is a 409 on the API (api.md), so sign-ups per client address per hour bound how fast
// anyone can test emails; the share URL never follows the Host header when PUBLIC_URL is
// unset; API JSON is never cached; the share page's Referrer-Policy is its own. (The sign-up
// form not saying an email has an account, and the share page's header through Next:
// e2e/auth.spec.ts and e2e/security-pages.spec.ts.)
import "../support/quiet-logs";
import { request } from "node:http";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { closeEmitter } from "@/lib/realtime/events";
import { getSharedVideo } from "@/lib/sessions/share";
import { startTestServer, type TestServer } from "../support/test-server";
import { buildWorld, type World } from "./support/world";

let server: TestServer;
let w: World;

beforeAll(async () => {
  await queue();
  server = await startTestServer();
  w = await buildWorld();
});
afterAll(async () => {
  await server?.close();
  await stopQueue();
  await closeEmitter();
});

const signUp = (email: string) =>
  fetch(`${server.url}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "long enough password" }),
  });

describe("sign-ups per address per hour", () => {
  test("the limit counts taken emails too; past it a 429 says which limit and when it resets", async () => {
    const saved = env.SIGNUPS_PER_IP_PER_HOUR;
    (env as { SIGNUPS_PER_IP_PER_HOUR: number }).SIGNUPS_PER_IP_PER_HOUR = 3;
    try {
      expect((await signUp("first@example.com")).status).toBe(201);
      expect((await signUp("first@example.com")).status).toBe(409); // api.md: email taken
      expect((await signUp("second@example.com")).status).toBe(201);
      const refused = await signUp("third@example.com");
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(3500);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect((await refused.json()).error).toMatchObject({
        code: "rate_limited",
        limit: "signups_per_ip_per_hour",
        retryAfter,
        message: expect.stringMatching(/Too many accounts .* Try again in 60 minutes/),
      });
      // Refused ones are not created, and the email check is not reached either.
      expect((await signUp("first@example.com")).status).toBe(429);
    } finally {
      (env as { SIGNUPS_PER_IP_PER_HOUR: number }).SIGNUPS_PER_IP_PER_HOUR = saved;
    }
  });
});

/** A request with a Host header of our choosing (fetch does not let one set it). */
function withHost(method: string, url: string, host: string, cookie: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${server.url}${url}`, {
      method,
      headers: { host, cookie, "content-type": "application/json" },
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

describe("the share URL", () => {
  test("is on the address the request reached, whatever the Host header says", async () => {
    expect(env.PUBLIC_URL).toBeUndefined();
    for (const method of ["POST", "GET"]) {
      const res = await withHost(
        method,
        `/api/sessions/${w.ad.session.id}/share`,
        "evil.example",
        w.owner.cookie,
      );
      expect(res.status, res.body).toBeLessThan(300);
      const { url } = JSON.parse(res.body);
      expect(url).toMatch(new RegExp(`^${server.url}/share/[A-Za-z0-9_-]{43}$`));
    }
  });
});

describe("the share page's name", () => {
  test("a name stored before invisible characters were refused is shown without them", async () => {
    await db()
      .update(sessions)
      .set({ productName: "Shoes\u202e\u200b\u2066 50% off\u2069" })
      .where(eq(sessions.id, w.ad.session.id));
    const shared = await getSharedVideo(w.ad.shareToken!);
    expect(shared?.productName).toBe("Shoes 50% off");
  });
});

describe("caching", () => {
  test("API JSON answers (data, errors, health) say Cache-Control: no-store", async () => {
    const answers = [
      await fetch(`${server.url}/api/sessions`, { headers: { cookie: w.owner.cookie } }),
      await fetch(`${server.url}/api/sessions/${w.ad.session.id}`, {
        headers: { cookie: w.owner.cookie },
      }),
      await fetch(`${server.url}/api/sessions`),
      await fetch(`${server.url}/api/sessions/${crypto.randomUUID()}`, {
        headers: { cookie: w.owner.cookie },
      }),
      await fetch(`${server.url}/api/health`),
    ];
    for (const res of answers) {
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("cache-control"), res.url).toBe("no-store");
    }
  });
});

describe("the share page's Referrer-Policy", () => {
  test("next.config's last rule for /share/… sends no-referrer (a later rule wins in Next)", async () => {
    type Rule = { source: string; headers: { key: string; value: string }[] };
    const config = (
      await import(/* @vite-ignore */ path.resolve(import.meta.dirname, "../../next.config.mjs"))
    ).default as { headers: () => Promise<Rule[]> };
    const rules = await config.headers();
    const matches = (source: string) =>
      source === "/:path*" || source === "/share/:path*" || source.includes("?!api");
    const referrer = rules
      .filter((r) => matches(r.source))
      .flatMap((r) => r.headers)
      .filter((h) => h.key === "Referrer-Policy")
      .map((h) => h.value);
    expect(referrer.at(-1)).toBe("no-referrer");
  });
});
