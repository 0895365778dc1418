// An accessibility scan of the page as it is now: axe-core (npm) evaluated in the page through
// the DevTools protocol (so the page's Content-Security-Policy does not block it), then every
// serious or critical violation listed in the failure message — rule, impact, help, and each
// offending element with axe's own explanation (e.g. the contrast ratio it measured).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";
import type { AxeResults, Result } from "axe-core";

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
const BLOCKING = new Set(["serious", "critical"]);

function listViolations(violations: Result[]): string {
  return violations
    .map((v) =>
      [
        `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map(
          (n) => `  ${n.target.join(" ")}\n    ${n.failureSummary?.replace(/\n/g, "\n    ")}`,
        ),
      ].join("\n"),
    )
    .join("\n");
}

/** Fails (softly: the test goes on to the next step) on serious or critical violations. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // A colour still mid-transition (a button just enabled fades in over 150 ms) is measured at
  // a colour the page never rests at: let running CSS transitions finish first.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.evaluate(axeSource);
  // Scans the whole document against WCAG 2.x A/AA and axe's best practices.
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<AxeResults> } }).axe.run({
      resultTypes: ["violations"],
    }),
  );
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ""));
  expect
    .soft(
      blocking.length,
      `${what}: ${blocking.length} serious or critical accessibility violations\n${listViolations(blocking)}`,
    )
    .toBe(0);
}
