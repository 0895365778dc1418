import { type APIRequestContext, expect, test } from "@playwright/test";

async function login(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  return request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
}

test("health reports every dependency", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", db: "ok", queue: "ok", storage: "ok" });
});

test("the API answers 401 JSON when signed out", async ({ request }) => {
  const res = await request.get("/api/sessions");
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({
    error: { code: "unauthorized", message: expect.any(String) },
  });
});

test("demo login by API sets a session cookie that the API accepts", async ({ request }) => {
  const res = await login(request, "demo@example.com", "demo123");
  expect(res.status()).toBe(302);
  expect(res.headers().location).not.toContain("error");
  const session = await (await request.get("/api/auth/session")).json();
  expect(session.user).toMatchObject({ email: "demo@example.com", name: "Demo User" });
  const cookie = (await request.storageState()).cookies.find((c) =>
    c.name.endsWith("authjs.session-token"),
  );
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect((await request.get("/api/sessions")).status()).toBe(200);
});

test("a wrong password is refused, and the sixth try in a row gets 429 with Retry-After", async ({
  request,
}) => {
  const email = `target-${Date.now()}@example.com`;
  const signup = await request.post("/api/auth/signup", {
    data: { email, password: "right-password" },
  });
  expect(signup.status()).toBe(201);
  for (let i = 0; i < 5; i++) {
    const res = await login(request, email, "wrong-password");
    expect(res.status()).toBe(302);
    expect(res.headers().location).toContain("error=CredentialsSignin");
  }
  const blocked = await login(request, email, "right-password");
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await blocked.json()).error.code).toBe("rate_limited");
});

test("sign-up validates, creates, and refuses a taken email", async ({ request }) => {
  const bad = await request.post("/api/auth/signup", { data: { email: "nope", password: "x" } });
  expect(bad.status()).toBe(400);
  const body = await bad.json();
  expect(body.error.code).toBe("invalid_input");
  expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
    "email",
    "password",
  ]);

  const email = `api-${Date.now()}@example.com`;
  const created = await request.post("/api/auth/signup", {
    data: { email, password: "long-enough", fullName: "Api User" },
  });
  expect(created.status()).toBe(201);
  expect((await created.json()).user).toMatchObject({ email, fullName: "Api User" });
  expect(JSON.stringify(await created.json())).not.toContain("password");

  const again = await request.post("/api/auth/signup", {
    data: { email, password: "long-enough" },
  });
  expect(again.status()).toBe(409);
});
