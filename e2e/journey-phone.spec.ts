// Quality: every screen of the studio fits a 375 px phone (no sideways scrolling), with a
// screenshot of each for a look.
import { expect, type Page, test } from "@playwright/test";
import { newMarketer } from "./support/accounts";
import { finishedAd } from "./support/api-ad";
import { snap } from "./support/snap";

test.setTimeout(180_000);

async function fitsWidth(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll, "no sideways scrolling").toBeLessThanOrEqual(width);
}

test("dashboard, new ad and every workspace step fit a 375 px phone", async ({ browser }) => {
  const { context } = await newMarketer(browser, "Phone");
  const ad = await finishedAd(context.request);
  const page = await context.newPage();
  await page.setViewportSize({ width: 375, height: 740 });

  await page.goto("/");
  await expect(page.getByTestId("ad-card")).toHaveCount(1);
  await fitsWidth(page);
  await snap(page, "dashboard");

  await page.goto("/new");
  await page.getByLabel("Describe your product").fill("a ceramic coffee mug with a bamboo lid");
  await fitsWidth(page);
  await snap(page, "new-ad");

  await page.goto(`/sessions/${ad.session.id}`);
  await expect(page.getByTestId("final-video")).toBeVisible();
  await fitsWidth(page);
  await snap(page, "done");
  const shown = {
    finish: page.getByLabel("Product name"),
    clips: page.getByTestId("clip-grid"),
    images: page.getByTestId("image-grid"),
  };
  for (const step of ["finish", "clips", "images"] as const) {
    await page.getByTestId(`step-${step}`).click();
    await expect(page.getByTestId(`step-${step}`)).toHaveAttribute("aria-current", "step");
    await expect(shown[step]).toBeVisible();
    await fitsWidth(page);
    await snap(page, step);
  }
  await context.close();
});
