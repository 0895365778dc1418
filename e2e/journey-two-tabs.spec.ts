// Acceptance 2: two tabs open on the same ad both show the images arriving, live (and a
// third tab on the dashboard follows the ad's status).
import { expect, test } from "@playwright/test";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { createAd } from "./support/api-ad";
import { snap } from "./support/snap";

test("both tabs fill in as the images arrive", async ({ browser }) => {
  const { context, page: first } = await newMarketer(browser, "Two Tabs");
  const id = await createAd(context.request);
  const second = await context.newPage();
  const tabs = [new WorkspacePage(first), new WorkspacePage(second)];
  for (const tab of tabs) {
    await tab.goto(id);
    await expect(tab.page.getByTestId("connection")).toHaveAttribute("data-state", "live");
  }
  await snap(second, "second-tab-before");
  const dashboard = await context.newPage();
  await dashboard.goto("/");
  await expect(dashboard.getByTestId("ad-card")).toHaveAttribute("data-status", "created");
  await expect(dashboard.getByTestId("connection")).toHaveAttribute("data-state", "live");

  // Started from the first tab; the second one never reloads.
  await first.getByTestId("confirm-images").click();
  for (const tab of tabs) {
    await expect(tab.page.getByTestId("image-grid")).toBeVisible({ timeout: 15_000 });
  }
  await snap(second, "second-tab-arriving");
  for (const tab of tabs) {
    await tab.waitForStatus("reviewing_images");
    await expect(tab.readyImages()).toHaveCount(4);
  }
  await expect(dashboard.getByTestId("ad-card")).toHaveAttribute("data-status", "reviewing_images");
  await snap(dashboard, "dashboard-followed");
  await snap(first, "first-tab-done");
  await snap(second, "second-tab-done");
  await context.close();
});
