// Issue 16, finding 6: per-user quotas. Each limit is met through the API with small limits
// set for the test: past it the answer is 429 (402 for storage) naming the limit, the
// numbers and when it resets or what to do, and nothing is created or changed — no row, no
// job, no file. Two concurrent requests cannot both take a limit of 1; another user is never
// affected; GET /api/usage reports the same numbers.
import "../support/quiet-logs";
import { randomBytes } from "node:crypto";
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { dataDir } from "@/lib/data-dir";
import { db } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { env } from "@/lib/env";
import {
  type Api,
  apiClient,
  createTestUser,
  type Harness,
  type Json,
  json,
  photoForm,
  productPhoto,
  startHarness,
} from "../pipeline/support/harness";
import { dbSnapshot } from "./support/db-snapshot";
import { completedAd } from "./support/world";

type Quota =
  | "QUOTA_ADS_AT_ONCE"
  | "QUOTA_RENDERS_PER_HOUR"
  | "QUOTA_REGENERATIONS_PER_AD"
  | "QUOTA_UPLOADS_PER_HOUR"
  | "QUOTA_STORAGE_MB";
const saved = Object.fromEntries(
  (
    [
      "QUOTA_ADS_AT_ONCE",
      "QUOTA_RENDERS_PER_HOUR",
      "QUOTA_REGENERATIONS_PER_AD",
      "QUOTA_UPLOADS_PER_HOUR",
      "QUOTA_STORAGE_MB",
    ] as Quota[]
  ).map((k) => [k, env[k]]),
) as Record<Quota, number>;
const setLimits = (values: Partial<Record<Quota, number>>) => Object.assign(env, values);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false }); // requests enqueue; nothing runs the jobs
});
afterEach(() => setLimits(saved));
afterAll(() => h?.stop());

async function newUser(name: string) {
  const user = await createTestUser(name);
  return { user, api: apiClient(h.server.url, user) };
}

async function createAd(api: Api): Promise<string> {
  const res = await json(api.post("/api/sessions", { productPrompt: "pink tennis shoes" }));
  expect(res.session?.id).toBeTruthy();
  return res.session.id;
}

const usage = async (api: Api) => (await json(api.get("/api/usage"))).usage;
const statusOf = async (id: string) =>
  (await db().select().from(sessions).where(eq(sessions.id, id)))[0].status;

