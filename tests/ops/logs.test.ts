// Structured logs (issue 7.7): one JSON object per line; every line written while serving an
// API request carries its request id (the caller's x-request-id, or a new one, returned in
// the response), lines about a session carry its id, job lines name the job. And no line
// holds a secret: every line written during a sign-up, logins (right and wrong password),
// Replicate calls with the API token, signed and forged webhooks, cookie-authenticated
// requests and share-link downloads is searched for each of them.
import "../support/fake-replicate/env";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkCredentials } from "@/lib/auth/accounts";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";
import { logger, withLogContext } from "@/lib/logger";
import { MODELS } from "@/lib/providers/prices";
import { signWebhook } from "@/lib/webhooks/verify";
import { type Harness, json, startHarness, waitForStatus } from "../pipeline/support/harness";
import { completedAd } from "../security/support/world";
import type { FakeReplicate } from "../support/fake-replicate";
import { FAKE_SECRET, FAKE_TOKEN } from "../support/fake-replicate/env";
import { bootFakeReplicate } from "../support/replicate-fake";

let fake: FakeReplicate;
let h: Harness;
const lines: string[] = [];
const realWrite = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};
const password = `pw-${randomBytes(8).toString("hex")}`;
let shareToken = "";

beforeAll(async () => {
  (env as { LOG_LEVEL: string }).LOG_LEVEL = "debug";
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  fake = await bootFakeReplicate();
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  process.stdout.write = realWrite.out;
  process.stderr.write = realWrite.err;
  await h?.stop();
  await fake?.close();
});

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("request ids", () => {
  test("a new id per request, returned; the caller's own is kept; a malformed one is replaced", async () => {
    const a = await h.api.get("/api/sessions");
    const b = await h.api.get("/api/sessions");
    const idA = a.headers.get("x-request-id")!;
    expect(idA).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers.get("x-request-id")).not.toBe(idA);
    expect(
      (await h.api.get("/api/sessions", { "x-request-id": "trace-abc.123:4" })).headers.get(
        "x-request-id",
      ),
    ).toBe("trace-abc.123:4");
    const bad = (
      await h.api.get("/api/sessions", { "x-request-id": "no spaces or {json} please" })
    ).headers.get("x-request-id");
    expect(bad).toMatch(/^[0-9a-f-]{36}$/);
    // The access line of that request names it.
    const access = parsed().find((l) => l.msg === "request" && l.requestId === idA);
    expect(access).toMatchObject({
      level: "info",
      method: "GET",
      path: "/api/sessions",
      status: 200,
      userId: h.user.id,
      ms: expect.any(Number),
    });
  });

  test("every line written while serving a request carries its id (and the session's)", async () => {
    const { session } = await json(h.api.post("/api/sessions", { productPrompt: "trace shoes" }));
    const rid = `req-${randomBytes(4).toString("hex")}`;
    // A forged webhook logs a warning from deep inside the handler.
    await fetch(`${h.server.url}/api/webhooks/replicate`, {
      method: "POST",
      headers: {
        "x-request-id": rid,
        "webhook-id": "m",
        "webhook-timestamp": "1",
        "webhook-signature": "v1,x",
      },
      body: "{}",
    });
    const mine = parsed().filter((l) => l.requestId === rid);
    expect(mine.map((l) => l.msg)).toEqual(["replicate webhook rejected", "request"]);
    const sid = `req-${randomBytes(4).toString("hex")}`;
    await h.api.get(`/api/sessions/${session.id}`, { "x-request-id": sid });
    expect(parsed().find((l) => l.requestId === sid)).toMatchObject({
      msg: "request",
      sessionId: session.id,
      path: `/api/sessions/${session.id}`,
    });
  });

  test("context nests: inner fields add to outer ones", () => {
    withLogContext({ requestId: "outer", sessionId: "s-1" }, () =>
      withLogContext({ jobId: "j-1" }, () => logger.info("nested probe")),
    );
    expect(parsed().find((l) => l.msg === "nested probe")).toMatchObject({
      requestId: "outer",
      sessionId: "s-1",
      jobId: "j-1",
    });
  });
});

