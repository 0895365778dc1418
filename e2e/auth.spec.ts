import { expect, test } from "@playwright/test";

test("signed out, / sends you to the login page; the demo user signs in and out", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Email")).toHaveValue("demo@example.com");
  await expect(page.getByLabel("Password")).toHaveValue("demo123");
  await page.screenshot({ path: test.info().outputPath("1-login.png") });

  await page.getByRole("button", { name: "Start creating" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("user-name")).toHaveText("Demo User");
  // The empty dashboard greets by name; once the demo user has ads (other journeys) it lists them.
  await expect(
    page.getByRole("heading", { level: 1, name: /^(Welcome, Demo|Your ads)$/ }),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("2-home.png") });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password gets a clear message and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Start creating" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "email and password don't match" }),
  ).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("demo@example.com");
  await expect(page).toHaveURL(/\/login$/);
});

test("a new marketer signs up, lands signed in, and signing up again never says the email is taken", async ({
  page,
  browser,
}) => {
  const email = `maya-${Date.now()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Maya Marketer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Maya Marketer");
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("user-name")).toHaveText("Maya Marketer");

  // The form never says the email has an account (issue 16.9): someone else gets the
  // sentence any failed sign-up gets; the owner, with their password, is simply signed in.
  const other = await browser.newPage();
  await other.goto("/signup");
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill("another-long-password");
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.getByText("couldn't create an account with these details")).toBeVisible();
  await expect(other.getByText("already exists")).toHaveCount(0);
  await other.getByLabel("Password").fill("a-long-password");
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.getByTestId("user-name")).toHaveText("Maya Marketer");
  await other.close();
});
