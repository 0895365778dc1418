// Issue 7 through the production build (pages need Next; the API matrix runs in vitest:
// tests/security/access-matrix.test.ts). Pages with an id in the URL, driven from the rows of
// tests/security/support/page-matrix.ts: signed out → the login page; another user's,
// deleted, made-up and malformed ids → 404, never the data. Auth.js's own endpoints with no
// or a forged cookie. Security headers on pages (CSP with a per-request nonce), the API and
// media; session cookies HttpOnly + SameSite=Lax, and Secure behind https.
import { type APIRequestContext, type APIResponse, expect, test } from "@playwright/test";
import { PAGE_ROWS } from "../tests/security/support/page-matrix";
import { newMarketer, signInByApi } from "./support/accounts";
import { createAd, finishedAd } from "./support/api-ad";

const MALFORMED = [
  "not-a-uuid",
  "123",
  "..%2f..%2fetc%2fpasswd",
  "%27%20or%201%3D1--",
  "x".repeat(300),
  "%00",
];
const MADE_UP_UUID = "00000000-0000-4000-8000-000000000000";
const MADE_UP_TOKEN = "A".repeat(43);

async function page(request: APIRequestContext, url: string): Promise<APIResponse> {
  return request.get(url, { maxRedirects: 0 });
}

test("pages with an id in the URL: login when signed out, 404 for anything not yours", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const owner = await newMarketer(browser, "PageOwner");
  const other = await newMarketer(browser, "PageOther");
  const marker = `quokka${Date.now()}`;
  const id = await createAd(owner.context.request, `${marker} hiking boots`);
  const deleted = await createAd(other.context.request, "a deleted teapot");
  expect((await other.context.request.delete(`/api/sessions/${deleted}`)).status()).toBe(204);
  const anonymous = await playwright.request.newContext({ baseURL });

  // The control: the owner sees the ad, so the refusals below are not vacuous.
  const mine = await page(owner.context.request, `/sessions/${id}`);
  expect(mine.status()).toBe(200);
  expect(await mine.text()).toContain(marker);

  // The owner's batch of one ad (stopped at its image review), named with the marker.
  const batch = await owner.context.request.post("/api/batches", {
    multipart: {
      csv: {
        name: "ads.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`productPrompt,productName,callToAction\nBoots,${marker},Buy`),
      },
      stopAt: "review",
    },
  });
  expect(batch.status()).toBe(201);
  const batchId: string = (await batch.json()).batch.id;
  const ownBatch = await page(owner.context.request, `/batches/${batchId}`);
  expect(ownBatch.status()).toBe(200);
  expect(await ownBatch.text()).toContain(marker);

  for (const [pattern, row] of Object.entries(PAGE_ROWS)) {
    const ids =
      row.target === "session"
        ? [id, deleted, MADE_UP_UUID, ...MALFORMED]
        : row.target === "batch"
          ? [batchId, MADE_UP_UUID, ...MALFORMED]
          : [MADE_UP_TOKEN, ...MALFORMED];
    for (const x of ids) {
      const url = row.url(x);
      const signedOut = await page(anonymous, url);
      if (row.signedOut === "login") {
        expect([302, 303, 307], `${pattern} signed out: ${url}`).toContain(signedOut.status());
        expect(signedOut.headers().location ?? "", `${pattern} signed out: ${url}`).toMatch(
          /\/login/,
        );
      } else {
        expect(signedOut.status(), `${pattern} signed out: ${url}`).toBe(404);
      }
      const res = await page(other.context.request, url);
      expect(res.status(), `${pattern} as another user: ${url}`).toBe(404);
      expect(await res.text(), `${pattern} as another user: ${url}`).not.toContain(marker);
    }
  }
  await anonymous.dispose();
  await owner.context.close();
  await other.context.close();
});

