// The Idempotency-Key header (api.md): the same key with the same request replays the stored
// answer instead of running again; the same key with a different request is refused. Keys
// belong to a user and last 24 hours. Only successful answers are kept: a refused request
// changed nothing, so its key is freed and the client may fix the request and retry it.
import { createHash } from "node:crypto";
import {
  claimIdempotencyKey,
  getIdempotencyRecord,
  releaseIdempotencyKey,
  saveIdempotentResponse,
} from "../db/queries/idempotency-keys";
import { AppError, invalidInput } from "../errors";
import { readBodyText } from "./route";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
/** How long a repeat waits for the first request with its key to answer. */
const WAIT_MS = 10_000;

/**
 * Runs `run` once per Idempotency-Key (when the header is present). It receives the raw
 * body text, already read here to fingerprint the request.
 */
export async function withIdempotency(
  req: Request,
  userId: number,
  run: (bodyText: string) => Promise<Response>,
): Promise<Response> {
  const text = await readBodyText(req);
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return run(text);
  if (!KEY_SHAPE.test(key)) {
    throw invalidInput([
      {
        path: "Idempotency-Key",
        message: "must be 1–255 printable characters without spaces (a UUID is ideal)",
      },
    ]);
  }
  const requestHash = fingerprint(req, text);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await claimIdempotencyKey({ userId, key, requestHash }))
      return runAndStore(userId, key, text, run);
    const record = await getIdempotencyRecord({ userId, key });
    if (!record) continue; // released a moment ago: claim it
    if (record.requestHash !== requestHash) {
      throw new AppError(
        "conflict",
        "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
      );
    }
    if (record.responseStatus !== null) return replay(record.responseStatus, record.responseBody);
    if (Date.now() > deadline) {
      throw new AppError(
        "conflict",
        "A request with this Idempotency-Key is still being processed. Try again in a moment.",
        {},
        { "Retry-After": "2" },
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runAndStore(
  userId: number,
  key: string,
  text: string,
  run: (bodyText: string) => Promise<Response>,
) {
  let res: Response;
  try {
    res = await run(text);
  } catch (err) {
    await releaseIdempotencyKey({ userId, key });
    throw err;
  }
  if (res.status >= 200 && res.status < 300) {
    const body =
      res.status === 204
        ? null
        : await res
            .clone()
            .json()
            .catch(() => null);
    await saveIdempotentResponse({ userId, key, status: res.status, body });
  } else {
    await releaseIdempotencyKey({ userId, key });
  }
  return res;
}

function replay(status: number, body: unknown): Response {
  const headers = { "Idempotent-Replayed": "true" };
  return status === 204 || body === null
    ? new Response(null, { status, headers })
    : Response.json(body, { status, headers });
}

/** Method, path and body; JSON bodies are compared by content, not by key order or spacing. */
function fingerprint(req: Request, text: string): string {
  let body = text;
  try {
    body = text.trim() === "" ? "" : canonical(JSON.parse(text));
  } catch {
    // not JSON: compare the bytes
  }
  return createHash("sha256")
    .update(`${req.method} ${new URL(req.url).pathname}\n${body}`)
    .digest("hex");
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}
