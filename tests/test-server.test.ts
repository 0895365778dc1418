import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server";
import { apiClient, createTestUser, type TestUser } from "./support/users";

let server: TestServer;
let user: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  user = await createTestUser();
});
afterAll(() => server.close());

test("the test server serves the API's own route handlers over HTTP", async () => {
  const health = await apiClient(server.url).get("/api/health");
  expect(health.status).toBe(200);
  expect((await apiClient(server.url).get("/api/sessions")).status).toBe(401);
  const res = await apiClient(server.url, user).get("/api/sessions");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ sessions: [], nextCursor: null });
  expect((await apiClient(server.url, user).get("/api/no-such-thing")).status).toBe(404);
});
