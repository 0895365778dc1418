// The image mood board beyond picking: reject one (set aside on the server, so a reload keeps
// it there) and restore it, regenerate one with a new seed, compare the two takes side by
// side and keep the new one in the old one's place (the old one is set aside).
import { expect, test } from "@playwright/test";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { createAd, detail, waitForStatus } from "./support/api-ad";
import { snap } from "./support/snap";

test.setTimeout(120_000);

test("reject, regenerate, compare and keep the new take", async ({ browser }) => {
  const { context, page } = await newMarketer(browser, "Picky");
  const id = await createAd(context.request);
  expect(
    (await context.request.post(`/api/sessions/${id}/generate-images`, { data: {} })).status(),
  ).toBe(202);
  const ready = await waitForStatus(context.request, id, ["reviewing_images"]);
  const [first, second, , fourth] = ready.images.map((i) => i.id);

  const ws = new WorkspacePage(page);
  await ws.goto(id);
  await expect(ws.readyImages()).toHaveCount(4);

  // Reject the fourth: it leaves the board for "Set aside", on the server too.
  await page
    .locator(`[data-testid=image-card][data-id="${fourth}"]`)
    .getByRole("button", { name: /^Reject/ })
    .click();
  await expect(ws.imageCards()).toHaveCount(3);
  await expect(page.getByText("Set aside (1)")).toBeVisible();
  await expect
    .poll(
      async () => (await detail(context.request, id)).images.find((i) => i.id === fourth)?.status,
    )
    .toBe("rejected");
  await page.reload();
  await expect(ws.imageCards()).toHaveCount(3);
  await page.getByText("Set aside (1)").click();
  await snap(page, "set-aside");
  // Restore it, and reject it again.
  await page
    .locator(`[data-testid=set-aside-item][data-id="${fourth}"]`)
    .getByRole("button", { name: /^Restore/ })
    .click();
  await expect(ws.imageCards()).toHaveCount(4);
  await expect(page.getByText(/Set aside \(/)).toHaveCount(0);
  await page
    .locator(`[data-testid=image-card][data-id="${fourth}"]`)
    .getByRole("button", { name: /^Reject/ })
    .click();
  await expect(page.getByText("Set aside (1)")).toBeVisible();
  await ws.selectImage(0);
  await ws.selectImage(1);

  // Regenerate the first with a new seed; the old one stays until we choose.
  await page
    .locator(`[data-testid=image-card][data-id="${first}"]`)
    .getByRole("button", { name: /^Redo/ })
    .click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await snap(page, "regenerate-dialog");
  await page.getByTestId("regenerate-submit").click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const compare = page
    .locator(`[data-testid=image-card][data-id="${first}"]`)
    .getByRole("button", { name: "Compare with the new take" });
  await expect(compare).toBeVisible({ timeout: 30_000 });
  await compare.click();
  await expect(page.getByTestId("take-current")).toBeVisible();
  await expect(page.getByTestId("take-new")).toBeVisible();
  await snap(page, "compare-takes");
  await page.getByRole("button", { name: "Use the new take" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // The old take is set aside on the server; the new one is an ordinary card in its place.
  await expect(page.getByText("Set aside (2)")).toBeVisible();

  const after = await detail(context.request, id);
  const newTake = after.images.find(
    (i) => (i.metadata as { replaces?: string }).replaces === first,
  )!;
  expect(newTake.status).toBe("completed");
  expect(after.images.find((i) => i.id === first)!.status).toBe("rejected");
  expect(newTake.seed).not.toBe(after.images.find((i) => i.id === first)!.seed);
  await expect.poll(() => ws.stripIds("image-order")).toEqual([newTake.id, second]);
  await snap(page, "new-take-kept");
  await ws.continueToClips();
  expect((await detail(context.request, id)).session.approvedImageIds).toEqual([
    newTake.id,
    second,
  ]);
  await context.close();
});