test("Auth.js's endpoints: no cookie or a forged one is nobody", async ({
  playwright,
  baseURL,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const cookie of [
    undefined,
    "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged",
  ]) {
    const res = await anonymous.get("/api/auth/session", { headers: cookie ? { cookie } : {} });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body?.user).toBeUndefined();
    expect(
      (await anonymous.get("/api/sessions", { headers: cookie ? { cookie } : {} })).status(),
    ).toBe(401);
  }
  // A credentials post without the CSRF token signs nobody in.
  const forged = await anonymous.post("/api/auth/callback/credentials", {
    form: { email: "demo@example.com", password: "demo123" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBeLessThan(500);
  expect((await anonymous.get("/api/sessions")).status()).toBe(401);
  await anonymous.dispose();
});

test("security headers: pages get a nonce CSP, the API and media a locked-down one", async ({
  request,
}) => {
  const login = await request.get("/login");
  const h = login.headers();
  const csp = h["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Every inline script Next wrote carries the nonce (else the browser would refuse it).
  const html = await login.text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attrs of scripts.filter((a) => !/\bsrc=/.test(a)))
    expect(attrs).toContain(`nonce="${nonce}"`);
  // A second load gets a different nonce.
  expect((await request.get("/login")).headers()["content-security-policy"]).not.toContain(nonce!);

  for (const url of ["/api/health", "/api/sessions"]) {
    const api = (await request.get(url)).headers();
    expect(api["content-security-policy"], url).toContain("default-src 'none'");
    expect(api["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(api["x-content-type-options"], url).toBe("nosniff");
    expect(api["x-request-id"], url).toBeTruthy();
  }
});

test("the browser runs every page under the CSP without a violation: live updates, images, video, share page", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { context, page: tab } = await newMarketer(browser, "CspUser");
  const violations: string[] = [];
  const watchConsole = (p: typeof tab) =>
    p.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text()))
        violations.push(`${p.url()}: ${m.text()}`);
    });
  watchConsole(tab);
  for (const url of ["/", "/new"]) {
    await tab.goto(url);
    await tab.waitForLoadState("networkidle");
  }
  const ad = await finishedAd(context.request);
  await tab.goto(`/sessions/${ad.session.id}`);
  const video = tab.locator("video").first();
  await expect(video).toBeVisible();
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
    .toBeGreaterThan(0);
  // Images shown on the page really loaded (img-src), and the live connection is up (connect-src).
  const broken = await tab
    .locator("img")
    .evaluateAll((imgs) =>
      (imgs as HTMLImageElement[])
        .filter((i) => i.complete && i.naturalWidth === 0)
        .map((i) => i.src),
    );
  expect(broken).toEqual([]);
  const share = await context.request.post(`/api/sessions/${ad.session.id}/share`, { data: {} });
  const { url } = await share.json();
  const visitor = await browser.newContext();
  const watch = await visitor.newPage();
  watchConsole(watch);
  const shareResponse = await watch.goto(url);
  // The URL is the secret: the page's own header says no-referrer (not the common policy).
  expect(shareResponse?.headers()["referrer-policy"]).toBe("no-referrer");
  const shared = watch.locator("video");
  await expect
    .poll(() => shared.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await tab.goto("/login"); // and the auth pages
  await tab.goto("/signup");
  await tab.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
  await visitor.close();
  await context.close();
});

test("session cookies: HttpOnly, SameSite=Lax; Secure with the __Secure- prefix behind https", async ({
  playwright,
  baseURL,
  browser,
}) => {
  const { email } = await newMarketer(browser, "CookieUser");
  const ctx = await playwright.request.newContext({ baseURL });
  await signInByApi(ctx, email, "a-long-password");
  const plain = (await ctx.storageState()).cookies.find((c) => c.name === "authjs.session-token");
  expect(plain).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await ctx.dispose();

  // Behind a TLS-terminating proxy (X-Forwarded-Proto: https) the cookie is Secure.
  const https = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-proto": "https" },
  });
  const { csrfToken } = await (await https.get("/api/auth/csrf")).json();
  const res = await https.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "a-long-password" },
    maxRedirects: 0,
  });
  const setCookie = res
    .headersArray()
    .filter((x) => x.name.toLowerCase() === "set-cookie")
    .map((x) => x.value);
  const session = setCookie.find((c) => c.startsWith("__Secure-authjs.session-token="));
  expect(session, setCookie.join("\n")).toBeTruthy();
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
  await https.dispose();
});

