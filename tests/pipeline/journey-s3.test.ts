// The same journey with media in S3 (s3rver on loopback): every file is stored in the bucket
// and served to its owner by a presigned redirect. lib/env and storage() read the S3 settings
// once, so they are set before anything from the app is imported.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startS3rver } from "../support/s3rver";

const s3 = await startS3rver({ bucket: "adsmith-journey" });
Object.assign(process.env, {
  S3_BUCKET: s3.bucket,
  S3_ENDPOINT: s3.endpoint,
  S3_REGION: s3.region,
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
});
const { storage } = await import("@/lib/storage");
const { apiClient, createTestUser, startHarness } = await import("./support/harness");
const { runJourney } = await import("./support/journey");

let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
  await s3.stop();
});

test("with S3 storage the journey stores every file in the bucket and serves it by presigned redirect", async () => {
  expect(storage().kind).toBe("s3");
  const { detail } = await runJourney(h, { clipDurationSeconds: 4, numImages: 4 });
  for (const asset of [...detail.images, ...detail.videoClips]) {
    const stored = await storage().head(asset.url.replace("/api/media/", ""));
    expect(stored?.size).toBe(asset.fileSizeBytes);
    const res = await h.api.get(asset.url);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain(s3.endpoint);
  }
  const mallory = apiClient(h.server.url, await createTestUser("mallory"));
  expect((await mallory.get(detail.videoClips[0].url)).status).toBe(404);
  expect((await h.api.get("/api/health")).status).toBe(200);
});
