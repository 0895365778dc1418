// The fetch the Replicate client (and our output downloads) go through.
// - Output URLs on replicate.delivery can be served from elsewhere (REPLICATE_DELIVERY_URL:
//   tests point it at the fake server); downloads never carry the API token.
// - replicate 1.4.0 retries 429 and 5xx by itself, at once, ignoring Retry-After (its
//   back-off never sleeps), and retries thrown network errors the same way. So answers worth
//   retrying are handed to the client as a non-retryable status with the real one in a
//   header, and network errors as a response: the client throws an ApiError at once, and our
//   own policy (./api-call.ts) decides about retries, honouring Retry-After.
import { env } from "../../env";

export const UPSTREAM_STATUS = "x-adsmith-upstream-status";
const WRAPPED_STATUS = 424; // any 4xx except 429: the client retries neither

export type Fetch = typeof globalThis.fetch;

const isDelivery = (u: URL) =>
  u.hostname === "replicate.delivery" || u.hostname.endsWith(".replicate.delivery");

/** Where an output URL is really fetched from. Only https outputs on replicate.delivery are accepted. */
export function resolveOutputUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error("the model returned something that is not a file link");
  }
  if (u.protocol !== "https:" || !isDelivery(u))
    throw new Error("the model returned a file link we do not download from");
  if (!env.REPLICATE_DELIVERY_URL) return u;
  const mapped = new URL(env.REPLICATE_DELIVERY_URL);
  mapped.pathname = `${mapped.pathname.replace(/\/$/, "")}/${u.hostname}${u.pathname}`;
  mapped.search = u.search;
  return mapped;
}

/** A download: never sends the API token, whatever the caller passes. */
export function downloadFetch(url: URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.delete("authorization");
  return globalThis.fetch(url, { ...init, headers, redirect: "follow" });
}

export const replicateTransport: Fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (isDelivery(url)) return downloadFetch(resolveOutputUrl(url.href), init);
  let res: Response;
  try {
    res = await globalThis.fetch(url, init);
  } catch (err) {
    if ((init?.signal as AbortSignal | undefined)?.aborted) throw err;
    const message =
      err instanceof Error
        ? err.cause instanceof Error
          ? err.cause.message
          : err.message
        : String(err);
    return new Response(JSON.stringify({ detail: `network error: ${message}` }), {
      status: WRAPPED_STATUS,
      headers: { [UPSTREAM_STATUS]: "0", "content-type": "application/json" },
    });
  }
  if (res.status !== 429 && res.status < 500) return res;
  const headers = new Headers(res.headers);
  headers.set(UPSTREAM_STATUS, String(res.status));
  return new Response(await res.arrayBuffer(), {
    status: WRAPPED_STATUS,
    statusText: res.statusText,
    headers,
  });
};
