// Fault injection for the local providers, for tests only (LOCAL_FAULTS, unset in
// production). Rules are comma-separated: `kind[#index]:transient|permanent[:attempts]`.
//   image:transient        every image's first attempt fails, the retry succeeds
//   image#2:permanent      the third image always fails
//   video:transient:2      every clip's first two attempts fail
//   llm:permanent          prompt parsing and scene planning fail
// Decisions depend only on the asset's index and stored attempt count, so every process
// (web, worker, a restarted worker) agrees.
import { ProviderError } from "./types";

export type FaultKind = "llm" | "image" | "video" | "music";
type Rule = { kind: FaultKind; index?: number; mode: "transient" | "permanent"; attempts: number };

export function parseFaults(spec: string | undefined): Rule[] {
  if (!spec) return [];
  return spec.split(",").map((raw) => {
    const m = /^(llm|image|video|music)(?:#(\d+))?:(transient|permanent)(?::(\d+))?$/.exec(
      raw.trim(),
    );
    if (!m)
      throw new Error(
        `LOCAL_FAULTS: cannot read "${raw}" (expected kind[#index]:transient|permanent[:attempts])`,
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
export function injectFault(
  rules: Rule[],
  kind: FaultKind,
  ctx: { index?: number; attempt?: number },
): void {
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
