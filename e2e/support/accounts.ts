import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
} from "@playwright/test";

export const DEMO = { email: "demo@example.com", password: "demo123" };

/** Signs a browser context in through Auth.js's credentials endpoint (cookies land in the context). */
export async function signInByApi(
  request: APIRequestContext,
  email: string,
  password: string,
): Promise<void> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  expect(res.status(), "sign-in redirects").toBe(302);
  expect(res.headers().location ?? "").not.toContain("error");
}

/** A brand-new marketer in their own browser context, signed in. */
export async function newMarketer(
  browser: Browser,
  name = "Marketer",
  baseURL?: string,
): Promise<{ context: BrowserContext; page: Page; email: string }> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = "a-long-password";
  const res = await context.request.post("/api/auth/signup", {
    data: { email, password, fullName: name },
  });
  expect(res.status(), "sign-up").toBe(201);
  await signInByApi(context.request, email, password);
  return { context, page: await context.newPage(), email };
}

/** The demo user signs in through the login page, as a marketer would. */
export async function signInAsDemo(page: Page): Promise<void> {
  await page.goto("/login");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.email);
  await page.getByRole("button", { name: "Start creating" }).click();
  await expect(page).toHaveURL(/\/$/);
}
