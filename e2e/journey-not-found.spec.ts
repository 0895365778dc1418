// Acceptance 4: another user's ad is a not-found page, exactly like the API's 404.
import { expect, test } from "@playwright/test";
import { newMarketer } from "./support/accounts";
import { createAd } from "./support/api-ad";
import { snap } from "./support/snap";

test("a second user cannot open the first user's ad by URL", async ({ browser }) => {
  const owner = await newMarketer(browser, "Owner");
  const id = await createAd(owner.context.request);
  await owner.page.goto(`/sessions/${id}`);
  await expect(owner.page.getByTestId("workspace")).toBeVisible();

  const other = await newMarketer(browser, "Other");
  const res = await other.page.goto(`/sessions/${id}`);
  expect(res?.status()).toBe(404);
  await expect(other.page.getByTestId("not-found")).toBeVisible();
  await expect(other.page.getByText("pink tennis shoes")).toHaveCount(0);
  expect((await other.context.request.get(`/api/sessions/${id}`)).status()).toBe(404);
  await snap(other.page, "not-found");

  // A made-up id and a malformed one look the same.
  expect((await other.page.goto(`/sessions/00000000-0000-4000-8000-000000000000`))?.status()).toBe(
    404,
  );
  expect((await other.page.goto(`/sessions/not-an-id`))?.status()).toBe(404);
  await owner.context.close();
  await other.context.close();
});
