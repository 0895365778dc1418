// The storage lifecycle against one backend (local disk or s3rver), run by
// lifecycle-local.test.ts and lifecycle-s3.test.ts. Real ads made through the API and the
// worker (composed twice, a product photo replaced) and a few rows seeded where the API
// would need the paid pipeline (takes of an image). The storage is private to the file, so
// the sweep sees only what these tests made.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { countStorageDeletions } from "@/lib/db/queries/storage-deletions";
import { assets, sessions } from "@/lib/db/schema";
import { storageRetentionJob, storageSweepJob } from "@/lib/pipeline/job-defs";
import { scheduleStorageJobs } from "@/lib/pipeline/jobs/storage-jobs";
import { startWorker, stopWorker } from "@/lib/pipeline/worker";
import { mediaKey, mediaUrl, type Storage, storage } from "@/lib/storage";
import { purgeSessionFiles } from "@/lib/storage/lifecycle/purge-session";
import { applyRetention } from "@/lib/storage/lifecycle/retention";
import { sweepStorage } from "@/lib/storage/lifecycle/sweep";
import { seedSessionAtClipReview } from "../compose/seed";
import {
  type apiClient,
  createTestUser,
  type Harness,
  type Json,
  json,
  photoForm,
  productPhoto,
  startHarness,
  waitFor,
  waitForStatus,
} from "../pipeline/support/harness";

const DAY = 86_400_000;
const later = (ms: number) => new Date(Date.now() + ms);

/** Every key under a folder, in the order storage lists them. */
async function keysUnder(prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of storage().list(prefix)) out.push(o.key);
  return out;
}

/** An image row with a file, as the image stage leaves one (bytes are what storage sees). */
async function seedImage(
  sessionId: string,
  status: "completed" | "rejected" | "approved",
  metadata: Record<string, unknown> = {},
) {
  const id = randomUUID();
  const key = mediaKey(sessionId, id, "png");
  const { size } = await storage().putBuffer(key, await productPhoto("png", 64), "image/png");
  await db()
    .insert(assets)
    .values({
      id,
      sessionId,
      type: "image",
      source: "local-image",
      status,
      url: mediaUrl(key),
      storagePath: key,
      fileSizeBytes: size,
      mimeType: "image/png",
      metadata,
    });
  return { id, key };
}

/** A store that fails every delete after the first `n`, like a worker killed midway. */
function failingAfter(n: number, store: Storage): Storage {
  let calls = 0;
  return {
    ...store,
    async delete(key) {
      if (++calls > n) throw new Error("injected: the worker died here");
      await store.delete(key);
    },
  };
}

