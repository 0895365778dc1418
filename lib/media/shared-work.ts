// Work two callers may ask for at once (a compose and the edit's preparation both needing a
// clip normalised): the second waits for the first instead of doing it again. But callers
// have their own cancellation: if the work it waited for fails or is cancelled while its own
// signal is fine (the preparation stopped because the clips were re-ordered), a caller does
// the work itself rather than fail for someone else's reason. And a compose someone waits
// for never waits on background work running at low priority (it could crawl behind the
// compose's own processes): it does the work itself; both write the same file atomically.

const background = new WeakSet<Promise<unknown>>();

/**
 * `make()` at most once at a time per key. `keep`: a success stays in `map` for later callers
 * (a memo); otherwise the entry goes when the work ends. `lowPriority`: the caller is
 * background work (its ffmpeg runs niced).
 */
export async function sharedWork<T>(
  map: Map<string, Promise<T>>,
  key: string,
  make: () => Promise<T>,
  opts: { signal?: AbortSignal; keep?: boolean; lowPriority?: boolean } = {},
): Promise<T> {
  const { signal, keep = false, lowPriority = false } = opts;
  const pending = map.get(key);
  if (pending && (lowPriority || !background.has(pending))) {
    try {
      return await pending;
    } catch (err) {
      if (signal?.aborted) throw err;
      // another caller's failure or cancellation: try ourselves (a real fault fails again)
    }
  }
  const job = make();
  if (lowPriority) background.add(job);
  map.set(key, job);
  job.then(
    () => {
      if (!keep && map.get(key) === job) map.delete(key);
    },
    () => {
      if (map.get(key) === job) map.delete(key);
    },
  );
  return job;
}
