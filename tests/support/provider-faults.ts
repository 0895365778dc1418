// Fault injection for tests: wraps this process's providers (lib/providers/registry.ts
// installProviders) so calls fail or slow down on purpose. The app has no such branch; test
// files call injectFaults(), and child processes (workers, the e2e fault server) install it
// from TEST_FAULTS / TEST_LATENCY_MS through ./provider-faults-preload.ts.
// Rules are comma-separated: `kind[#index]:transient|permanent[:attempts]`.
//   image:transient        every image's first attempt fails, the retry succeeds
//   image#2:permanent      the third image always fails
//   video:transient:2      every clip's first two attempts fail
//   llm:permanent          prompt parsing and scene planning fail
// Decisions depend only on the asset's index and stored attempt count, so every process
// (web, worker, a restarted worker) agrees.
import { setTimeout as sleep } from "node:timers/promises";
import { defaultProviders, installProviders, type Providers } from "../../lib/providers/registry";
import { type CallContext, ProviderError } from "../../lib/providers/types";

export type FaultKind = "llm" | "image" | "video" | "music";
type Rule = { kind: FaultKind; index?: number; mode: "transient" | "permanent"; attempts: number };
export type FaultOptions = { faults?: string; latencyMs?: number };

export function parseFaults(spec: string | undefined): Rule[] {
  if (!spec) return [];
  return spec.split(",").map((raw) => {
    const m = /^(llm|image|video|music)(?:#(\d+))?:(transient|permanent)(?::(\d+))?$/.exec(
      raw.trim(),
    );
    if (!m)
      throw new Error(
        `TEST_FAULTS: cannot read "${raw}" (expected kind[#index]:transient|permanent[:attempts])`,
      );
    const mode = m[3] as Rule["mode"];
    return {
      kind: m[1] as FaultKind,
      index: m[2] === undefined ? undefined : Number(m[2]),
      mode,
      attempts: m[4] ? Number(m[4]) : mode === "transient" ? 1 : Number.POSITIVE_INFINITY,
    };
  });
}

/** Throws the injected failure for this call, if a rule matches. */
function injectFault(rules: Rule[], kind: FaultKind, ctx: CallContext): void {
  for (const rule of rules) {
    if (rule.kind !== kind) continue;
    if (rule.index !== undefined && rule.index !== ctx.index) continue;
    if ((ctx.attempt ?? 0) >= rule.attempts) continue;
    throw new ProviderError(
      rule.mode === "transient"
        ? `The ${kind} service did not answer in time (injected fault).`
        : `The ${kind} service refused this request (injected fault).`,
      rule.mode,
    );
  }
}

/** The same providers, each call first delayed by `latencyMs`, then failed if a rule matches. */
export function withFaults(p: Providers, { faults, latencyMs = 0 }: FaultOptions): Providers {
  const rules = parseFaults(faults);
  const guard =
    <A extends unknown[], R>(kind: FaultKind, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const ctx = args[args.length - 1] as CallContext;
      if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: ctx.signal });
      injectFault(rules, kind, ctx);
      return fn(...args);
    };
  // Each capability keeps its other properties (wantsHero, followsPrompt…): the pipeline reads them.
  return {
    ...p,
    llm: {
      ...p.llm,
      parsePrompt: guard("llm", p.llm.parsePrompt.bind(p.llm)),
      planScenes: guard("llm", p.llm.planScenes.bind(p.llm)),
    },
    image: { ...p.image, generateImage: guard("image", p.image.generateImage.bind(p.image)) },
    video: { ...p.video, generateClip: guard("video", p.video.generateClip.bind(p.video)) },
    music: { ...p.music, generateMusic: guard("music", p.music.generateMusic.bind(p.music)) },
  };
}

/**
 * From now on this process's providers fail and wait as `opts` says; with no faults and no
 * latency, they are the deployment's own again. Call it with no argument after each test.
 */
export function injectFaults(opts: FaultOptions = {}): void {
  installProviders(
    opts.faults || opts.latencyMs ? withFaults(defaultProviders(), opts) : undefined,
  );
}
