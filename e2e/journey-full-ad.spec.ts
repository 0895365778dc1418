// Acceptance 1: the demo user makes a whole ad in the browser, from a sentence to a
// downloaded MP4, with the local providers and tiny renders.
import { expect, test } from "@playwright/test";
import { NewAdPage } from "./pages/new-ad-page";
import { WorkspacePage } from "./pages/workspace-page";
import { signInAsDemo } from "./support/accounts";
import { detail } from "./support/api-ad";
import { snap } from "./support/snap";

test.setTimeout(240_000);

test("sentence → images → clips → finish → a playing, downloadable ad", async ({ page }) => {
  await signInAsDemo(page);
  await snap(page, "dashboard");

  const newAd = new NewAdPage(page);
  await newAd.goto();
  await newAd.describe("pink tennis shoes with white laces");
  await expect(newAd.category()).toHaveValue("footwear"); // detected as you type
  await snap(page, "new-ad");
  await newAd.reviewEstimate();
  await expect(newAd.confirmButton()).toContainText("Generate 6 images · $");
  await snap(page, "estimate");
  const id = await newAd.confirm();

  // Images arrive live: placeholders first, then the cards fill in without a reload.
  const ws = new WorkspacePage(page);
  await expect(page.getByTestId("image-grid")).toBeVisible();
  await snap(page, "images-arriving");
  await ws.waitForStatus("reviewing_images");
  await expect(ws.readyImages()).toHaveCount(6);
  await snap(page, "images-ready");

  // Approve 3 and reorder them by drag and drop: [0, 2, 4] → [4, 0, 2].
  const cards = await ws
    .imageCards()
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));
  for (const i of [0, 2, 4]) await ws.selectImage(i);
  await expect(page.getByTestId("selection-summary")).toContainText("Selected 3 of 6");
  await ws.strip("image-order").nth(2).dragTo(ws.strip("image-order").nth(0));
  const imageOrder = [cards[4], cards[0], cards[2]];
  await expect.poll(() => ws.stripIds("image-order")).toEqual(imageOrder);
  await snap(page, "images-selected-and-ordered");
  await ws.continueToClips();
  expect((await detail(page.request, id)).session.approvedImageIds).toEqual(imageOrder);

  // Clips: a scene, the estimate, confirm.
  await page.getByLabel("Scene").fill("on a sunny tennis court, bright and energetic");
  await page.getByRole("radio", { name: "2 s" }).check({ force: true });
  await snap(page, "clips-settings");
  await page.getByTestId("confirm-clips").click();
  await ws.waitForStatus("generating_videos", 15_000).catch(() => {}); // may already be past it
  await snap(page, "clips-arriving");
  await ws.waitForStatus("reviewing_videos");
  await expect(ws.clipCards()).toHaveCount(3);

  // Approve 2 and reorder them with the keyboard: [0, 1] → [1, 0].
  const clips = await ws
    .clipCards()
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));
  await ws.selectClip(0);
  await ws.selectClip(1);
  await ws.strip("clip-order").nth(1).focus();
  await page.keyboard.press("ArrowLeft");
  const clipOrder = [clips[1], clips[0]];
  await expect.poll(() => ws.stripIds("clip-order")).toEqual(clipOrder);
  await expect(ws.strip("clip-order").nth(0)).toBeFocused();
  await expect(page.getByTestId("final-duration")).toBeVisible();
  await snap(page, "clips-selected-and-ordered");
  await ws.continueToFinish();
  expect((await detail(page.request, id)).session.approvedClipIds).toEqual(clipOrder);

  // Finish: name, a CTA with an apostrophe and a colon, colour, font, music, two ratios.
  await page.getByLabel("Product name").fill("Court Queen");
  await page.getByLabel("Call to action").fill("Don't wait: shop now");
  await page.getByTestId("color-hex").fill("#FACC15");
  await page.getByRole("radio", { name: /Bebas Neue/ }).check({ force: true });
  await page.getByTestId("music-toggle").check();
  await page.getByRole("radio", { name: "Energetic" }).check({ force: true });
  await page.getByRole("button", { name: "Play a preview of energetic music" }).click();
  await expect
    .poll(
      () =>
        page
          .getByRole("group", { name: "Music" })
          .locator("audio")
          .evaluate((a: HTMLAudioElement) => a.currentTime),
      {
        timeout: 15_000,
      },
    )
    .toBeGreaterThan(0);
  await page.getByRole("button", { name: "Stop a preview of energetic music" }).click();
  await page.getByRole("checkbox", { name: /1:1/ }).check({ force: true });
  await expect(page.getByTestId("preview-text")).toHaveText("Court Queen");
  await snap(page, "finish");
  await page.getByTestId("confirm-compose").click();
  await ws.waitForStatus("completed", 120_000);

  // Done: the video plays, its duration is the API's, and each download is an MP4.
  const video = ws.video();
  await expect(video).toBeVisible();
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 })
    .toBeGreaterThan(0);
  const d = await detail(page.request, id);
  expect(d.session.status).toBe("completed");
  expect(d.session.productName).toBe("Court Queen");
  expect(d.session.callToAction).toBe("Don't wait: shop now");
  const main = d.finalVideos.find((v) => v.id === d.session.finalVideoId)!;
  const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
  expect(main.durationSeconds).not.toBeNull();
  expect(Math.abs(duration - main.durationSeconds!)).toBeLessThan(0.1);
  await snap(page, "done");

  for (const ratio of ["9:16", "1:1"]) {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId(`download-${ratio}`).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.mp4$/);
    const file = test.info().outputPath(`ad-${ratio.replace(":", "x")}.mp4`);
    await download.saveAs(file);
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(file);
    expect(bytes.subarray(4, 8).toString("latin1"), `${ratio} download is an MP4`).toBe("ftyp");
  }
});
