// Accessibility: axe-core scans every page and every workspace step (support/axe.ts) and the
// run fails on any serious or critical violation, each listed in the failure message. The
// ad is set up through the API (support/api-ad.ts); each step is scanned as a marketer sees
// it, with something selected where the step is about choosing.
import { expect, test } from "@playwright/test";
import { NewAdPage } from "./pages/new-ad-page";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { createAd, ok } from "./support/api-ad";
import { expectAccessible } from "./support/axe";

test("signed-out pages: login, sign-up, not found, a share link that does not exist, the API reference", async ({
  page,
}) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Start creating" })).toBeVisible();
  await expectAccessible(page, "login");

  await page.goto("/signup");
  await expect(page.getByLabel("Email")).toBeVisible();
  await expectAccessible(page, "sign-up");

  expect((await page.goto("/no-such-page"))?.status()).toBe(404);
  await expectAccessible(page, "not found");

  expect((await page.goto("/share/no-such-link-0123456789"))?.status()).toBe(404);
  await expectAccessible(page, "share link not found");

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(page.getByRole("link", { name: "POST /api/sessions/{id}/compose" })).toBeVisible();
  await expectAccessible(page, "API reference");
});

test("signed-in pages: dashboard, new ad and its estimate, an ad that is not yours", async ({
  browser,
}) => {
  const { context, page } = await newMarketer(browser, "Reader");
  await page.goto("/");
  await expectAccessible(page, "empty dashboard");
  await createAd(context.request);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Your ads" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Usage" })).toContainText("Ads being made now");
  await expectAccessible(page, "dashboard with an ad");

  const newAd = new NewAdPage(page);
  await newAd.goto();
  await newAd.describe("pink tennis shoes with white laces");
  await expectAccessible(page, "new ad");
  await newAd.reviewEstimate();
  await expectAccessible(page, "new ad: estimate");

  await page.goto("/brand");
  await expect(page.getByRole("heading", { level: 1, name: "Brand kit" })).toBeVisible();
  await expectAccessible(page, "brand kit");

  expect((await page.goto("/sessions/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await expectAccessible(page, "ad not found");
  await context.close();
});

test("the API keys page: empty, a new key shown once, the list, the revoke dialog", async ({
  browser,
}) => {
  const { context, page } = await newMarketer(browser, "Keyholder");
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expectAccessible(page, "api keys, none yet");
  await page.getByLabel("Key name").fill("Zapier");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("api-key-token")).toBeFocused();
  await expectAccessible(page, "api keys, a new key shown once");
  await page.getByRole("button", { name: "Revoke Zapier" }).click();
  await expect(page.getByRole("dialog", { name: "Revoke this key?" })).toBeVisible();
  await expectAccessible(page, "api keys, revoke dialog");
  await context.close();
});

