// API keys in the studio and on the production server (issue 15): a marketer creates a key
// from the header's "API keys" page, copies the token shown once, a script with only that
// token reads the marketer's ads, the marketer revokes it after a confirmation and the same
// call is a 401. And on the real Next router, unknown /api paths answer the JSON 404 while
// every real route (Auth.js's catch-all included) is still served.
import { expect, request as requests, test } from "@playwright/test";
import { newMarketer } from "./support/accounts";
import { createAd } from "./support/api-ad";

test("create a key, use it from a script with no cookie, revoke it: the script gets 401", async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await newMarketer(browser, "Scripter");
  const adId = await createAd(context.request);
  await page.goto("/");
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByTestId("no-api-keys")).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name")).toBeVisible(); // a name is required

  await page.getByLabel("Key name").fill("Nightly CI");
  await page.getByRole("button", { name: "Create key" }).click();
  const token = await page.getByTestId("api-key-token").inputValue();
  expect(token).toMatch(/^ak_live_[A-Za-z0-9_-]{43}$/);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("api-key-token")).toHaveCount(0);
  const row = page.getByTestId("api-key-row").filter({ hasText: "Nightly CI" });
  await expect(row).toContainText(token.slice(0, 16));
  await expect(row).toContainText("never used");

  const script = await requests.newContext({ baseURL }); // no cookies at all
  const asScript = () =>
    script.get(`/api/sessions/${adId}`, { headers: { authorization: `Bearer ${token}` } });
  const read = await asScript();
  expect(read.status()).toBe(200);
  expect((await read.json()).session.id).toBe(adId);

  // After a reload the token is nowhere on the page, and the key shows its last use.
  await page.reload();
  await expect(row).toContainText("last used");
  expect(await page.content()).not.toContain(token.slice(16));

  await row.getByRole("button", { name: "Revoke Nightly CI" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this key?" });
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Revoke Nightly CI" }).click();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("no-api-keys")).toBeVisible();

  const refused = await asScript();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
  await script.dispose();
  await context.close();
});

test("the header with its API keys link, and the API keys page, fit a 375 px phone", async ({
  browser,
}) => {
  const { context, page } = await newMarketer(browser, "Narrow");
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of ["/", "/api-keys"]) {
    await page.goto(path);
    await expect(page.getByRole("link", { name: "API keys" })).toBeVisible();
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    expect(scroll, `no sideways scrolling on ${path}`).toBeLessThanOrEqual(width);
  }
  await context.close();
});

test("unknown /api paths answer the JSON 404 on the production server; real routes still answer", async ({
  request,
}) => {
  for (const [method, path] of [
    ["GET", "/api/no-such-thing"],
    ["POST", "/api/no-such-thing"],
    ["DELETE", "/api/v2/sessions"],
    ["PUT", "/api/sessions/00000000-0000-4000-8000-000000000000/no-such-step"],
  ] as const) {
    const res = await request.fetch(path, { method });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect((await res.json()).error.code).toBe("not_found");
  }
  expect((await request.get("/api/health")).status()).toBe(200);
  expect((await request.get("/api/sessions")).status()).toBe(401);
  expect((await request.get("/api/keys")).status()).toBe(401);
  const auth = await request.get("/api/auth/csrf"); // Auth.js's own catch-all
  expect(auth.status()).toBe(200);
  expect((await auth.json()).csrfToken).toBeTruthy();
  // Pages are still HTML.
  expect((await request.get("/no-such-page")).headers()["content-type"]).toContain("text/html");
});
