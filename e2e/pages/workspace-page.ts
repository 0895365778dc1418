import { expect, type Locator, type Page } from "@playwright/test";

/** The ad's workspace: stepper, image and clip boards, finish form, done step. */
export class WorkspacePage {
  constructor(readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/sessions/${id}`);
    await expect(this.page.getByTestId("workspace")).toBeVisible();
  }

  async waitForStatus(status: string, timeout = 90_000) {
    await expect(this.page.getByTestId("workspace")).toHaveAttribute("data-status", status, {
      timeout,
    });
  }

  imageCards(): Locator {
    return this.page.getByTestId("image-card");
  }

  readyImages(): Locator {
    return this.page.locator(
      "[data-testid=image-card][data-status=completed], [data-testid=image-card][data-status=approved]",
    );
  }

  async selectImage(index: number) {
    await this.imageCards()
      .nth(index)
      .getByRole("button", { name: /^Select/ })
      .click();
  }

  strip(testId: "image-order" | "clip-order"): Locator {
    return this.page.getByTestId(testId).getByTestId("strip-item");
  }

  async stripIds(testId: "image-order" | "clip-order"): Promise<string[]> {
    return this.strip(testId).evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));
  }

  async continueToClips() {
    await this.page.getByTestId("continue-to-clips").click();
    await expect(this.page.getByLabel("Scene")).toBeVisible();
  }

  clipCards(): Locator {
    return this.page.getByTestId("clip-card");
  }

  async selectClip(index: number) {
    await this.clipCards()
      .nth(index)
      .getByRole("button", { name: /^Select/ })
      .click();
  }

  async continueToFinish() {
    await this.page.getByTestId("continue-to-finish").click();
    await expect(this.page.getByLabel("Product name")).toBeVisible();
  }

  video(): Locator {
    return this.page.getByTestId("final-video");
  }
}