export function lifecycleSuite(kind: "local" | "s3") {
  let h: Harness;
  let api: ReturnType<typeof apiClient>;
  /** User A's composed ad (two 9:16 videos: the first is superseded by the second). */
  let ad: Json;
  /** User A's ad whose product photo was replaced. */
  let photoAd: string;
  /** User B's ad: nothing here may touch it. */
  let other: { id: string; keys: string[] };
  let firstVideo: Json;

  beforeAll(async () => {
    h = await startHarness();
    api = h.api;
    expect(storage().kind).toBe(kind);
    const seeded = await seedSessionAtClipReview(h.user.id, { clips: 2, seconds: 1 });
    const body = {
      productName: "Pink Runner",
      callToAction: "Shop now",
      backgroundMusic: { enabled: true, genre: "upbeat" },
    };
    expect((await api.post(`/api/sessions/${seeded.id}/compose`, body)).status).toBe(202);
    const first = await waitForStatus(api, seeded.id, ["completed"], 180_000);
    firstVideo = first.finalVideos[0];
    const again = { ...body, productName: "Pink Runner II" };
    expect((await api.post(`/api/sessions/${seeded.id}/compose`, again)).status).toBe(202);
    ad = await waitFor(
      "the second video",
      async () => {
        const d = await json(api.get(`/api/sessions/${seeded.id}`));
        return d.session.status === "completed" && d.finalVideos.length === 2 ? d : undefined;
      },
      180_000,
    );

    photoAd = (await json(api.post("/api/sessions", { productPrompt: "a ceramic mug" }))).session
      .id;
    for (const size of [200, 240]) {
      const res = await api.post(
        `/api/sessions/${photoAd}/uploads`,
        photoForm(await productPhoto("png", size)),
      );
      expect(res.status).toBe(201);
    }

    const b = await createTestUser("bystander");
    const theirs = await seedSessionAtClipReview(b.id, { clips: 2, seconds: 1 });
    other = { id: theirs.id, keys: await keysUnder(`sessions/${theirs.id}/`) };
    expect(other.keys).toHaveLength(2);
  }, 420_000);
  afterAll(() => h?.stop());

  /** User B's files are all there, byte for byte the size they were. */
  async function bystanderUntouched() {
    expect(await keysUnder(`sessions/${other.id}/`)).toEqual(other.keys);
    for (const key of other.keys) expect(await storage().head(key)).not.toBeNull();
  }

  test("the periodic jobs are scheduled with pg-boss: retention hourly, the sweep daily", async () => {
    await scheduleStorageJobs();
    await scheduleStorageJobs(); // every worker process does it at start: an upsert
    const rows = await db().execute<{ name: string; cron: string; data: unknown }>(
      sql`select name, cron, data from pgboss.schedule where name like 'storage-%' order by name`,
    );
    expect([...rows].map(({ name, cron }) => ({ name, cron }))).toEqual([
      { name: "storage-retention", cron: "17 * * * *" },
      { name: "storage-sweep", cron: "41 3 * * *" },
    ]);
    // When the time comes pg-boss sends the schedule's data as the job's payload, and the
    // worker checks it first: a payload it refuses means the job never runs (issue 16.7,
    // re-check: the schedules had no data, every payload was null and refused).
    for (const { name, data } of rows) {
      const job = name === "storage-retention" ? storageRetentionJob : storageSweepJob;
      expect(job.schema.safeParse(data).success, name).toBe(true);
      expect(job.schema.safeParse(null).success, `${name}, scheduled without data`).toBe(true);
    }
  });

  test("listing returns an ad's files in key order", async () => {
    const keys = await keysUnder(`sessions/${ad.session.id}/`);
    // 2 clips, the music, and each video with its poster and thumbnail
    expect(keys).toHaveLength(2 + 1 + 2 * 3);
    expect(keys).toEqual([...keys].sort());
    for (const v of ad.finalVideos) {
      expect(keys).toContain(v.url.replace("/api/media/", ""));
      expect(keys).toContain(v.metadata.posterUrl.replace("/api/media/", ""));
    }
  });

  test("retention removes only superseded files, and only once they are older than it", async () => {
    const id = ad.session.id;
    const original = await seedImage(id, "completed");
    const notKept = await seedImage(id, "rejected", { replaces: original.id });
    const setAside = await seedImage(id, "rejected"); // the marketer's own pile: no take pair
    const photoBefore = await keysUnder(`sessions/${photoAd}/`);
    expect(photoBefore).toHaveLength(2); // the replaced photo is still stored

    const store = storage();
    for (const now of [new Date(), later(29 * DAY)]) {
      expect(await applyRetention({ store, now, days: 30 })).toEqual({
        uploads: 0,
        takes: 0,
        finalVideos: 0,
        removed: 0,
      });
    }
    const result = await applyRetention({ store, now: later(31 * DAY), days: 30 });
    expect(result).toEqual({ uploads: 1, takes: 1, finalVideos: 1, removed: 1 + 1 + 3 });

    const old = firstVideo.url.replace("/api/media/", "");
    expect(old).not.toBe(ad.finalVideos.find((v: Json) => v.id === ad.session.finalVideoId).url);
    const left = await keysUnder(`sessions/${id}/`);
    expect(left).not.toContain(old);
    expect(left).not.toContain(firstVideo.metadata.posterUrl.replace("/api/media/", ""));
    expect(left).not.toContain(notKept.key);
    expect(left).toContain(original.key);
    expect(left).toContain(setAside.key);
    expect(left).toHaveLength(2 + 1 + 3 + 2);

    // What the marketer sees: the main video, still playable; the photo they chose.
    const detail = await json(api.get(`/api/sessions/${id}`));
    expect(detail.finalVideos.map((v: Json) => v.id)).toEqual([ad.session.finalVideoId]);
    expect((await api.get(detail.finalVideos[0].url)).status).toBeLessThan(400);
    const photo = await json(api.get(`/api/sessions/${photoAd}`));
    expect(await keysUnder(`sessions/${photoAd}/`)).toEqual([
      photo.productPhoto.url.replace("/api/media/", ""),
    ]);
    // A second pass finds nothing more to do.
    expect(await applyRetention({ store, now: later(31 * DAY), days: 30 })).toMatchObject({
      uploads: 0,
      takes: 0,
      finalVideos: 0,
    });
    await bystanderUntouched();
  });

  test("the sweep removes orphans (not young ones), reports missing files, leaves others' alone", async () => {
    const store = storage();
    const id = ad.session.id;
    const orphan = mediaKey(id, randomUUID(), "mp4");
    await store.putBuffer(orphan, Buffer.from("left by a crashed render"), "video/mp4");
    // A deleted ad's file nobody recorded (a job was writing it at the moment of the delete).
    const [gone] = await db()
      .insert(sessions)
      .values({ userId: h.user.id, deletedAt: sql`now()` })
      .returning();
    const leftover = mediaKey(gone.id, randomUUID(), "png");
    await store.putBuffer(leftover, Buffer.from("late"), "image/png");
    // A folder this database never had: not ours to judge.
    const foreign = mediaKey(randomUUID(), randomUUID(), "png");
    await store.putBuffer(foreign, Buffer.from("someone else's"), "image/png");
    // A live clip whose file went away.
    const clip = ad.videoClips[0];
    const lost = clip.url.replace("/api/media/", "");
    await store.delete(lost);

    const young = await sweepStorage({ store, graceMinutes: 60 });
    expect(young.orphans).toEqual([{ key: leftover, reason: "deleted ad", ageMinutes: 0 }]);
    expect(young.young).toBe(1);
    expect(young.missing).toEqual([{ key: lost, sessionId: id, assetId: clip.id }]);
    expect(young.unrecognised).toEqual([foreign]);
    expect(await store.head(orphan)).not.toBeNull();

    const dry = await sweepStorage({
      store,
      graceMinutes: 60,
      now: later(61 * 60_000),
      dryRun: true,
    });
    expect(dry.orphans.map((o) => o.key)).toEqual([orphan]);
    expect(dry.removed).toBe(0);
    expect(await store.head(orphan)).not.toBeNull();

    const swept = await sweepStorage({ store, graceMinutes: 60, now: later(61 * 60_000) });
    expect(swept.orphans).toEqual([{ key: orphan, reason: "no row", ageMinutes: 61 }]);
    expect(swept.removed).toBe(1);
    expect(await store.head(orphan)).toBeNull();
    expect(await store.head(foreign)).not.toBeNull();
    expect(swept.missing.map((m) => m.key)).toEqual([lost]);
    await bystanderUntouched();

    const after = await sweepStorage({ store, graceMinutes: 0 });
    expect(after.orphans).toEqual([]);
    await store.delete(foreign);
  });

  test("deleting an ad removes all its files within the job run; the other user's stay", async () => {
    const id = ad.session.id;
    expect((await keysUnder(`sessions/${id}/`)).length).toBeGreaterThan(5);
    const t = Date.now();
    expect((await api.delete(`/api/sessions/${id}`)).status).toBe(204);
    await waitFor(
      "the ad's folder to empty",
      async () => (await keysUnder(`sessions/${id}/`)).length === 0,
      60_000,
    );
    await waitFor(
      "its deletion rows to go",
      async () => (await countStorageDeletions({ sessionId: id })) === 0,
      10_000,
    );
    expect(Date.now() - t).toBeLessThan(60_000);
    // Soft delete, as the schema document says: the rows stay, hidden.
    const [row] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(row.deletedAt).not.toBeNull();
    await bystanderUntouched();
    const sweep = await sweepStorage({ store: storage(), graceMinutes: 0, dryRun: true });
    expect(sweep.orphans).toEqual([]);
  });

  test("a deletion killed midway is finished by the job, with nothing left behind", async () => {
    const seeded = await seedSessionAtClipReview(h.user.id, { clips: 3, seconds: 1 });
    for (let i = 0; i < 3; i++) await seedImage(seeded.id, "completed");
    const before = await keysUnder(`sessions/${seeded.id}/`);
    expect(before).toHaveLength(6);

    await stopWorker(2_000); // the job waits in the queue while a "worker" dies midway
    expect((await api.delete(`/api/sessions/${seeded.id}`)).status).toBe(204);
    expect(await countStorageDeletions({ sessionId: seeded.id })).toBe(6);
    await expect(
      purgeSessionFiles({ store: failingAfter(2, storage()), sessionId: seeded.id }),
    ).rejects.toThrow(/injected/);
    expect(await keysUnder(`sessions/${seeded.id}/`)).toHaveLength(4);
    expect(await countStorageDeletions({ sessionId: seeded.id })).toBe(4);
    const [failed] = await db().execute<{ attempts: number; last_error: string }>(
      sql`select attempts, last_error from storage_deletions where attempts > 0`,
    );
    expect(failed).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/injected/) });

    await startWorker(); // the queued job runs: the rest goes
    await waitFor(
      "the rest of the ad's files to go",
      async () => (await keysUnder(`sessions/${seeded.id}/`)).length === 0,
      60_000,
    );
    await waitFor(
      "its deletion rows to go",
      async () => (await countStorageDeletions({ sessionId: seeded.id })) === 0,
      10_000,
    );
    await bystanderUntouched();
  });
}
