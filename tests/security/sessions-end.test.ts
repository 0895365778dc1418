// Sessions that end (issue 16.4) and sockets from other sites (16.5). Signing out raises the
// user's session version (lib/auth/sign-out.ts, called by Auth.js's signOut event): a cookie
// copied before stops working on the API and Socket.IO at once, and open sockets close. A
// handshake from a page of another origin is refused like a cross-site API request.
// (Signing out in the browser, then using the copied cookie on pages: e2e/security-pages.spec.ts.)
import "../support/quiet-logs";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkCredentials } from "@/lib/auth/accounts";
import { endAllSessions } from "@/lib/auth/sign-out";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { closeEmitter } from "@/lib/realtime/events";
import { attachRealtime, type Realtime } from "@/lib/realtime/server";
import { startTestServer, type TestServer } from "../support/test-server";
import { createTestUser, type TestUser } from "../support/users";

let server: TestServer;
let realtime: Realtime;
const sockets: Socket[] = [];

beforeAll(async () => {
  await queue();
  server = await startTestServer({ attach: (http) => (realtime = attachRealtime(http)) });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await realtime?.close();
  await server?.close();
  await stopQueue();
  await closeEmitter();
});

function connect(
  headers: Record<string, string>,
  transport: "websocket" | "polling" = "websocket",
): Promise<Socket> {
  const socket = ioClient(server.url, {
    path: "/socket.io",
    transports: [transport],
    reconnection: false,
    forceNew: true,
    extraHeaders: headers,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const sessionsWith = (user: TestUser) =>
  fetch(`${server.url}/api/sessions`, { headers: { cookie: user.cookie } });

describe("signing out", () => {
  test("a copied cookie stops working on the API and Socket.IO at once; open sockets close", async () => {
    const user = await createTestUser("copied");
    expect((await sessionsWith(user)).status).toBe(200);
    const open = await connect({ cookie: user.cookie });
    const closed = new Promise<string>((resolve) => open.once("disconnect", resolve));

    await endAllSessions({ userId: user.id });

    expect((await sessionsWith(user)).status).toBe(401);
    await expect(connect({ cookie: user.cookie })).rejects.toThrow(/unauthorized/);
    expect(await closed).toMatch(/server/); // "io server disconnect"
  });

  test("a new login after signing out gets a cookie that works", async () => {
    const user = await createTestUser("again");
    await endAllSessions({ userId: user.id });
    const login = await checkCredentials(
      { email: user.email, password: "password123" },
      "10.8.0.1",
    );
    if (!login.ok) throw new Error("login failed");
    expect(login.user.sessionVersion).toBe(1);
    const { sessionCookieFor } = await import("@/lib/auth/session-cookie");
    const fresh = { ...user, cookie: await sessionCookieFor({ ...user, sessionVersion: 1 }) };
    expect((await sessionsWith(fresh)).status).toBe(200);
    expect((await sessionsWith(user)).status).toBe(401);
    await connect({ cookie: fresh.cookie });
  });
});

describe("Socket.IO and other sites", () => {
  test.each([
    ["another site", "https://evil.example"],
    ["another port", "http://127.0.0.1:1"],
    ["https on this http host (the scheme counts)", () => server.url.replace("http:", "https:")],
    ["Origin: null", "null"],
  ])("a handshake from %s is refused, with a valid cookie", async (_, origin) => {
    const user = await createTestUser("socket-origin");
    const o = typeof origin === "function" ? origin() : origin;
    await expect(connect({ cookie: user.cookie, origin: o })).rejects.toThrow();
    await expect(connect({ cookie: user.cookie, origin: o }, "polling")).rejects.toThrow();
  });

  test("this origin, and no Origin at all (a script), connect", async () => {
    const user = await createTestUser("socket-same");
    await connect({ cookie: user.cookie, origin: server.url });
    await connect({ cookie: user.cookie });
  });
});
