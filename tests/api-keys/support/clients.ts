// HTTP clients for API-key tests: one that sends only `Authorization: Bearer` (no cookie, no
// Origin, as a script or CI job would), shaped like tests/support/users.ts's apiClient so
// the pipeline harness's waits and downloads work with it.
import type { Api } from "../../pipeline/support/harness";
import { apiClient, type TestUser } from "../../support/users";

export function bearerClient(
  baseUrl: string,
  token: string,
  extra: Record<string, string> = {},
): Api {
  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...extra,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
    });
  return {
    get: (path, headers) => call("GET", path, undefined, headers),
    post: (path, body, headers) => call("POST", path, body ?? {}, headers),
    put: (path, body, headers) => call("PUT", path, body ?? {}, headers),
    delete: (path, headers) => call("DELETE", path, undefined, headers),
  };
}

/** Creates a key through the API with the user's session cookie; returns the answer's body. */
export async function createKey(
  baseUrl: string,
  user: TestUser,
  name = "CI pipeline",
): Promise<{ key: { id: string; name: string; prefix: string }; token: string }> {
  const res = await apiClient(baseUrl, user).post("/api/keys", { name });
  if (res.status !== 201)
    throw new Error(`POST /api/keys answered ${res.status}: ${await res.text()}`);
  return res.json();
}