describe("no secrets in any line", () => {
  test("a sign-up, logins, a Replicate stage with retries, webhooks, cookies and share links", async () => {
    const email = `logs-${randomBytes(4).toString("hex")}@example.com`;
    expect(
      (await h.api.post("/api/auth/signup", { email, password, fullName: "Log Reader" })).status,
    ).toBe(201);
    expect((await checkCredentials({ email, password }, "10.5.0.1")).ok).toBe(true);
    expect((await checkCredentials({ email, password: `${password}x` }, "10.5.0.1")).ok).toBe(
      false,
    );

    // A Replicate stage: LLM + 4 FLUX images, one create answered 503 and retried, one 429.
    fake.behave(MODELS["flux-kontext-pro"].replicate!.model, {
      create5xx: 1,
      create429: 1,
      retryAfterSeconds: 1,
    });
    const { session } = await json(
      h.api.post("/api/sessions", { productPrompt: "logged tennis shoes", numImages: 4 }),
    );
    expect((await h.api.post(`/api/sessions/${session.id}/generate-images`, {})).status).toBe(202);
    await waitForStatus(h.api, session.id, ["reviewing_images"], 120_000);

    // Webhooks, forged and signed (the secret signs; it must never be written down).
    const body = JSON.stringify({ id: "unknownprediction", status: "succeeded" });
    const ts = Math.floor(Date.now() / 1000);
    for (const sig of ["v1,forged", signWebhook(FAKE_SECRET, "msg_logs", ts, body)]) {
      await fetch(`${h.server.url}/api/webhooks/replicate`, {
        method: "POST",
        headers: {
          "webhook-id": "msg_logs",
          "webhook-timestamp": String(ts),
          "webhook-signature": sig,
        },
        body,
      });
    }
    // A share link's token is its only key: downloads (and misses) must not write it down.
    const ad = await completedAd(h.user, "shared logs");
    shareToken = ad.shareToken!;
    expect((await fetch(`${h.server.url}/api/share/${shareToken}/video`)).status).toBe(200);
    expect(
      (await fetch(`${h.server.url}/api/share/${shareToken.slice(0, -2)}xx/poster`)).status,
    ).toBe(404);
    // A library error that quotes a connection string or an auth header.
    logger.error("probe: a library error", {
      error: `connect ECONNREFUSED postgres://adsmith:${password}@db:5432/adsmith`,
      headers: { authorization: `Bearer ${FAKE_TOKEN}`, cookie: h.user.cookie },
      password,
    });

    const all = lines.join("\n");
    const cookieValue = h.user.cookie.split("=").slice(1).join("=");
    const secrets: Record<string, string> = {
      password,
      token: FAKE_TOKEN,
      webhookSecret: FAKE_SECRET.slice(6),
      cookie: cookieValue,
      shareToken,
      authSecret: authSecret(),
    };
    for (const [what, secret] of Object.entries(secrets))
      expect(all.includes(secret), `the ${what} appears in the logs`).toBe(false);
    // The work was really logged (so the search above searched something).
    expect(all).toContain("replicate call retried");
    expect(all).toContain("/share/[redacted]/video");
    expect(all).toContain("postgres://adsmith:[redacted]@db");
    const jobLines = parsed().filter((l) => l.queue === "generate-image" && l.msg === "job done");
    expect(jobLines.length).toBe(4);
    for (const l of jobLines)
      expect(l).toMatchObject({
        sessionId: session.id,
        jobId: expect.any(String),
        assetId: expect.any(String),
      });
  }, 180_000);

  test("every line is one JSON object with time, level and msg", () => {
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const l = JSON.parse(line);
      expect(
        typeof l.time === "string" && typeof l.level === "string" && typeof l.msg === "string",
        line.slice(0, 200),
      ).toBe(true);
    }
  });
});
