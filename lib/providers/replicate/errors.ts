// Replicate's answers turned into messages a marketer can act on. Raw API text never reaches
// a user: it is reduced to a short, token-free reason.
import { ProviderError } from "../types";
import { UPSTREAM_STATUS } from "./transport";

type ApiErrorLike = { response?: Response; message?: string };

export function statusOf(err: unknown): number | undefined {
  const res = (err as ApiErrorLike)?.response;
  if (!(res instanceof Response)) return undefined;
  const upstream = res.headers.get(UPSTREAM_STATUS);
  return upstream !== null ? Number(upstream) : res.status;
}

/** Seconds to wait from a 429: the Retry-After header, or Replicate's "available in N seconds". */
export function retryAfterMs(err: unknown): number | undefined {
  const res = (err as ApiErrorLike)?.response;
  const header = res?.headers.get("retry-after");
  if (header) {
    const secs = Number(header);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  const m = /available in (\d+(?:\.\d+)?) second/i.exec((err as ApiErrorLike)?.message ?? "");
  return m ? Number(m[1]) * 1000 : undefined;
}

/** The "detail" of an API error body, cut short (it can echo our input, never the token). */
function detailOf(err: unknown): string {
  const m = /: (\{.*\})\.?$/s.exec((err as ApiErrorLike)?.message ?? "");
  if (!m) return "";
  try {
    const body = JSON.parse(m[1]) as { detail?: unknown; title?: unknown };
    return String(body.detail ?? body.title ?? "").slice(0, 200);
  } catch {
    return "";
  }
}

/** A failed API call (after our retries) as a ProviderError. */
export function apiError(err: unknown, what: string): ProviderError {
  const status = statusOf(err);
  const detail = detailOf(err);
  if (status === 0 || status === undefined)
    return new ProviderError(
      `We could not reach the ${what} service. We'll try again.`,
      "transient",
    );
  if (status === 429)
    return new ProviderError(
      `The ${what} service is busy right now. We'll try again shortly.`,
      "transient",
      retryAfterMs(err),
    );
  if (status >= 500)
    return new ProviderError(
      `The ${what} service had a temporary problem (${status}). We'll try again.`,
      "transient",
    );
  if (status === 401 || status === 403)
    return new ProviderError(
      `The ${what} service did not accept our credentials. An administrator needs to check the Replicate API token.`,
      "permanent",
      undefined,
      "account",
    );
  if (status === 402)
    return new ProviderError(
      `The ${what} service account has run out of credit. An administrator needs to top it up; then retry.`,
      "permanent",
      undefined,
      "account",
    );
  if (status === 404)
    return new ProviderError(
      `The ${what} service no longer knows this request. Retry to start it again.`,
      "permanent",
    );
  if (status === 422)
    return new ProviderError(
      `The ${what} model did not accept this request${detail ? ` (${detail})` : ""}. Edit the prompt or settings and retry.`,
      "permanent",
      undefined,
      "rejected_input",
    );
  return new ProviderError(
    `The ${what} service refused this request (${status}${detail ? `: ${detail}` : ""}).`,
    "permanent",
  );
}

/** A prediction that ended in "failed": what the model said, in words a marketer understands. */
export function predictionFailure(error: unknown, what: string): ProviderError {
  const text = typeof error === "string" ? error : error ? JSON.stringify(error) : "";
  if (/nsfw|sensitive|safety|flagged|inappropriate|content polic/i.test(text)) {
    return new ProviderError(
      `The ${what} model's safety filter blocked this result. Rephrase the prompt (avoid anything that could read as unsafe) and retry.`,
      "permanent",
      undefined,
      "safety",
    );
  }
  if (/invalid|validation|must be|not a valid|unsupported/i.test(text)) {
    return new ProviderError(
      `The ${what} model could not use this input: ${text.slice(0, 160)}. Edit it and retry.`,
      "permanent",
      undefined,
      "rejected_input",
    );
  }
  return new ProviderError(
    `The ${what} model failed${text ? `: ${text.slice(0, 160)}` : ""}. Retry, or change the prompt.`,
    "permanent",
    undefined,
    "model_failed",
  );
}
