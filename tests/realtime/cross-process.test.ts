// Live progress across processes: a Socket.IO server in this process (with the Postgres
// adapter), the pipeline worker in another (`worker.ts`, spawned), events travelling
// emitter → NOTIFY → adapter → socket. Only the session's owner can join its room.
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import pg from "pg";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, sessions, websocketConnections } from "@/lib/db/schema";
import { publishProgress } from "@/lib/pipeline/progress";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { beatHeartbeats, closeConnection, closeStaleConnections } from "@/lib/realtime/connections";
import { CHANNEL, closeEmitter } from "@/lib/realtime/events";
import type {
  ClientToServerEvents,
  JoinAck,
  ProgressEvent,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";
import { attachRealtime, type Realtime } from "@/lib/realtime/server";
import {
  createSession,
  softDeleteSession,
  startImageStage,
  waitFor,
} from "../support/pipeline-session";
import { startTestServer, type TestServer } from "../support/test-server";
import { createTestUser, type TestUser } from "../support/users";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & {
  events: (ProgressEvent & { receivedAt: number })[];
};

let server: TestServer;
let realtime: Realtime;
let worker: WorkerProcess;
let alice: TestUser;
let bob: TestUser;
const clients: Client[] = [];
const notifySizes: number[] = [];
let listener: pg.Client;

function connect(user?: TestUser, cookie = user?.cookie): Promise<Client> {
  const socket = ioClient(server.url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { "user-agent": "adsmith-test-client", ...(cookie ? { cookie } : {}) },
  }) as Client;
  socket.events = [];
  socket.on("session:progress", (e) => socket.events.push({ ...e, receivedAt: Date.now() }));
  clients.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

const join = (c: Client, sessionId: unknown) =>
  c
    .timeout(10_000)
    .emitWithAck("session:join", { sessionId } as { sessionId: string }) as Promise<JoinAck>;

/** A round trip on the client's own connection: anything sent to it before has arrived. */
const flush = (c: Client) => join(c, "flush");

const openRows = (sessionId: string) =>
  db()
    .select()
    .from(websocketConnections)
    .where(
      and(
        eq(websocketConnections.sessionId, sessionId),
        isNull(websocketConnections.disconnectedAt),
      ),
    );

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

beforeAll(async () => {
  await queue(); // installs pg-boss's schema before the worker process starts
  server = await startTestServer({ attach: (http) => (realtime = attachRealtime(http)) });
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (m) => notifySizes.push(Buffer.byteLength(m.payload ?? "")));
  await listener.query(`LISTEN "${CHANNEL}#/"`);
  // 0.3: the local studio renderer needs images at least this large (it fails at 0.1–0.2).
  worker = await startWorkerProcess({ IMAGE_CONCURRENCY: "2", RENDER_SCALE: "0.3" });
  alice = await createTestUser("alice");
  bob = await createTestUser("bob");
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await worker?.stop();
  await realtime?.close();
  await server?.close();
  await listener?.end();
  await stopQueue();
  await closeEmitter();
});

test("a connection without a valid session cookie is refused", async () => {
  await expect(connect()).rejects.toThrow("unauthorized");
  await expect(connect(undefined, "authjs.session-token=forged")).rejects.toThrow("unauthorized");
});

describe("a session's room", () => {
  test("only its owner joins; every other id gets the same not_found", async () => {
    const mine = await createSession(alice.id);
    const bobs = await createSession(bob.id);
    await softDeleteSession(bobs.id);
    const a = await connect(alice);
    const b = await connect(bob);

    const ok = await join(a, mine.id);
    expect(ok).toMatchObject({
      ok: true,
      session: { id: mine.id, status: "created", numImages: 4 },
    });

    for (const id of [mine.id, bobs.id, randomUUID(), "not-a-uuid", 42, undefined]) {
      expect(await join(b, id)).toEqual({
        ok: false,
        error: { code: "not_found", message: expect.any(String) },
      });
    }
    const rows = await openRows(mine.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      connectionId: `${a.id}:${mine.id}`,
      clientIp: "127.0.0.1",
      userAgent: "adsmith-test-client",
    });
    expect(await openRows(bobs.id)).toHaveLength(0);
  });

  test("leaving stops the events and closes the connection row", async () => {
    const s = await createSession(alice.id);
    const leaver = await connect(alice);
    const stayer = await connect(alice);
    await join(leaver, s.id);
    await join(stayer, s.id);
    expect(await leaver.timeout(10_000).emitWithAck("session:leave", { sessionId: s.id })).toEqual({
      ok: true,
    });
    await publishProgress(s.id, "after leave");
    await waitFor(
      "the stayer's event",
      async () => stayer.events.some((e) => e.message === "after leave"),
      10_000,
      20,
    );
    await flush(leaver);
    expect(leaver.events).toHaveLength(0);
    const rows = await db()
      .select()
      .from(websocketConnections)
      .where(eq(websocketConnections.sessionId, s.id));
    expect(rows.find((r) => r.connectionId.startsWith(leaver.id!))?.disconnectedAt).toBeInstanceOf(
      Date,
    );
    expect(rows.find((r) => r.connectionId.startsWith(stayer.id!))?.disconnectedAt).toBeNull();
  });
});