test("malformed URLs (invalid percent-encoding): 400 or 404 with the security headers, never a 500", async ({
  request,
}) => {
  for (const url of [
    "/share/%c0%af",
    "/share/%zz",
    "/sessions/%E0%A4%A",
    "/api/sessions/%zz",
    "/api/media/%c0%af/x.png",
    "/api/share/%ff/video",
    "/%",
  ]) {
    const res = await request.get(url, { maxRedirects: 0 });
    expect([400, 404], url).toContain(res.status());
    const h = res.headers();
    expect(h["content-type"] ?? "", url).not.toContain("text/plain");
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["x-frame-options"], url).toBe("DENY");
    expect(h["content-security-policy"] ?? "", url).toContain("frame-ancestors 'none'");
  }
});

test("the credentials callback: a NUL or control character in the email is a failed login, not a 500; a 10 MB body is a 413", async ({
  playwright,
  baseURL,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const email of ["demo\u0000@example.com", "demo@example.com\u0001", "\ud800@example.com"]) {
    const { csrfToken } = await (await anonymous.get("/api/auth/csrf")).json();
    const res = await anonymous.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: "demo123" },
      maxRedirects: 0,
    });
    expect(res.status(), JSON.stringify(email)).toBe(302);
    expect(res.headers().location ?? "").toContain("error");
    expect((await anonymous.get("/api/sessions")).status()).toBe(401);
  }
  const started = Date.now();
  const huge = await anonymous.post("/api/auth/callback/credentials", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: `email=demo%40example.com&password=${"x".repeat(10 * 1024 * 1024)}`,
    maxRedirects: 0,
  });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error.code).toBe("payload_too_large");
  console.log(`10 MB credentials body refused in ${Date.now() - started} ms`);
  await anonymous.dispose();
});

test("Auth.js's endpoints: an error page, a GET to a post-only action or an unknown action is never a 5xx", async ({
  request,
}) => {
  for (const url of [
    "/api/auth/error?error=Configuration",
    "/api/auth/error",
    "/api/auth/signin/credentials",
    "/api/auth/callback/credentials",
    "/api/auth/callback/nope",
    "/api/auth/webauthn-options",
  ]) {
    const res = await request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBeLessThan(500);
    const location = res.headers().location;
    if (location) {
      const next = await request.get(location, { maxRedirects: 0 });
      expect(next.status(), `${url} → ${location}`).toBeLessThan(500);
    }
  }
  for (const url of ["/api/auth/foo", "/api/auth/x/y"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(404);
    expect((await res.json()).error.code, url).toBe("not_found");
  }
});

test("signing out ends the session at once: a copied cookie stops working on the API and pages", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const { context, page: tab } = await newMarketer(browser, "CopiedCookie");
  const cookie = (await context.cookies())
    .filter((c) => c.name.includes("authjs.session-token"))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  expect(cookie).toContain("session-token=");
  const thief = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  expect((await thief.get("/api/sessions")).status()).toBe(200);
  expect((await thief.get("/", { maxRedirects: 0 })).status()).toBe(200);

  await tab.goto("/");
  await tab.getByRole("button", { name: "Sign out" }).click();
  await expect(tab).toHaveURL(/\/login/);

  expect((await thief.get("/api/sessions")).status()).toBe(401);
  const home = await thief.get("/", { maxRedirects: 0 });
  expect([302, 303, 307]).toContain(home.status());
  expect(home.headers().location ?? "").toContain("/login");
  await thief.dispose();
  await context.close();
});
