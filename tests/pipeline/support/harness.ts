// What the pipeline's API tests share: the API over HTTP with the worker in this process,
// waits that poll the API with a deadline, media downloads (following S3's presigned
// redirects) and facts about downloaded files (ffprobe, sharp).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { db } from "@/lib/db/client";
import { probe } from "@/lib/media/probe";
import { queue } from "@/lib/pipeline/queue";
import { startWorker, stopWorker } from "@/lib/pipeline/worker";
import { closeEmitter } from "@/lib/realtime/events";
import { startTestServer, type TestServer } from "../../support/test-server";
import { apiClient, createTestUser, type TestUser } from "../../support/users";

export type Api = ReturnType<typeof apiClient>;
// The API's JSON, loosely typed: tests assert on it (an unknown would need a cast per read).
// biome-ignore lint/suspicious/noExplicitAny: the tests' assertions are the type check here
export type Json = any;

export type Harness = { server: TestServer; user: TestUser; api: Api; stop: () => Promise<void> };

export async function startHarness(opts: { worker?: boolean } = {}): Promise<Harness> {
  const server = await startTestServer();
  const user = await createTestUser();
  if (opts.worker ?? true) await startWorker();
  else await queue(); // requests still enqueue
  return {
    server,
    user,
    api: apiClient(server.url, user),
    stop: async () => {
      await stopWorker(2_000);
      await server.close();
      await closeEmitter();
    },
  };
}

export async function json(res: Response | Promise<Response>): Promise<Json> {
  const r = await res;
  const text = await r.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new Error(`expected JSON from ${r.url} (HTTP ${r.status}), got: ${text.slice(0, 300)}`);
  }
}

/** Polls `check` until it returns something truthy; fails with `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false | null>,
  ms = 90_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** GET /api/sessions/:id until the status is one of `statuses` (any other settled status fails fast). */
export async function waitForStatus(
  api: Api,
  id: string,
  statuses: string[],
  ms = 90_000,
): Promise<Json> {
  const settled = ["reviewing_images", "reviewing_videos", "completed", "failed", "cancelled"];
  return waitFor(
    `session ${id} to reach ${statuses.join("/")}`,
    async () => {
      const body = await json(api.get(`/api/sessions/${id}`));
      const status = body?.session?.status;
      if (statuses.includes(status)) return body;
      if (settled.includes(status) && !statuses.includes(status)) {
        const assetErrors = [...body.images, ...body.videoClips]
          .map((a: Json) => a.errorMessage)
          .filter(Boolean);
        throw new Error(
          `session ${id} reached ${status} instead of ${statuses.join("/")}: ${body.session.errorMessage ?? ""} ${[...new Set(assetErrors)].join(" | ")}`,
        );
      }
      return undefined;
    },
    ms,
  );
}

/** Downloads a media URL as the owner would; S3 answers with a presigned redirect, which is followed. */
export async function download(
  api: Api,
  baseUrl: string,
  url: string,
): Promise<{ res: Response; bytes: Buffer }> {
  let res = await api.get(url);
  if (res.status === 302) {
    const location = res.headers.get("location")!;
    res = await fetch(new URL(location, baseUrl));
  }
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

export const isPng = (b: Buffer) =>
  b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

export async function imageSize(bytes: Buffer): Promise<string> {
  const m = await sharp(bytes).metadata();
  return `${m.width}x${m.height}`;
}

/** ffprobe of downloaded bytes. */
export async function probeBytes(bytes: Buffer, ext = "mp4") {
  const dir = await mkdtemp(path.join(tmpdir(), "adsmith-probe-"));
  try {
    const file = path.join(dir, `file.${ext}`);
    await writeFile(file, bytes);
    return await probe(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A product photo for uploads: a real PNG/JPEG/WebP drawn with sharp. */
export async function productPhoto(
  format: "png" | "jpeg" | "webp" = "png",
  size = 320,
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <rect width="100%" height="100%" fill="#f4f1ec"/>
    <ellipse cx="${size / 2}" cy="${size * 0.6}" rx="${size * 0.35}" ry="${size * 0.18}" fill="#e85d8a"/>
    <rect x="${size * 0.3}" y="${size * 0.35}" width="${size * 0.4}" height="${size * 0.2}" rx="12" fill="#ffffff"/>
  </svg>`;
  return sharp(Buffer.from(svg))[format]().toBuffer();
}

export function photoForm(
  bytes: Buffer,
  name = "photo.png",
  type = "image/png",
  field = "file",
): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}

/** Row counts and the newest updated_at of the tables a request could change. */
export async function snapshot(): Promise<Record<string, unknown>> {
  const rows = await db().execute(sql`select
    (select count(*) from sessions)::int as sessions,
    (select count(*) from assets)::int as assets,
    (select count(*) from generation_costs)::int as costs,
    (select count(*) from idempotency_keys)::int as idempotency_keys,
    (select count(*) from pgboss.job)::int as jobs,
    (select max(updated_at)::text from sessions) as sessions_updated,
    (select max(updated_at)::text from assets) as assets_updated,
    (select string_agg(id::text || ':' || coalesce(estimated_cost::text, '-') || ':' || coalesce(deleted_at::text, '-'), ',' order by id) from sessions) as session_fields`);
  return { ...(rows as unknown as Record<string, unknown>[])[0] };
}

export { apiClient, createTestUser };

/** Creates an ad and starts its image stage; returns its id. */
export async function startAd(api: Api, body: Record<string, unknown> = {}): Promise<string> {
  const created = await json(
    api.post("/api/sessions", {
      productPrompt: "pink tennis shoes with white laces",
      numImages: 4,
      ...body,
    }),
  );
  if (!created?.session?.id)
    throw new Error(`could not create a session: ${JSON.stringify(created)}`);
  const res = await api.post(`/api/sessions/${created.session.id}/generate-images`, {});
  if (res.status !== 202)
    throw new Error(`generate-images answered ${res.status}: ${await res.text()}`);
  return created.session.id;
}

/** Runs an ad to clip review: images, the first two approved, clips of `seconds`. */
export async function adWithClips(
  api: Api,
  seconds = 2,
  body: Record<string, unknown> = {},
): Promise<Json> {
  const id = await startAd(api, body);
  const detail = await waitForStatus(api, id, ["reviewing_images"]);
  const chosen = detail.images.slice(0, 2).map((a: Json) => a.id);
  const approved = await api.put(`/api/sessions/${id}/approved-images`, { assetIds: chosen });
  if (approved.status !== 200)
    throw new Error(`approve answered ${approved.status}: ${await approved.text()}`);
  await api.post(`/api/sessions/${id}/generate-clips`, {
    videoPrompt: "a slow turn",
    clipDurationSeconds: seconds,
  });
  return waitForStatus(api, id, ["reviewing_videos", "failed"], 180_000);
}

/** PATCH with the harness user's cookie (the shared apiClient has no patch). */
export function patch(h: Harness, path: string, body: unknown): Promise<Response> {
  return fetch(`${h.server.url}${path}`, {
    method: "PATCH",
    headers: { cookie: h.user.cookie, "content-type": "application/json", origin: h.server.url },
    body: JSON.stringify(body),
  });
}
