// Signed-in users for integration tests: a real row in the test database and the session
// cookie Auth.js would have set for it.
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { sessionCookieFor } from "@/lib/auth/session-cookie";
import { insertUser } from "@/lib/db/queries/users";

export type TestUser = { id: number; email: string; cookie: string };

export async function createTestUser(name = "marketer"): Promise<TestUser> {
  const email = `${name}-${randomBytes(4).toString("hex")}@example.com`;
  const user = await insertUser({
    email,
    passwordHash: await hashPassword("password123"),
    fullName: name,
  });
  if (!user) throw new Error("could not create test user");
  return { id: user.id, email, cookie: await sessionCookieFor({ id: user.id, email, name }) };
}

/** fetch() bound to a base URL and (optionally) a user's cookie; JSON bodies by default. */
export function apiClient(baseUrl: string, user?: TestUser) {
  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const isForm = body instanceof FormData;
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(user ? { cookie: user.cookie } : {}),
        ...(body !== undefined && !isForm ? { "content-type": "application/json" } : {}),
        origin: baseUrl,
        ...headers,
      },
      body:
        body === undefined
          ? undefined
          : isForm
            ? body
            : typeof body === "string"
              ? body
              : JSON.stringify(body),
      redirect: "manual",
    });
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call("GET", path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call("POST", path, body ?? {}, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call("PUT", path, body ?? {}, headers),
    delete: (path: string, headers?: Record<string, string>) =>
      call("DELETE", path, undefined, headers),
  };
}
