// The browser's way to the JSON API (api.md). Errors arrive in one shape and become an
// ApiError whose message is already written for a marketer.

export type ApiIssue = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly issues: ApiIssue[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Body = Record<string, unknown> | unknown[] | FormData | undefined;

export async function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: Body,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers:
        body === undefined || body instanceof FormData
          ? undefined
          : { "content-type": "application/json" },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new ApiError(
      "We could not reach Adsmith. Check your connection and try again.",
      0,
      "network",
    );
  }
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => undefined);
  if (res.ok) return json as T;
  if (res.status === 401 && typeof window !== "undefined") {
    window.location.assign("/login");
  }
  const err = (
    json as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | undefined
  )?.error;
  const { code, message, issues, ...extra } = err ?? {};
  throw new ApiError(
    message ?? `Something went wrong (HTTP ${res.status}). Try again in a moment.`,
    res.status,
    code ?? "error",
    issues ?? [],
    extra,
  );
}

/** Field errors of a 400 by the first segment of their path ("productPrompt" → message). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(err.issues.map((i) => [String(i.path).split(".")[0], i.message]));
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : "Something went wrong. Try again in a moment.";
}
