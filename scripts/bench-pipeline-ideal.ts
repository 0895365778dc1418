// The ideal wall time of one bench phase: the same jobs under the same limits with zero
// overhead (jobs start the instant they are released and a slot and a create token are
// free; every prediction takes exactly the provider latency). Simulated, because the two
// limits interact: per-kind concurrency (LLM_/IMAGE_/VIDEO_CONCURRENCY) and the shared
// create-rate token bucket of lib/providers/replicate/rate-limit.ts (REPLICATE_CREATES_PER_MINUTE,
// refilling continuously, holding at most one second's worth and starting with up to 10).
// The two closed-form bounds it is at least are returned too, for the printout:
//   waves = ceil(n / c_llm) × L + ceil(k·n / c_media) × L          (LLM step, then the media step)
//   rate  = time the bucket allows the last of the n + k·n creates + L
// With `heroFirst` (images without a product photo, #14) each session's first media job (the
// hero) must finish before its other k − 1 start: one more wave of L per session.

export type Limits = { latencyMs: number; llm: number; media: number; perMinute: number };
export type Ideal = { ms: number; wavesMs: number; rateMs: number; creates: number };

export function idealPhase(
  sessions: number,
  perSession: number,
  limits: Limits,
  heroFirst = false,
): Ideal {
  const L = limits.latencyMs;
  const rate = limits.perMinute / 60_000; // tokens per ms
  const capacity = Math.max(limits.perMinute / 60, 1);
  let tokens = Math.min(limits.perMinute, 10, capacity);
  let last = 0;
  type Job = { kind: "llm" | "media"; hero?: boolean; release: number };
  const ready: Job[] = Array.from({ length: sessions }, () => ({
    kind: "llm" as const,
    release: 0,
  }));
  const running: { kind: Job["kind"]; hero?: boolean; end: number }[] = [];
  const free = { llm: limits.llm, media: limits.media };
  let t = 0;
  let end = 0;
  let lastCreate = 0;
  while (ready.length || running.length) {
    tokens = Math.min(capacity, tokens + (t - last) * rate);
    last = t;
    // Start whatever can start now, oldest first (the limiter is first come, first served).
    for (let i = 0; i < ready.length && tokens >= 1 - 1e-9; ) {
      const job = ready[i];
      if (job.release <= t && free[job.kind] > 0) {
        free[job.kind]--;
        tokens -= 1;
        lastCreate = t;
        running.push({ kind: job.kind, hero: job.hero, end: t + L });
        ready.splice(i, 1);
      } else i++;
    }
    const waitingForToken = ready.some((j) => j.release <= t && free[j.kind] > 0);
    const nextToken = waitingForToken ? t + Math.max(1e-6, (1 - tokens) / rate) : Infinity;
    const nextEnd = Math.min(...running.map((r) => r.end));
    t = Math.min(nextToken, nextEnd);
    if (t === nextEnd) {
      for (let i = running.length - 1; i >= 0; i--) {
        if (running[i].end !== t) continue;
        const [done] = running.splice(i, 1);
        free[done.kind]++;
        end = Math.max(end, t);
        if (done.kind === "llm" && heroFirst) ready.push({ kind: "media", hero: true, release: t });
        else if (done.kind === "llm")
          for (let k = 0; k < perSession; k++) ready.push({ kind: "media", release: t });
        else if (done.hero)
          for (let k = 1; k < perSession; k++) ready.push({ kind: "media", release: t });
      }
    }
  }
  const creates = sessions * (1 + perSession);
  return {
    ms: end,
    wavesMs: heroFirst
      ? Math.ceil(sessions / limits.llm) * L +
        Math.ceil(sessions / limits.media) * L +
        Math.ceil((sessions * (perSession - 1)) / limits.media) * L
      : Math.ceil(sessions / limits.llm) * L +
        Math.ceil((sessions * perSession) / limits.media) * L,
    rateMs: lastCreate + L,
    creates,
  };
}
