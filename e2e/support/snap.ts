import { type Page, test } from "@playwright/test";

const counters = new WeakMap<object, number>();

/**
 * A full-page screenshot of the current step, saved in the test's output folder and
 * attached to the report, numbered in the order the journey takes them.
 */
export async function snap(page: Page, name: string): Promise<void> {
  const info = test.info();
  const n = (counters.get(info) ?? 0) + 1;
  counters.set(info, n);
  const path = info.outputPath(`${String(n).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(`${String(n).padStart(2, "0")} ${name}`, { path, contentType: "image/png" });
}
