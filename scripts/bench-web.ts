// Lighthouse-style figures for the studio's two main pages, from the production build in
// headless Chromium (Debian's, as the browser tests use): first-load JS per route (gzip),
// Largest Contentful Paint, Cumulative Layout Shift and Total Blocking Time.
//
// It starts the app like the browser tests do (e2e/serve.ts: a fresh embedded database,
// local providers, small renders), makes one ad through the JSON API so the workspace has
// its six images, then loads each page BENCH_RUNS times in a fresh browser context (cold
// cache, no CPU throttling) and prints the medians.
//
//   npm run build && npm run bench:web        (BENCH_RUNS=5, BENCH_PORT=3400 to change)
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { type Browser, type BrowserContext, chromium } from "@playwright/test"; // its bundled playwright-core

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://localhost:${PORT}`;
const GOALS = { jsKb: 170, lcpMs: 1200, cls: 0.05 };
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--no-first-run",
];

type Sample = {
  scripts: [string, number][];
  jsGzip: number;
  jsFiles: number;
  lcp: number;
  lcpElement: string;
  cls: number;
  tbt: number;
  fcp: number;
};

// Runs in the page before anything else: collects LCP, layout shifts and long tasks.
const OBSERVERS = `
  window.__vitals = { lcp: 0, lcpElement: "", cls: 0, longTasks: [], fcp: 0 };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) { window.__vitals.lcp = e.startTime; window.__vitals.lcpElement = e.element ? e.element.tagName.toLowerCase() + (e.element.getAttribute("data-testid") ? "[" + e.element.getAttribute("data-testid") + "]" : "") : (e.url || ""); } }).observe({ type: "largest-contentful-paint", buffered: true });
  // CLS as web-vitals defines it: the largest session window of shifts not caused by input.
  let win = 0, winStart = 0, last = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) { if (e.hadRecentInput) continue; if (e.startTime - last > 1000 || e.startTime - winStart > 5000) { win = 0; winStart = e.startTime; } win += e.value; last = e.startTime; window.__vitals.cls = Math.max(window.__vitals.cls, win); } }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__vitals.longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === "first-contentful-paint") window.__vitals.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
`;

async function startServer() {
  const child = spawn("npx", ["tsx", "e2e/serve.ts"], {
    env: { ...process.env, PORT: String(PORT), LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const deadline = Date.now() + 120_000;
  while (
    !(await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the app did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return async () => {
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  };
}

/** Signs the demo user in and makes one ad with its images; returns the signed-in context. */
async function seed(browser: Browser): Promise<{ context: BrowserContext; sessionId: string }> {
  const context = await browser.newContext({ baseURL: BASE });
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "demo@example.com", password: "demo123" },
    maxRedirects: 0,
  });
  const created = await context.request.post("/api/sessions", {
    data: { productPrompt: "pink tennis shoes with white laces" },
  });
  if (created.status() !== 201)
    throw new Error(`create: ${created.status()} ${await created.text()}`);
  const { session } = await created.json();
  await context.request.post(`/api/sessions/${session.id}/generate-images`, { data: {} });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { session: s } = await (await context.request.get(`/api/sessions/${session.id}`)).json();
    if (s.status === "reviewing_images") break;
    if (s.status === "failed" || Date.now() > deadline)
      throw new Error(`images: ${s.status} ${s.errorMessage ?? ""}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { context, sessionId: session.id };
}

async function measure(
  browser: Browser,
  storage: Awaited<ReturnType<BrowserContext["storageState"]>>,
  path: string,
): Promise<Sample> {
  const context = await browser.newContext({
    baseURL: BASE,
    storageState: storage,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.addInitScript(OBSERVERS);
  const scripts = new Map<string, Promise<number>>();
  page.on("response", (res) => {
    if (res.request().resourceType() === "script" && res.ok()) {
      scripts.set(
        res.url(),
        res.body().then(
          (b) => gzipSync(b, { level: 9 }).length,
          () => 0,
        ),
      );
    }
  });
  await page.goto(path, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1500); // let late shifts and long tasks land
  const v = (await page.evaluate("window.__vitals")) as {
    lcp: number;
    lcpElement: string;
    cls: number;
    longTasks: [number, number][];
    fcp: number;
  };
  const sizes = await Promise.all(scripts.values());
  const names = [...scripts.keys()].map(
    (u, i) => [new URL(u).pathname.split("/").pop()!, sizes[i]] as [string, number],
  );
  await context.close();
  const tbt = v.longTasks
    .filter(([start]) => start >= v.fcp)
    .reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
  return {
    scripts: names,
    jsGzip: sizes.reduce((a, b) => a + b, 0),
    jsFiles: sizes.length,
    lcp: v.lcp,
    lcpElement: v.lcpElement,
    cls: v.cls,
    tbt,
    fcp: v.fcp,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const mark = (ok: boolean) => (ok ? "ok" : "OVER");

async function main() {
  if (!existsSync(".next/BUILD_ID"))
    throw new Error("No production build: run `npm run build` first.");
  const stop = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const { context, sessionId } = await seed(browser);
    const storage = await context.storageState();
    await context.close();
    const routes = [
      { name: "dashboard", path: "/" },
      { name: "new ad", path: "/new" },
      { name: "workspace", path: `/sessions/${sessionId}` },
    ];
    await measure(browser, storage, "/"); // warm the server (first render compiles nothing, but fills caches)
    console.log(
      `bench:web — ${RUNS} cold loads per route, headless Chromium, 1280×800, no throttling; medians\n`,
    );
    console.log(
      "route       first-load JS (gzip)   LCP        CLS      TBT      FCP     LCP element",
    );
    for (const r of routes) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(browser, storage, r.path));
      const js = median(samples.map((s) => s.jsGzip));
      const lcp = median(samples.map((s) => s.lcp));
      const cls = median(samples.map((s) => s.cls));
      const tbt = median(samples.map((s) => s.tbt));
      const fcp = median(samples.map((s) => s.fcp));
      console.log(
        `${r.name.padEnd(11)} ${`${kb(js)} (${samples[0].jsFiles} files) ${mark(js / 1024 <= GOALS.jsKb)}`.padEnd(22)} ${`${lcp.toFixed(0)} ms ${mark(lcp <= GOALS.lcpMs)}`.padEnd(10)} ${`${cls.toFixed(3)} ${mark(cls <= GOALS.cls)}`.padEnd(8)} ${`${tbt.toFixed(0)} ms`.padEnd(8)} ${`${fcp.toFixed(0)} ms`.padEnd(7)} ${samples[0].lcpElement}`,
      );
    }
    if (process.env.BENCH_VERBOSE) {
      for (const r of routes) {
        const s = await measure(browser, storage, r.path);
        console.log(`\n${r.name}: ${s.scripts.map(([n, b]) => `${n} ${kb(b)}`).join(", ")}`);
      }
    }
    console.log(
      `\ngoals: first-load JS ≤ ${GOALS.jsKb} kB gzip per route, LCP ≤ ${GOALS.lcpMs} ms, CLS ≤ ${GOALS.cls}`,
    );
  } finally {
    await browser.close();
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
