// The storage lifecycle with media in S3 (s3rver on loopback, a bucket of this file's own).
// lib/env and storage() read the S3 settings once, so they are set before the app is imported.
import { afterAll } from "vitest";
import { startS3rver } from "../support/s3rver";

const s3 = await startS3rver({ bucket: "adsmith-lifecycle" });
Object.assign(process.env, {
  S3_BUCKET: s3.bucket,
  S3_ENDPOINT: s3.endpoint,
  S3_REGION: s3.region,
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
});
const { lifecycleSuite } = await import("./lifecycle-suite");

afterAll(() => s3.stop()); // registered first: runs last
lifecycleSuite("s3");
