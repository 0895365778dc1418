// The brand kit, as a marketer sets it up: a logo upload (an SVG with a script refused, a
// PNG taken), brand colours and a call to action saved on the Brand page; then a new ad's
// Finish step starts from them — the call to action filled in, a brand colour as the text
// colour, the logo beside the corner-mark switch, the preview's end card in the brand's
// colours with the logo, product and call-to-action button — and composes with the mark.
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { adWithApprovedImages, ok, waitForStatus } from "./support/api-ad";
import { expectAccessible } from "./support/axe";
import { snap } from "./support/snap";

test.setTimeout(240_000);

test("set the brand kit, and a new ad's Finish step shows it", async ({ browser }) => {
  const { context, page } = await newMarketer(browser, "Brander");
  await page.goto("/");
  await page.getByRole("link", { name: "Brand" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Brand kit" })).toBeVisible();
  await expect(page.getByText("No logo yet")).toBeVisible();

  // An SVG that runs a script is refused with the reason; nothing is stored.
  await page.getByTestId("logo-input").setInputFiles({
    name: "logo.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    ),
  });
  await expect(page.getByRole("alert").filter({ hasText: "SVG" })).toContainText("<script>");
  await expect(page.getByText("No logo yet")).toBeVisible();

  const logoPng = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><rect width="300" height="120" rx="20" fill="#F97316"/><circle cx="60" cy="60" r="36" fill="#FFFFFF"/></svg>',
    ),
  )
    .png()
    .toBuffer();
  await page
    .getByTestId("logo-input")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logoPng });
  const logo = page.getByRole("img", { name: "Your logo" }).first();
  await expect(logo).toBeVisible();
  await expect
    .poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  await page.getByTestId("brand-color-0").fill("#6D28D9");
  await page.getByRole("button", { name: "Add a colour" }).click();
  await page.getByTestId("brand-color-1").fill("#F9A8D4");
  await page.getByLabel("Default call to action").fill("Get yours today");
  await page.getByRole("radio", { name: "Cinematic" }).check({ force: true });
  await page.getByTestId("save-brand").click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toContainText(
    "Brand kit saved",
  );
  await expect(page.getByTestId("card-preview")).toContainText("Get yours today");
  await expectAccessible(page, "brand page");
  await snap(page, "brand-kit");

  // Saved: a reload shows the same kit.
  await page.reload();
  await expect(page.getByTestId("brand-color-0")).toHaveValue("#6D28D9");
  await expect(page.getByTestId("brand-color-1")).toHaveValue("#F9A8D4");
  await expect(page.getByLabel("Default call to action")).toHaveValue("Get yours today");

  // A new ad, taken to its Finish step through the API.
  const { request } = context;
  const d = await adWithApprovedImages(request);
  const id = d.session.id;
  await ok(
    await request.post(`/api/sessions/${id}/generate-clips`, {
      data: { videoPrompt: "a slow turn", clipDurationSeconds: 2 },
    }),
    "generate-clips",
  );
  const ready = await waitForStatus(request, id, ["reviewing_videos"]);
  await ok(
    await request.put(`/api/sessions/${id}/approved-clips`, {
      data: { assetIds: ready.videoClips.map((c) => c.id) },
    }),
    "approve clips",
  );
  const ws = new WorkspacePage(page);
  await ws.goto(id);
  await expect(page.getByLabel("Call to action")).toHaveValue("Get yours today");
  // The lighter brand colour is the text colour; both brand colours are offered first.
  await expect(page.getByTestId("color-hex")).toHaveValue("#F9A8D4");
  await expect(page.getByRole("button", { name: "Colour #6D28D9" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Colour #F9A8D4" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  const mark = page.getByRole("img", { name: "Your logo" });
  await expect(mark).toBeVisible();
  await expect
    .poll(() => mark.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await page.getByTestId("corner-logo-toggle").check();
  await expect(page.getByTestId("confirm-compose")).toBeEnabled();
  await expectAccessible(page, "finish step with the brand");
  await snap(page, "finish-step-with-brand");

  // The preview's end card is the designed one: the brand's gradient, the logo, the product
  // picture, the name, the call to action on a pill-shaped button; laid out per format.
  await page.getByRole("button", { name: "End card" }).click();
  const card = page.getByTestId("end-card-preview");
  await expect(card).toHaveAttribute("data-color", "#6D28D9");
  expect(await card.evaluate((e) => getComputedStyle(e).backgroundImage)).toContain(
    "rgb(109, 40, 217)",
  );
  const button = page.getByTestId("end-card-button");
  await expect(button).toHaveText("Get yours today");
  const look = await button.evaluate((e) => {
    const st = getComputedStyle(e);
    return { bg: st.backgroundColor, radius: Number.parseFloat(st.borderTopLeftRadius) };
  });
  expect(look.bg).toMatch(/^rgb/);
  expect(look.bg).not.toBe("rgba(0, 0, 0, 0)");
  expect(look.radius).toBeGreaterThan((await button.boundingBox())!.height / 2 - 1);
  const pictures = card.locator("img");
  await expect(pictures).toHaveCount(2); // the logo and the product
  for (const img of await pictures.all())
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth))
      .toBeGreaterThan(0);
  // 9:16 stacks: the product above the button.
  const stacked = {
    product: (await pictures.nth(1).boundingBox())!,
    button: (await button.boundingBox())!,
  };
  expect(stacked.product.y + stacked.product.height).toBeLessThan(stacked.button.y);
  await expectAccessible(page, "finish step, end card preview");
  await snap(page, "finish-end-card-9x16");
  // 16:9 puts the product on the left, the words on the right.
  await page.getByRole("checkbox", { name: /16:9/ }).check({ force: true });
  await page
    .getByRole("group", { name: "Preview format" })
    .getByRole("button", { name: "16:9" })
    .click();
  await expect(card).toHaveAttribute("data-ratio", "16:9");
  const wide = {
    product: (await pictures.nth(1).boundingBox())!,
    button: (await button.boundingBox())!,
  };
  expect(wide.product.x + wide.product.width).toBeLessThan(wide.button.x);
  await snap(page, "finish-end-card-16x9");
  await page.getByRole("checkbox", { name: /16:9/ }).uncheck({ force: true });

  await page.getByTestId("confirm-compose").click();
  const done = await waitForStatus(request, id, ["completed"], 150_000);
  expect(done.session.callToAction).toBe("Get yours today");
  expect(done.session.metadata.compose?.logo).toBe(true);
  await expect(ws.video()).toBeVisible();
  await snap(page, "brand-ad-done");
  await context.close();
});
