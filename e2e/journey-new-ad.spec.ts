// The new-ad form: live counter and validation, category detected as you type (and kept
// once chosen), a product photo previewed and uploaded, the estimate before anything is
// spent; then the draft on the dashboard, and deleting it with a confirmation.
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { NewAdPage } from "./pages/new-ad-page";
import { newMarketer } from "./support/accounts";
import { detail } from "./support/api-ad";
import { snap } from "./support/snap";

test("describe, check, add a photo, see the estimate; the draft can be deleted", async ({
  browser,
}) => {
  const { context, page } = await newMarketer(browser, "Careful");
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Create your first ad" })).toBeVisible(); // the empty state
  await snap(page, "empty-dashboard");

  const form = new NewAdPage(page);
  await form.goto();
  await page.getByRole("button", { name: "Review the estimate" }).click();
  await expect(page.getByText("Describe your product in a sentence.")).toBeVisible();

  await page.getByLabel("Describe your product").fill("x".repeat(201));
  await expect(page.getByText("201/200")).toBeVisible();
  await page.getByRole("button", { name: "Review the estimate" }).click();
  await expect(page.getByText("Keep it to 200 characters")).toBeVisible();

  await form.describe("a rose gold smartwatch with a leather band");
  await expect(form.category()).toHaveValue("electronics");
  await form.describe("a leather handbag");
  await expect(form.category()).toHaveValue("accessories"); // follows the words
  await form.category().selectOption("apparel");
  await form.describe("a leather handbag with gold clasp");
  await expect(form.category()).toHaveValue("apparel"); // a choice sticks
  await page.getByRole("radio", { name: "5" }).check({ force: true });
  await page.getByRole("radio", { name: /Premium/ }).check({ force: true });
  await page.getByRole("button", { name: "luxury" }).click();
  await expect(page.getByRole("button", { name: "luxury" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await page
    .getByTestId("photo-input")
    .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(page.getByText("Use a PNG, JPEG or WebP photo.")).toBeVisible();
  const png = await sharp({
    create: { width: 320, height: 320, channels: 3, background: "#8B4513" },
  })
    .png()
    .toBuffer();
  await page
    .getByTestId("photo-input")
    .setInputFiles({ name: "bag.png", mimeType: "image/png", buffer: png });
  await expect(page.getByAltText("Your product, as uploaded")).toBeVisible();
  await snap(page, "form-filled");

  await form.reviewEstimate();
  await expect(form.confirmButton()).toHaveText(/Generate 5 images · \$\d+\.\d{2}/);
  await snap(page, "estimate");
  const list = await (await context.request.get("/api/sessions")).json();
  const id = list.sessions[0].id as string;
  const draft = await detail(context.request, id);
  expect(draft.session).toMatchObject({
    status: "created",
    productCategory: "apparel",
    numImages: 5,
    totalCost: 0,
    quality: "premium",
  });
  expect(draft.session.styleKeywords).toContain("luxury");
  expect(draft.productPhoto).not.toBeNull();

  // The draft waits on the dashboard; deleting it asks first.
  await page.goto("/");
  const card = page.getByTestId("ad-card");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("Waiting for your go");
  await card.getByRole("button", { name: /^Delete/ }).click();
  await expect(page.getByRole("dialog")).toContainText("Delete this ad?");
  await snap(page, "delete-confirm");
  await page.getByRole("button", { name: "Delete ad" }).click();
  await expect(page.getByTestId("ad-card")).toHaveCount(0);
  expect((await context.request.get(`/api/sessions/${id}`)).status()).toBe(404);
  await context.close();
});
