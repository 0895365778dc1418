// The script on the Finish step, as a marketer edits it: one line per approved clip,
// labelled with its clip, with counters and spoken lengths; a line over the limit is shown
// and blocks composing; "Write it again" shows its price and replaces the lines; edits are
// saved when the ad is composed. The ad is made through the API up to its clips.
import { expect, test } from "@playwright/test";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { bottleAdAtClipReview, detail, ok, waitForStatus } from "./support/api-ad";
import { expectAccessible } from "./support/axe";
import { snap } from "./support/snap";

test("edit the script line by line, write it again, compose with the edited words", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { context, page } = await newMarketer(browser, "Copywriter");
  const { request } = context;
  const { id, base, clipIds } = await bottleAdAtClipReview(request);

  // One clip: a hook and one line, and the summary says "1 clip".
  await ok(await request.put(`${base}/approved-clips`, { data: { assetIds: [clipIds[0]] } }), "1");
  const ws = new WorkspacePage(page);
  await ws.goto(id);
  const editor = page.getByTestId("script-editor");
  await expect(editor.getByRole("textbox")).toHaveCount(2);
  await expect(page.getByText(/^1 clip, about/)).toBeVisible();

  // Three clips: the hook and two lines, each labelled with its clip.
  await ok(await request.put(`${base}/approved-clips`, { data: { assetIds: clipIds } }), "3");
  await page.reload();
  await expect(editor.getByRole("textbox")).toHaveCount(3);
  await expect(page.getByText(/^3 clips, about/)).toBeVisible();
  const hook = page.getByLabel(/^Hook · clip 1/);
  const line1 = page.getByLabel(/^Line 1 · clip 2/);
  const line2 = page.getByLabel(/^Line 2 · clip 3/);
  const planned = (await detail(request, id)).session.script!;
  await expect(hook).toHaveValue(planned.hook);
  await expect(line2).toHaveValue(planned.lines[1]);
  expect(planned.hook.toLowerCase()).toContain("bottle");
  await expect(editor.getByText(/About \d+\.\d s spoken · clip 2\.0 s/).first()).toBeVisible();

  // Write it again: priced first, then the lines are the server's new ones and a cost row exists.
  const rewrite = page.getByTestId("rewrite-script");
  await expect(rewrite).toHaveText("Write it again · $0.00");
  const rowsBefore = (await ok<{ items: unknown[] }>(await request.get(`${base}/costs`), "costs"))
    .items.length;
  await rewrite.click();
  await expect
    .poll(
      async () =>
        (await ok<{ items: unknown[] }>(await request.get(`${base}/costs`), "costs")).items.length,
    )
    .toBe(rowsBefore + 1);
  const rewritten = (await detail(request, id)).session.script!;
  await expect(hook).toHaveValue(rewritten.hook);
  await expect(line1).toHaveValue(rewritten.lines[0]);

  // A line over the limit is flagged and composing waits for it.
  const compose = page.getByTestId("confirm-compose");
  await expect(compose).toBeEnabled();
  await line1.fill("x".repeat(81));
  await expect(page.getByText("At most 80 characters.")).toBeVisible();
  await expect(page.locator("#script-1-counter")).toHaveText("81/80");
  await expect(compose).toBeDisabled();

  await hook.fill("Cold brew at noon, still icy.");
  await line1.fill("Double-walled steel keeps it cold for 24 hours.");
  await expect(page.locator("#script-1-counter")).toHaveText("47/80");
  await expect(compose).toBeEnabled();
  await expectAccessible(page, "finish step, script edited");
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header at the top, not mid-page
  await snap(page, "finish-step-script-edited");

  await page.getByLabel("Product name").fill("Summit Flask");
  await compose.click();
  await expect
    .poll(async () => (await detail(request, id)).session.script)
    .toEqual({
      language: "en",
      hook: "Cold brew at noon, still icy.",
      lines: ["Double-walled steel keeps it cold for 24 hours.", rewritten.lines[1]],
    });
  await waitForStatus(request, id, ["composing", "completed"]);
  await context.close();
});
