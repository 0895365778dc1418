import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startS3rver, type TestS3 } from "@/tests/support/s3rver";
import { storageContract } from "@/tests/support/storage-contract";
import { createS3Storage } from "./s3";
import type { Storage } from "./types";

const connect = (s3: TestS3, overrides: Partial<Parameters<typeof createS3Storage>[0]> = {}) =>
  createS3Storage({ forcePathStyle: true, ...s3, ...overrides });

storageContract("s3 (s3rver)", async () => {
  const s3 = await startS3rver();
  return { storage: connect(s3), cleanup: s3.stop };
});

describe("s3 storage", () => {
  let s3: TestS3;
  let store: Storage;
  const data = randomBytes(3 * 1024 * 1024 + 11);
  const key = "sessions/s/clip.mp4";
  const request = (method = "GET", k = key) =>
    new Request(`http://app.test/api/media/${k}`, { method });

  beforeAll(async () => {
    s3 = await startS3rver();
    store = connect(s3);
    await store.putBuffer(key, data, "video/mp4");
  });
  afterAll(() => s3?.stop());

  test("respond redirects to a short-lived presigned URL that serves the exact bytes", async () => {
    const res = await store.respond(key, request());
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin).toBe(s3.endpoint);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(location.searchParams.get("response-content-type")).toBe("video/mp4");

    const got = await fetch(location);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await got.arrayBuffer()).equals(data)).toBe(true);
  });

  test("the presigned URL honours Range requests (video seeking)", async () => {
    const location = (await store.respond(key, request())).headers.get("location")!;
    const got = await fetch(location, { headers: { range: "bytes=1000-1999" } });
    expect(got.status).toBe(206);
    expect(got.headers.get("content-range")).toBe(`bytes 1000-1999/${data.length}`);
    expect(Buffer.from(await got.arrayBuffer()).equals(data.subarray(1000, 2000))).toBe(true);
  });

  test("HEAD is answered directly with size and type (a presigned GET cannot answer HEAD)", async () => {
    const res = await store.respond(key, request("HEAD"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(data.length));
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect((await store.respond("sessions/s/missing.mp4", request("HEAD"))).status).toBe(404);
  });

  test("invalid keys → 404 and other methods → 405 without touching the bucket", async () => {
    expect((await store.respond("../x", request())).status).toBe(404);
    expect((await store.respond("%2e%2e/x", request())).status).toBe(404);
    expect((await store.respond(key, request("DELETE"))).status).toBe(405);
  });

  test("the type stored follows the key's extension, whatever the caller said", async () => {
    await store.putBuffer("sessions/s/voice.mp3", Buffer.from("x"), "audio/mp3");
    expect(await store.head("sessions/s/voice.mp3")).toEqual({
      size: 1,
      contentType: "audio/mpeg",
    });
  });

  test("check() names a missing bucket", async () => {
    const missing = connect(s3, { bucket: "no-such-bucket" });
    await expect(missing.check()).rejects.toThrow(
      `S3 bucket "no-such-bucket" at ${s3.endpoint} is not usable: the bucket does not exist`,
    );
  });

  // s3rver checks the access key id but not V4 signatures, so an unknown id stands in for
  // wrong credentials here.
  test("check() names bad credentials", async () => {
    const wrong = connect(s3, { accessKeyId: "NOT-A-KEY" });
    await expect(wrong.check()).rejects.toThrow(/is not usable: access denied/);
  });

  test("check() names an unreachable endpoint", async () => {
    const down = connect(s3, { endpoint: "http://127.0.0.1:9" });
    await expect(down.check()).rejects.toThrow(
      /S3 bucket "test-media" at http:\/\/127\.0\.0\.1:9 is not usable: .+/,
    );
  });

  test("half a key pair is a configuration error", () => {
    expect(() => connect(s3, { secretAccessKey: undefined })).toThrow(/must be set together/);
  });
});