test("two tabs of the owner get the worker process's progress; another user gets nothing", async () => {
  const s = await createSession(alice.id, 4);
  const tab1 = await connect(alice);
  const tab2 = await connect(alice);
  const intruder = await connect(bob);
  expect((await join(tab1, s.id)).ok).toBe(true);
  expect((await join(tab2, s.id)).ok).toBe(true);
  expect((await join(intruder, s.id)).ok).toBe(false);

  // No worker runs in this process: the jobs run in the spawned worker.ts.
  await startImageStage(s.id);
  const last = await waitFor(
    "reviewing_images over the socket",
    async () => tab1.events.find((e) => e.status === "reviewing_images"),
    60_000,
  ).catch(async (err) => {
    const made = await db().select().from(assets).where(eq(assets.sessionId, s.id));
    const errors = made.map((a) => `${a.status}: ${a.errorMessage ?? ""}`).join("\n");
    throw new Error(
      `${err.message}\nassets:\n${errors}\nworker output:\n${worker.output().slice(-3000)}`,
    );
  });
  await waitFor(
    "the second tab",
    async () => tab2.events.some((e) => e.status === "reviewing_images"),
    10_000,
    20,
  );

  const [row] = await db().select().from(sessions).where(eq(sessions.id, s.id));
  expect(row.status).toBe("reviewing_images");
  expect(last).toMatchObject({ sessionId: s.id, stage: "image_gen", progress: 50, totalCost: 0 });
  expect(tab1.events.every((e) => e.sessionId === s.id)).toBe(true);
  const imageEvents = tab1.events.filter(
    (e) => e.asset?.type === "image" && e.asset.status === "completed",
  );
  const imageIds = new Set(imageEvents.map((e) => e.asset!.id));
  expect(imageIds).toEqual(new Set(row.generatedImageIds));
  expect(imageEvents.every((e) => e.asset!.url.startsWith("/api/media/"))).toBe(true);
  const completed = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, s.id), eq(assets.status, "completed")));
  expect(completed).toHaveLength(4);

  await flush(intruder);
  expect(intruder.events).toHaveLength(0);

  const latencies = tab1.events.map((e) => e.receivedAt - e.at);
  console.log(
    `[realtime] worker process → socket, ${latencies.length} pipeline events: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, max ${Math.max(...latencies)} ms`,
  );

  // Both tabs are recorded; closing one tab closes its row.
  expect((await openRows(s.id)).map((r) => r.connectionId).sort()).toEqual(
    [`${tab1.id}:${s.id}`, `${tab2.id}:${s.id}`].sort(),
  );
  tab2.disconnect();
  await waitFor(
    "tab 2's row to close",
    async () => (await openRows(s.id)).length === 1,
    10_000,
    50,
  );
}, 150_000);

