// Offline, the mood board shows the product the marketer described: four ads made through
// the API (a steel water bottle, a stoneware mug, a leather tote, a perfume) each get six
// shots filed under the right category, and the board of each is in the report for a person
// to look at. (That each shot really is the named shape is measured pixel by pixel in
// lib/providers/local/studio-shapes.test.ts.)
import { expect, test } from "@playwright/test";
import { SHAPE_SENTENCES } from "../tests/support/shape-sentences";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { waitForStatus } from "./support/api-ad";
import { snap } from "./support/snap";

test.setTimeout(240_000);

const SHOWN = ["bottle", "mug", "bag", "perfume"];

test("four described products, four mood boards that show them", async ({ browser }) => {
  const { context, page } = await newMarketer(browser, "Shapes");
  const ads = SHAPE_SENTENCES.filter(([shape]) => SHOWN.includes(shape));
  const ids: string[] = [];
  for (const [, , sentence] of ads) {
    const created = await context.request.post("/api/sessions", {
      data: { productPrompt: sentence, numImages: 6 },
    });
    expect(created.status()).toBe(201);
    const { session } = (await created.json()) as { session: { id: string } };
    expect(
      (
        await context.request.post(`/api/sessions/${session.id}/generate-images`, { data: {} })
      ).status(),
    ).toBe(202);
    ids.push(session.id);
  }
  const ws = new WorkspacePage(page);
  for (const [i, [shape, category]] of ads.entries()) {
    const ready = await waitForStatus(context.request, ids[i], ["reviewing_images"], 120_000);
    expect(ready.session.productCategory).toBe(category);
    expect(ready.images.filter((img) => img.status === "completed")).toHaveLength(6);
    await ws.goto(ids[i]);
    await expect(ws.readyImages()).toHaveCount(6);
    // Every thumbnail has loaded (a screenshot of empty frames would prove nothing).
    await expect
      .poll(() =>
        ws
          .readyImages()
          .locator("img")
          .evaluateAll((imgs) => imgs.every((el) => (el as HTMLImageElement).naturalWidth > 0)),
      )
      .toBe(true);
    await snap(page, `mood-board-${shape}`);
  }
});
