// Issue 15's batch, through the studio: a marketer uploads a 2-row CSV on the Batches page
// (stopping at the image review to keep it quick), lands on the batch's page and watches
// each row's ad move on until both wait at their image review; each row links to its ad.
import { expect, test } from "@playwright/test";
import { newMarketer } from "./support/accounts";
import { snap } from "./support/snap";

test.setTimeout(180_000);

test("upload a CSV on the Batches page and watch each row's progress", async ({ browser }) => {
  const { context, page } = await newMarketer(browser, "Batch");
  await page.goto("/new");
  await page.getByRole("link", { name: "Upload a CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Batches" })).toBeVisible();
  await snap(page, "batches");

  const csv = [
    "productPrompt,productName,callToAction",
    'Pink tennis shoes with white laces,Pink Runner,"Shop now, today"',
    "A ceramic coffee mug in matte black,Night Mug,Order today",
  ].join("\r\n");
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "ads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("radio", { name: /Stop at image review/ }).check({ force: true });
  await page.getByRole("button", { name: "Check and estimate" }).click();
  await expect(page.getByTestId("batch-check")).toContainText(
    "2 ads: estimated $0.00 for 10 model calls",
  );
  await snap(page, "batch-checked");
  await page.getByRole("button", { name: "Start the batch" }).click();

  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  const rows = page.getByTestId("batch-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Pink Runner");
  await expect(rows.nth(1)).toContainText("Night Mug");
  await expect(page.getByTestId("batch-estimate")).toContainText("10 model calls");
  await snap(page, "batch-started");

  // The page polls: both rows reach their image review without a reload.
  await expect(rows.nth(0)).toContainText("Choose images", { timeout: 120_000 });
  await expect(rows.nth(1)).toContainText("Choose images", { timeout: 120_000 });
  await expect(page.getByTestId("batch-status")).toHaveText("Finished");
  await snap(page, "batch-at-review");
  // It fits a phone too.
  await page.setViewportSize({ width: 375, height: 740 });
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(fits, "no sideways scrolling at 375 px").toBe(true);
  await snap(page, "batch-on-a-phone");

  await rows.nth(1).getByRole("link", { name: "Night Mug" }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("image-grid")).toBeVisible();
  await context.close();
});
