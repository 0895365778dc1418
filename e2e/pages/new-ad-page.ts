import { expect, type Page } from "@playwright/test";

export class NewAdPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/new");
    await expect(this.page.getByRole("heading", { name: "New ad" })).toBeVisible();
  }

  async describe(text: string) {
    await this.page.getByLabel("Describe your product").fill(text);
    await expect(this.page.getByText(`${text.length}/200`)).toBeVisible();
  }

  category() {
    return this.page.getByLabel("Category");
  }

  async reviewEstimate() {
    await this.page.getByRole("button", { name: "Review the estimate" }).click();
    await expect(this.page.getByTestId("estimate-amount")).toBeVisible();
  }

  confirmButton() {
    return this.page.getByTestId("confirm-generate");
  }

  /** Confirms the estimate; returns the new ad's id from the workspace URL. */
  async confirm(): Promise<string> {
    await this.confirmButton().click();
    await this.page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    return this.page.url().split("/").pop()!;
  }
}