test("every workspace step, and the share page", async ({ browser }) => {
  test.setTimeout(240_000);
  const { context, page } = await newMarketer(browser, "Stepper");
  const { request } = context;
  const ws = new WorkspacePage(page);
  const id = await createAd(request);
  const base = `/api/sessions/${id}`;

  await ws.goto(id);
  await expectAccessible(page, "images step, before generating");

  await ok(await request.post(`${base}/generate-images`, { data: {} }), "generate-images");
  await ws.waitForStatus("reviewing_images");
  await ws.selectImage(0);
  await expect(page.getByTestId("selection-summary")).toBeVisible();
  await expectAccessible(page, "images step, reviewing with one selected");

  const images = await ws
    .readyImages()
    .evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute("data-id")!));
  await ok(
    await request.put(`${base}/approved-images`, { data: { assetIds: images } }),
    "approve images",
  );
  await page.reload();
  await expect(page.getByLabel("Scene")).toBeVisible();
  await expectAccessible(page, "clips step, settings");

  await ok(
    await request.post(`${base}/generate-clips`, {
      data: { videoPrompt: "on a bright tennis court", clipDurationSeconds: 2 },
    }),
    "generate-clips",
  );
  await ws.waitForStatus("reviewing_videos");
  await expect(ws.clipCards()).toHaveCount(2);
  await ws.selectClip(0);
  await expectAccessible(page, "clips step, reviewing with one selected");

  const clips = await ws.clipCards().evaluateAll((els) => els.map((e) => e.dataset.id!));
  await ok(await request.put(`${base}/approved-clips`, { data: { assetIds: clips } }), "approve");
  await page.reload();
  await expect(page.getByLabel("Product name")).toBeVisible();
  await page.getByTestId("music-toggle").check();
  // The music changes the estimate: scan once the compose button shows its new price.
  await expect(page.getByTestId("confirm-compose")).toBeEnabled();
  await expectAccessible(page, "finish step, music on");

  await ok(
    await request.post(`${base}/compose`, {
      data: { productName: "Court Queen", callToAction: "Shop now" },
    }),
    "compose",
  );
  await ws.waitForStatus("completed", 120_000);
  await expect(ws.video()).toBeVisible();
  await expectAccessible(page, "done step");

  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();
  await expectAccessible(page, "done step with a share link");
  // A/B variants side by side (with their settings, one play button, a download each).
  await ok(
    await request.post(`${base}/variants`, { data: { count: 2, vary: ["callToAction"] } }),
    "variants",
  );
  // (Only finished variants are shown: the view appears when they are ready.)
  await expect(page.getByTestId("variants-view")).toBeVisible({ timeout: 120_000 });
  await expectAccessible(page, "done step with variants side by side");
  const visitor = await browser.newContext();
  const watch = await visitor.newPage();
  await watch.goto(url);
  await expect(watch.locator("video")).toBeVisible();
  await expectAccessible(watch, "share page");
  await visitor.close();
  await context.close();
});

test("the Webhooks page: add one (its secret shown once), its deliveries, bad input", async ({
  browser,
}) => {
  const { context, page } = await newMarketer(browser, "Hooker");
  await page.goto("/webhooks");
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expectAccessible(page, "webhooks, none yet");
  await page.getByLabel("Address (URL)").fill("ftp://example.com/x");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByText("must start with https:// or http://")).toBeVisible();
  await expectAccessible(page, "webhooks, a bad address");
  // An address literal: saved without a DNS lookup (the test machine has no network).
  await page.getByLabel("Address (URL)").fill("https://203.0.113.10/adsmith");
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(page.getByLabel("Signing secret")).toHaveValue(/^whsec_/);
  await expect(page.getByTestId("webhook")).toContainText("https://203.0.113.10/adsmith");
  await page.getByRole("button", { name: "Show deliveries" }).click();
  await expect(page.getByText("Nothing sent yet.")).toBeVisible();
  await expectAccessible(page, "webhooks, one added");
  await context.close();
});

test("the Batches pages: empty, a CSV with a bad line, a batch's rows", async ({ browser }) => {
  const { context, page } = await newMarketer(browser, "Batcher");
  await page.goto("/batches");
  await expect(page.getByRole("heading", { level: 1, name: "Batches" })).toBeVisible();
  await expectAccessible(page, "batches, none yet");
  const csv = (body: string) => ({
    name: "ads.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`productPrompt,productName,callToAction\n${body}`),
  });
  await page.getByLabel("CSV file").setInputFiles(csv("Pink shoes,,Shop now"));
  await page.getByRole("button", { name: "Check and estimate" }).click();
  await expect(page.getByText('Line 2, column "productName"')).toBeVisible();
  await expectAccessible(page, "batches, a CSV with a bad line");
  await page.getByLabel("CSV file").setInputFiles(csv("Pink shoes,Pink Runner,Shop now"));
  await page.getByRole("radio", { name: /Stop at image review/ }).check({ force: true });
  await page.getByRole("button", { name: "Check and estimate" }).click();
  await expect(page.getByTestId("batch-check")).toContainText("estimated");
  await expectAccessible(page, "batches, a checked upload and its estimate");
  await page.getByRole("button", { name: "Start the batch" }).click();
  await expect(page.getByTestId("batch-row")).toHaveCount(1);
  await expectAccessible(page, "a batch's rows");
  await context.close();
});