test("progress latency, DB change → socket client (200 events), and ordering", async () => {
  const s = await createSession(alice.id);
  const c = await connect(alice);
  await join(c, s.id);
  const samples: number[] = [];
  const parts = { update: [] as number[], publish: [] as number[], delivery: [] as number[] };
  for (let i = 0; i < 200; i++) {
    const arrived = new Promise<number>((resolve) => {
      const onEvent = (e: ProgressEvent) => {
        if (e.message !== `bench ${i}`) return;
        c.off("session:progress", onEvent);
        resolve(performance.now());
      };
      c.on("session:progress", onEvent);
    });
    const t0 = performance.now();
    await db()
      .update(sessions)
      .set({ progressPercentage: i % 100 })
      .where(eq(sessions.id, s.id));
    const t1 = performance.now();
    await publishProgress(s.id, `bench ${i}`); // reads the session, queues the NOTIFY
    const t2 = performance.now();
    const t3 = await arrived;
    samples.push(t3 - t0);
    parts.update.push(t1 - t0);
    parts.publish.push(t2 - t1);
    parts.delivery.push(t3 - t2);
  }
  const fmt = (v: number[]) =>
    `p50 ${percentile(v, 50).toFixed(1)} ms, p95 ${percentile(v, 95).toFixed(1)} ms`;
  console.log(
    `[realtime] DB change → socket client, 200 sequential events: ${fmt(samples)}, max ${Math.max(...samples).toFixed(1)} ms` +
      ` (UPDATE ${fmt(parts.update)}; publishProgress ${fmt(parts.publish)}; NOTIFY → adapter → socket ${fmt(parts.delivery)})`,
  );

  // A burst from one process arrives complete and in order.
  c.events = [];
  const started = performance.now();
  for (let i = 0; i < 200; i++) await publishProgress(s.id, `burst ${i}`);
  await waitFor("the burst", async () => c.events.length >= 200, 30_000, 5);
  console.log(
    `[realtime] burst of 200 events delivered in ${(performance.now() - started).toFixed(0)} ms`,
  );
  expect(c.events.map((e) => e.message)).toEqual(
    Array.from({ length: 200 }, (_, i) => `burst ${i}`),
  );

  // Every NOTIFY stayed far below PostgreSQL's 8000-byte limit: no attachment round trips.
  console.log(
    `[realtime] NOTIFY payloads: ${notifySizes.length} seen, max ${Math.max(...notifySizes)} bytes`,
  );
  expect(Math.max(...notifySizes)).toBeLessThan(8000);
  const [{ n }] = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from socket_io_attachments`,
  );
  expect(n).toBe(0);
});

test("a short drop loses nothing: the missed events are replayed and the rooms restored", async () => {
  const s = await createSession(alice.id);
  const c = await connect(alice);
  const witness = await connect(alice);
  await join(c, s.id);
  await join(witness, s.id);
  await publishProgress(s.id, "before the drop");
  await waitFor(
    "the first event",
    async () => c.events.some((e) => e.message === "before the drop"),
    10_000,
    20,
  );
  const socketId = c.id!;

  c.io.engine.close(); // the network drops (no reconnection: reconnect below, on cue)
  await waitFor(
    "the server to notice",
    async () => !realtime.io.of("/").sockets.has(socketId),
    10_000,
    20,
  );
  await waitFor("the row to close", async () => (await openRows(s.id)).length === 1, 10_000, 50);
  for (let i = 1; i <= 5; i++) await publishProgress(s.id, `missed ${i}`);
  await waitFor(
    "the witness",
    async () => witness.events.some((e) => e.message === "missed 5"),
    10_000,
    20,
  );

  c.connect();
  await new Promise<void>((resolve) => c.once("connect", () => resolve()));
  expect(c.recovered).toBe(true);
  expect(c.id).toBe(socketId);
  await waitFor(
    "the replay",
    async () => c.events.some((e) => e.message === "missed 5"),
    10_000,
    20,
  );
  expect(c.events.map((e) => e.message)).toEqual([
    "before the drop",
    "missed 1",
    "missed 2",
    "missed 3",
    "missed 4",
    "missed 5",
  ]);
  // Back in the room without asking, and recorded as connected again.
  await waitFor("the row to reopen", async () => (await openRows(s.id)).length === 2, 10_000, 50);
  await publishProgress(s.id, "after the drop");
  await waitFor(
    "live events again",
    async () => c.events.some((e) => e.message === "after the drop"),
    10_000,
    20,
  );
});

test("heartbeats refresh open rows; rows of a dead process are closed by the sweep", async () => {
  const s = await createSession(alice.id);
  const c = await connect(alice);
  await join(c, s.id);
  // A row left by a web process that was killed: its heartbeat stopped 10 minutes ago.
  await db()
    .insert(websocketConnections)
    .values({
      sessionId: s.id,
      connectionId: `dead-process-socket:${s.id}`,
      connectedAt: sql`now() - interval '20 minutes'`,
      lastHeartbeatAt: sql`now() - interval '10 minutes'`,
    });
  expect(await beatHeartbeats()).toBeGreaterThanOrEqual(1);
  expect(await closeStaleConnections()).toBe(1);
  const rows = await db()
    .select()
    .from(websocketConnections)
    .where(eq(websocketConnections.sessionId, s.id));
  const dead = rows.find((r) => r.connectionId.startsWith("dead-process"))!;
  expect(dead.disconnectedAt?.getTime()).toBe(dead.lastHeartbeatAt?.getTime());
  expect(rows.find((r) => r.connectionId === `${c.id}:${s.id}`)?.disconnectedAt).toBeNull();
  await closeConnection(c.id!, s.id);
});
