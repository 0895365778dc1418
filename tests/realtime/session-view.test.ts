// What the browser receives of a session is a deliberate view (lib/sessions/session-view.ts):
// the pipeline's bookkeeping in sessions.metadata and assets.metadata — remote predictions in
// flight, what they were about to create, request fingerprints — never leaves the server,
// whether the session comes from the API or from the socket's join ack.
import { eq } from "drizzle-orm";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, sessions } from "@/lib/db/schema";
import { closeEmitter } from "@/lib/realtime/events";
import type { ClientToServerEvents, JoinAck, ServerToClientEvents } from "@/lib/realtime/protocol";
import { attachRealtime, type Realtime } from "@/lib/realtime/server";
import { createSession } from "../support/pipeline-session";
import { startTestServer, type TestServer } from "../support/test-server";
import { apiClient, createTestUser, type TestUser } from "../support/users";

let server: TestServer;
let realtime: Realtime;
let alice: TestUser;
let sessionId: string;
const sockets: Socket[] = [];

/** Field names and values only the server may know. */
const SECRET_KEYS = [
  "pendingPredictions",
  "pendingIntents",
  "clipRequestHash",
  "requestHash",
  "predictionIntent",
  "predictionAttempt",
];
const SECRET_VALUES = [
  "pred-parse-secret",
  "pred-plan-secret",
  "hash-clips-secret",
  "hash-compose",
];

function expectNoBookkeeping(payload: unknown) {
  const text = JSON.stringify(payload);
  for (const key of SECRET_KEYS) expect(text).not.toContain(`"${key}"`);
  for (const value of SECRET_VALUES) expect(text).not.toContain(value);
}

beforeAll(async () => {
  server = await startTestServer({ attach: (http) => (realtime = attachRealtime(http)) });
  alice = await createTestUser("alice");
  const s = await createSession(alice.id);
  sessionId = s.id;
  const [image] = await db()
    .insert(assets)
    .values({
      sessionId,
      type: "image",
      source: "local-image",
      status: "generating",
      url: "",
      predictionId: "pred-image-1",
      metadata: {
        index: 0,
        stage: "images",
        predictionAttempt: 0,
        predictionIntent: {
          model: "flux",
          inputHash: "pred-plan-secret",
          since: new Date().toISOString(),
          attempt: 0,
        },
      },
    })
    .returning();
  await db()
    .update(sessions)
    .set({
      status: "reviewing_videos",
      currentStage: "video_gen",
      generatedImageIds: [image.id],
      metadata: {
        clipRun: 2,
        clipRunIds: [],
        clipRequestHash: "hash-clips-secret",
        pendingPredictions: { parse: "pred-parse-secret", "plan-2": "pred-plan-secret" },
        pendingIntents: {
          "plan-2": { model: "llama", inputHash: "hash-compose-intent", since: "2026-01-01" },
        },
        videoModelFollowsPrompt: false,
        compose: { run: 3, ratios: ["9:16", "1:1"], requestHash: "hash-compose-secret" },
        variants: { composeRun: 3, requestHash: "hash-compose-variants-secret", items: [] },
      },
    })
    .where(eq(sessions.id, sessionId));
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await realtime?.close();
  await server?.close();
  await closeEmitter();
});

test("GET /api/sessions/:id shows the session's progress but none of its bookkeeping", async () => {
  const res = await apiClient(server.url, alice).get(`/api/sessions/${sessionId}`);
  expect(res.status).toBe(200);
  const detail = await res.json();
  // What the studio needs is there…
  expect(detail.session.metadata).toEqual({
    clipRun: 2,
    clipRunIds: [],
    videoModelFollowsPrompt: false,
    compose: { run: 3, ratios: ["9:16", "1:1"] },
    variants: { composeRun: 3, items: [] },
  });
  expect(detail.images[0].metadata).toEqual({ index: 0, stage: "images" });
  // …and nothing else.
  expectNoBookkeeping(detail);
});

test("the dashboard's list carries none of it either", async () => {
  const res = await apiClient(server.url, alice).get("/api/sessions");
  expect(res.status).toBe(200);
  const list = await res.json();
  expect(list.sessions.map((s: { id: string }) => s.id)).toContain(sessionId);
  expectNoBookkeeping(list);
});

test("the socket's join ack sends the same view", async () => {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(server.url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: alice.cookie },
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const ack = (await socket.timeout(10_000).emitWithAck("session:join", { sessionId })) as JoinAck;
  expect(ack).toMatchObject({
    ok: true,
    session: { id: sessionId, status: "reviewing_videos", metadata: { clipRun: 2 } },
  });
  expectNoBookkeeping(ack);
});
