// Acceptance 5: the share link plays the video in a signed-out browser.
import { expect, test } from "@playwright/test";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { finishedAd } from "./support/api-ad";
import { snap } from "./support/snap";

test.setTimeout(180_000);

test("a share link plays for someone who is not signed in, until it is revoked", async ({
  browser,
}) => {
  const { context, page } = await newMarketer(browser, "Sharer");
  const ad = await finishedAd(context.request);
  const ws = new WorkspacePage(page);
  await ws.goto(ad.session.id);
  await expect(ws.video()).toBeVisible();
  await page.getByTestId("create-share").click();
  const url = await page.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{16,}$/);
  await snap(page, "share-link");
  // After a reload the Done step shows the active link, not "Get a share link".
  await page.reload();
  await expect(page.getByTestId("share-url")).toHaveValue(url);
  await expect(page.getByTestId("create-share")).toHaveCount(0);

  const visitor = await browser.newContext(); // no cookies
  const watch = await visitor.newPage();
  await watch.goto(url);
  const video = watch.locator("video");
  await expect(video).toBeVisible();
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await snap(watch, "shared-page-playing");

  await page.getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByTestId("create-share")).toBeVisible();
  expect((await watch.goto(url))?.status()).toBe(404);
  await visitor.close();
  await context.close();
});