async function mediaFiles(): Promise<string[]> {
  const root = path.join(dataDir(), "media");
  await mkdir(root, { recursive: true });
  return (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** A refusal: its status, the limit named in the body, and no row, job or file changed. */
async function expectRefused(
  request: () => Promise<Response>,
  want: { status: number; limit: string; message: RegExp },
): Promise<{ body: Json; res: Response }> {
  const [rows, files] = [await dbSnapshot(), await mediaFiles()];
  const res = await request();
  const body = (await json(res)).error;
  expect(res.status, JSON.stringify(body)).toBe(want.status);
  expect(body).toMatchObject({
    code: want.status === 402 ? "storage_full" : "rate_limited",
    limit: want.limit,
  });
  expect(body.message).toMatch(want.message);
  expect(await dbSnapshot()).toEqual(rows);
  expect(await mediaFiles()).toEqual(files);
  return { body, res };
}

/** A PNG of noise: it does not compress, so its size is close to width × height × 3. */
const noisePng = (side: number) =>
  sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();

const upload = (api: Api, id: string, bytes: Buffer) =>
  api.post(`/api/sessions/${id}/uploads`, photoForm(bytes));

const compose = (api: Api, id: string, productName = "Shoes") =>
  api.post(`/api/sessions/${id}/compose`, { productName, callToAction: "Buy now" });

describe("ads being generated at once", () => {
  test("past the limit a start is refused with 429 until one finishes; others are not affected", async () => {
    setLimits({ QUOTA_ADS_AT_ONCE: 2 });
    const alice = await newUser("alice");
    const [a, b, c] = [
      await createAd(alice.api),
      await createAd(alice.api),
      await createAd(alice.api),
    ];
    for (const id of [a, b])
      expect((await alice.api.post(`/api/sessions/${id}/generate-images`, {})).status).toBe(202);

    const { body, res } = await expectRefused(
      () => alice.api.post(`/api/sessions/${c}/generate-images`, {}),
      {
        status: 429,
        limit: "ads_at_once",
        message:
          /You have 2 ads being made at once, the most your account allows \(2\)\. Wait for one to finish, or cancel one/,
      },
    );
    expect(res.headers.get("retry-after")).toBe("60");
    expect(body).toMatchObject({ used: 2, allowed: 2 });
    expect(await statusOf(c)).toBe("created");
    expect((await usage(alice.api)).adsAtOnce).toEqual({ used: 2, limit: 2 });

    // Another user has their own count.
    const bob = await newUser("bob");
    const theirs = await createAd(bob.api);
    expect((await bob.api.post(`/api/sessions/${theirs}/generate-images`, {})).status).toBe(202);
    expect((await usage(bob.api)).adsAtOnce).toEqual({ used: 1, limit: 2 });

    // When one stops, the next may start.
    expect((await alice.api.post(`/api/sessions/${a}/cancel`, {})).status).toBe(200);
    expect((await alice.api.post(`/api/sessions/${c}/generate-images`, {})).status).toBe(202);
    expect(await statusOf(c)).toBe("prompting");
  });

  test("two concurrent starts cannot both pass a limit of 1", async () => {
    setLimits({ QUOTA_ADS_AT_ONCE: 1 });
    for (let round = 0; round < 3; round++) {
      const { api } = await newUser(`race${round}`);
      const ids = await Promise.all([createAd(api), createAd(api), createAd(api)]);
      const answers = await Promise.all(
        ids.map((id) => api.post(`/api/sessions/${id}/generate-images`, {})),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([202, 429, 429]);
      const statuses = await Promise.all(ids.map(statusOf));
      expect(statuses.filter((s) => s === "prompting")).toHaveLength(1);
      expect(statuses.filter((s) => s === "created")).toHaveLength(2);
    }
  });
});

describe("renders per hour", () => {
  test("composes and re-composes count; past the limit 429 says when the next one is possible", async () => {
    setLimits({ QUOTA_RENDERS_PER_HOUR: 2 });
    const alice = await newUser("alice");
    const ad = await completedAd(alice.user, "a green water bottle");
    const finish = () =>
      db().update(sessions).set({ status: "completed" }).where(eq(sessions.id, ad.session.id));

    expect((await compose(alice.api, ad.session.id, "Bottle")).status).toBe(202);
    await finish(); // as the compose job would
    expect((await compose(alice.api, ad.session.id, "Bottle, again")).status).toBe(202);
    await finish();
    // A repeat of the request that made the current video starts nothing and counts nothing.
    expect((await compose(alice.api, ad.session.id, "Bottle, again")).status).toBe(202);

    const { body, res } = await expectRefused(() => compose(alice.api, ad.session.id, "Third"), {
      status: 429,
      limit: "renders_per_hour",
      message:
        /You have composed 2 videos in the last hour, the most your account allows \(2 an hour\)\. You can compose again in (59|60) minutes\./,
    });
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(body).toMatchObject({ used: 2, allowed: 2, retryAfter });
    const resetsAt = Date.parse(body.resetsAt);
    expect(Math.abs(resetsAt - (Date.now() + retryAfter * 1000))).toBeLessThan(5_000);
    expect(await statusOf(ad.session.id)).toBe("completed");

    const u = (await usage(alice.api)).rendersPerHour;
    expect(u).toMatchObject({ used: 2, limit: 2 });
    expect(Math.abs(Date.parse(u.resetsAt) - resetsAt)).toBeLessThan(2_000);

    const bob = await newUser("bob");
    const theirs = await completedAd(bob.user, "a red mug");
    expect((await compose(bob.api, theirs.session.id)).status).toBe(202);
    expect((await usage(bob.api)).rendersPerHour).toMatchObject({ used: 1, limit: 2 });
  });

  test("two concurrent composes cannot both pass a limit of 1", async () => {
    setLimits({ QUOTA_RENDERS_PER_HOUR: 1 });
    const alice = await newUser("alice");
    const ads = await Promise.all([
      completedAd(alice.user, "a blue chair"),
      completedAd(alice.user, "a yellow lamp"),
    ]);
    const answers = await Promise.all(ads.map((ad) => compose(alice.api, ad.session.id)));
    expect(answers.map((r) => r.status).sort()).toEqual([202, 429]);
    const statuses = await Promise.all(ads.map((ad) => statusOf(ad.session.id)));
    expect(statuses.sort()).toEqual(["completed", "composing"]);
  });
});

describe("regenerations per ad", () => {
  test("past the limit a new take is refused with 429 that says it is per ad; the next ad has its own", async () => {
    setLimits({ QUOTA_REGENERATIONS_PER_AD: 2 });
    const alice = await newUser("alice");
    const ad = await completedAd(alice.user, "a leather bag");
    const regenerate = (assetId: string) =>
      alice.api.post(`/api/assets/${assetId}/regenerate`, { seed: "new" });
    expect((await regenerate(ad.images[2].id)).status).toBe(202);
    expect((await regenerate(ad.images[2].id)).status).toBe(202); // the take in progress again
    expect((await regenerate(ad.images[3].id)).status).toBe(202);

    const { body, res } = await expectRefused(() => regenerate(ad.images[1].id), {
      status: 429,
      limit: "regenerations_per_ad",
      message:
        /This ad has had 2 images and clips made again, the most one ad allows \(2\)\. .*start a new ad/,
    });
    expect(body).toMatchObject({ used: 2, allowed: 2 });
    expect(res.headers.get("retry-after")).toBeNull(); // it does not reset by waiting
    expect((await usage(alice.api)).regenerationsPerAd).toEqual({ used: 2, limit: 2 });

    const next = await completedAd(alice.user, "a canvas bag");
    expect((await regenerate(next.clips[0].id)).status).toBe(202);
  });

  test("two concurrent new takes of one ad cannot both pass a limit of 1", async () => {
    setLimits({ QUOTA_REGENERATIONS_PER_AD: 1 });
    const alice = await newUser("alice");
    const ad = await completedAd(alice.user, "a wool scarf");
    const answers = await Promise.all(
      [ad.images[2], ad.images[3]].map((a) =>
        alice.api.post(`/api/assets/${a.id}/regenerate`, { seed: "new" }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([202, 429]);
    expect((await usage(alice.api)).regenerationsPerAd.used).toBe(1);
  });
});

describe("uploads per hour", () => {
  test("past the limit an upload is refused with 429 and the file is not kept", async () => {
    setLimits({ QUOTA_UPLOADS_PER_HOUR: 2 });
    const alice = await newUser("alice");
    const id = await createAd(alice.api);
    const photo = await productPhoto();
    expect((await upload(alice.api, id, photo)).status).toBe(201);
    expect((await upload(alice.api, id, photo)).status).toBe(201); // a replacement counts too

    const { res, body } = await expectRefused(() => upload(alice.api, id, photo), {
      status: 429,
      limit: "uploads_per_hour",
      message:
        /You have uploaded 2 files \(product photos and logos\) in the last hour, the most your account allows \(2 an hour\)\. You can upload again in (59|60) minutes\./,
    });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(3500);
    expect(body).toMatchObject({ used: 2, allowed: 2 });
    expect((await usage(alice.api)).uploadsPerHour).toMatchObject({ used: 2, limit: 2 });
    // At the limit the file is not even read: a broken one gets the 429, not a 400 about it.
    await expectRefused(() => upload(alice.api, id, Buffer.from("not an image")), {
      status: 429,
      limit: "uploads_per_hour",
      message: /You have uploaded 2 files/,
    });

    const bob = await newUser("bob");
    expect((await upload(bob.api, await createAd(bob.api), photo)).status).toBe(201);
  });

  test("brand logos count too, and a refused logo is not read or decoded (issue 16.6, re-check)", async () => {
    setLimits({ QUOTA_UPLOADS_PER_HOUR: 2 });
    const alice = await newUser("alice");
    const logo = (bytes: Buffer) => alice.api.post("/api/brand/logo", photoForm(bytes));
    const photo = await productPhoto();
    expect((await logo(photo)).status).toBe(201);
    expect((await upload(alice.api, await createAd(alice.api), photo)).status).toBe(201);
    const files = (await mediaFiles()).length;
    for (const send of [() => logo(photo), () => logo(Buffer.from("not even an image"))]) {
      const { res } = await expectRefused(send, {
        status: 429,
        limit: "uploads_per_hour",
        message: /You have uploaded 2 files \(product photos and logos\) in the last hour/,
      });
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(3500);
    }
    expect((await mediaFiles()).length).toBe(files);
    expect((await usage(alice.api)).uploadsPerHour).toMatchObject({ used: 2, limit: 2 });
  });

  test("two concurrent uploads cannot both pass a limit of 1", async () => {
    setLimits({ QUOTA_UPLOADS_PER_HOUR: 1 });
    const alice = await newUser("alice");
    const ids = await Promise.all([createAd(alice.api), createAd(alice.api)]);
    const photo = await productPhoto();
    const files = (await mediaFiles()).length;
    const answers = await Promise.all(ids.map((id) => upload(alice.api, id, photo)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 429]);
    expect((await mediaFiles()).length).toBe(files + 1);
  });
});

describe("storage per user", () => {
  test("an upload that would pass the limit is refused with 402; over it, new work is too, until ads are deleted", async () => {
    setLimits({ QUOTA_STORAGE_MB: 2 });
    const alice = await newUser("alice");
    const photo = await noisePng(700); // ~1.4 MB
    const first = await createAd(alice.api);
    expect((await upload(alice.api, first, photo)).status).toBe(201);
    // A replaced photo is no longer counted.
    expect((await upload(alice.api, first, photo)).status).toBe(201);
    const used = (await usage(alice.api)).storageBytes;
    expect(used.limit).toBe(2 * 1024 * 1024);
    expect(used.used).toBeGreaterThan(1.3 * 1024 * 1024);
    expect(used.used).toBeLessThan(1.6 * 1024 * 1024);

    const second = await createAd(alice.api);
    const { body } = await expectRefused(() => upload(alice.api, second, photo), {
      status: 402,
      limit: "storage",
      message:
        /This photo \(1\.\d MB\) would take your ads to 2\.\d MB of storage, over your account's 2\.0 MB\. Delete ads you no longer need/,
    });
    expect(body).toMatchObject({ used: used.used, allowed: 2 * 1024 * 1024 });

    // Over the limit (lowered here; generated files can pass it too): new ads and new work wait.
    setLimits({ QUOTA_STORAGE_MB: 1 });
    const over = /Your ads use 1\.\d MB of storage, your account's limit is 1\.0 MB\. Delete ads/;
    await expectRefused(() => alice.api.post("/api/sessions", { productPrompt: "one more ad" }), {
      status: 402,
      limit: "storage",
      message: over,
    });
    await expectRefused(() => alice.api.post(`/api/sessions/${first}/generate-images`, {}), {
      status: 402,
      limit: "storage",
      message: over,
    });

    const bob = await newUser("bob");
    expect((await bob.api.post("/api/sessions", { productPrompt: "a mug" })).status).toBe(201);

    expect((await alice.api.delete(`/api/sessions/${first}`)).status).toBe(204);
    expect((await usage(alice.api)).storageBytes).toEqual({ used: 0, limit: 1024 * 1024 });
    expect((await alice.api.post(`/api/sessions/${second}/generate-images`, {})).status).toBe(202);
  });

  test("two concurrent uploads cannot both fit in the storage left", async () => {
    setLimits({ QUOTA_STORAGE_MB: 2 });
    const alice = await newUser("alice");
    const ids = await Promise.all([createAd(alice.api), createAd(alice.api)]);
    const photo = await noisePng(700); // ~1.4 MB each: one fits, two do not
    const answers = await Promise.all(ids.map((id) => upload(alice.api, id, photo)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 402]);
    expect((await usage(alice.api)).storageBytes.used).toBeLessThan(2 * 1024 * 1024);
  });
});

describe("GET /api/usage", () => {
  test("a new user's usage is all zero with the configured limits; it is one's own only", async () => {
    const { api } = await newUser("fresh");
    expect(await usage(api)).toEqual({
      adsAtOnce: { used: 0, limit: env.QUOTA_ADS_AT_ONCE },
      rendersPerHour: { used: 0, limit: env.QUOTA_RENDERS_PER_HOUR, resetsAt: null },
      regenerationsPerAd: { used: 0, limit: env.QUOTA_REGENERATIONS_PER_AD },
      uploadsPerHour: { used: 0, limit: env.QUOTA_UPLOADS_PER_HOUR, resetsAt: null },
      storageBytes: { used: 0, limit: env.QUOTA_STORAGE_MB * 1024 * 1024 },
    });
    const signedOut = await fetch(`${h.server.url}/api/usage`);
    expect(signedOut.status).toBe(401);
  });

  test("the numbers of a user with work, files and takes", async () => {
    const alice = await newUser("alice");
    const ad = await completedAd(alice.user, "a silver watch");
    await alice.api.post(`/api/assets/${ad.images[3].id}/regenerate`, { seed: "new" });
    expect((await compose(alice.api, ad.session.id)).status).toBe(202);
    const id = await createAd(alice.api);
    const uploaded = await json(upload(alice.api, id, await productPhoto()));
    const u = await usage(alice.api);
    expect(u.adsAtOnce.used).toBe(1); // the composing ad
    expect(u.rendersPerHour.used).toBe(1);
    expect(u.regenerationsPerAd.used).toBe(1);
    expect(u.uploadsPerHour.used).toBe(1);
    const files = [...ad.images, ...ad.clips, ad.final!].reduce(
      (n, a) => n + (a.fileSizeBytes ?? 0),
      0,
    );
    expect(u.storageBytes.used).toBe(files + uploaded.asset.fileSizeBytes);
  });
});
