// A/B variants from the Done step, as a marketer makes them: pick what differs and how many,
// the ad composes them, then the variants stand side by side — labelled A, B, C with what
// each was made with — one button plays them all from the same moment, and each downloads.
// The ad is made through the API up to its finished video.
import { expect, test } from "@playwright/test";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { detail, finishedAd, ok, waitForStatus } from "./support/api-ad";
import { snap } from "./support/snap";

test("make three variants, watch them side by side in sync, download each", async ({ browser }) => {
  test.setTimeout(300_000);
  const { context, page } = await newMarketer(browser, "Tester");
  const { request } = context;
  const first = await finishedAd(request);
  const id = first.session.id;
  // Composed again with captions, so a new hook is seen.
  await ok(
    await request.post(`/api/sessions/${id}/compose`, {
      data: {
        productName: "Court Queen",
        callToAction: "Shop now",
        captions: { enabled: true, style: "pop" },
      },
    }),
    "compose with captions",
  );
  const made = await waitForStatus(request, id, ["completed"], 120_000);
  const main = made.session.finalVideoId;
  expect(main).not.toBe(first.session.finalVideoId);

  const ws = new WorkspacePage(page);
  await ws.goto(id);
  await expect(ws.video()).toBeVisible();
  const maker = page.getByTestId("make-variants");
  await expect(maker).toBeVisible();
  // Hook and call to action are picked to start with; add the music, make three.
  await expect(maker.getByRole("checkbox", { name: "Hook" })).toBeChecked();
  await expect(maker.getByRole("checkbox", { name: "Call to action" })).toBeChecked();
  await maker.getByText("Music", { exact: true }).click();
  await expect(maker.getByRole("checkbox", { name: "Music" })).toBeChecked();
  await maker.getByText("3", { exact: true }).click();
  // Priced before it starts (the local models are free).
  await expect(maker.getByTestId("make-variants-submit")).toHaveText("Make 3 variants · $0.00");
  await snap(page, "make-variants");
  await maker.getByTestId("make-variants-submit").click();

  // The ad composes them (the page follows it), then shows them once all are ready.
  const view = page.getByTestId("variants-view");
  await expect(view).toBeVisible({ timeout: 240_000 });
  await ws.waitForStatus("completed");
  for (const label of ["A", "B", "C"])
    await expect(view.getByTestId(`variant-${label}`)).toBeVisible();
  await expect(view.getByTestId("variant-D")).toHaveCount(0);
  // Each one says what it was made with: A as composed, B and C other words and music.
  await expect(view.getByTestId("variant-A")).toContainText("pop");
  await expect(view.getByTestId("variant-A")).toContainText("Shop now");
  await expect(view.getByTestId("variant-B")).toContainText("Get yours today");
  await expect(view.getByTestId("variant-C")).toContainText("Order now");
  const after = await detail(request, id);
  expect(after.session.finalVideoId).toBe(main);
  const variants = after.finalVideos.filter((v) => v.variant);
  expect(variants.map((v) => v.variant).sort()).toEqual(["A", "B", "C"]);
  expect(new Set(variants.map((v) => v.variantSettings?.hook)).size).toBe(3);
  expect(new Set(variants.map((v) => v.variantSettings?.musicGenre)).size).toBe(3);
  // The regular video is still the one the Done step plays.
  await expect(ws.video()).toHaveAttribute(
    "src",
    after.finalVideos.find((v) => v.id === main)!.url!,
  );

  // One button plays all three from the same moment.
  const videos = view.locator("video");
  await expect(videos).toHaveCount(3);
  await page.getByTestId("variants-play").click();
  await expect(page.getByTestId("variants-play")).toHaveText("Pause all");
  await expect
    .poll(() =>
      videos.evaluateAll((els) =>
        (els as HTMLVideoElement[]).every((v) => !v.paused && v.currentTime > 0.3),
      ),
    )
    .toBe(true);
  await page.getByTestId("variants-play").click();
  const times = await videos.evaluateAll((els) =>
    (els as HTMLVideoElement[]).map((v) => (v.paused ? v.currentTime : -1)),
  );
  expect(times.every((t) => t >= 0)).toBe(true);
  expect(Math.max(...times) - Math.min(...times)).toBeLessThan(0.5);
  // Choosing which one is heard unmutes that one only.
  await page.getByTestId("variants-sound").selectOption("B");
  expect(
    await videos.evaluateAll((els) => (els as HTMLVideoElement[]).map((v) => v.muted)),
  ).toEqual([true, false, true]);
  await snap(page, "variants-side-by-side");

  // Each variant downloads as its own MP4.
  for (const label of ["A", "B", "C"]) {
    const link = view.getByTestId(`variant-download-${label}`);
    await expect(link).toHaveAttribute(
      "download",
      new RegExp(`variant-${label.toLowerCase()}-9x16\\.mp4$`),
    );
    const href = await link.getAttribute("href");
    const res = await request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("video/mp4");
    expect((await res.body()).length).toBeGreaterThan(1000);
  }
  await context.close();
});
