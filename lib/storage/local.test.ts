import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readlink, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { storageContract } from "@/tests/support/storage-contract";
import { createLocalStorage } from "./local";
import type { Storage } from "./types";

storageContract("local", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "local-storage-"));
  return {
    storage: createLocalStorage({ root }),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

describe("local storage files", () => {
  let root: string;
  let store: Storage;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "local-files-"));
    store = createLocalStorage({ root: path.join(root, "media") }); // root need not exist yet
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  test("keys map to files under the root, with no temp files left behind", async () => {
    await store.putBuffer("sessions/s1/a.png", Buffer.from("png"), "image/png");
    expect(existsSync(path.join(root, "media", "sessions", "s1", "a.png"))).toBe(true);
    expect(await readdir(path.join(root, "media", "sessions", "s1"))).toEqual(["a.png"]);
  });

  test("a failed putFile leaves neither the object nor a temp file", async () => {
    await expect(
      store.putFile("sessions/s2/a.mp4", path.join(root, "no-such-file"), "video/mp4"),
    ).rejects.toThrow();
    expect(await store.head("sessions/s2/a.mp4")).toBeNull();
    expect(await readdir(path.join(root, "media", "sessions", "s2"))).toEqual([]);
  });

  test("check() explains an unusable root", async () => {
    const file = path.join(root, "a-file");
    await writeFile(file, "not a folder");
    const broken = createLocalStorage({ root: path.join(file, "media") });
    await expect(broken.check()).rejects.toThrow(
      /Local media storage at .*a-file.* is not writable/,
    );
  });
});

describe("local respond", () => {
  let root: string;
  let store: Storage;
  const data = randomBytes(1000);
  const key = "sessions/s/clip.mp4";
  const get = (headers: Record<string, string> = {}, method = "GET", k = key) =>
    store.respond(k, new Request(`http://app.test/api/media/${k}`, { method, headers }));
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "local-respond-"));
    store = createLocalStorage({ root });
    await store.putBuffer(key, data, "video/mp4");
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  test("GET serves the whole file with validators and private caching", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("content-length")).toBe("1000");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("cache-control")).toBe("private");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    expect(Date.parse(res.headers.get("last-modified")!)).not.toBeNaN();
    expect(res.headers.get("content-range")).toBeNull();
    expect((await bytes(res)).equals(data)).toBe(true);
  });

  test.each([
    ["bytes=0-0", 0, 0],
    ["bytes=10-19", 10, 19],
    ["bytes=990-5000", 990, 999], // end past the file is clamped
    ["bytes=500-", 500, 999], // open-ended
    ["bytes=-100", 900, 999], // suffix
    ["bytes=-5000", 0, 999], // suffix longer than the file
    ["bytes=999-999", 999, 999],
  ])("Range %s → 206 with exactly bytes %i-%i", async (range, start, end) => {
    const res = await get({ range });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers.get("content-length")).toBe(String(end - start + 1));
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect((await bytes(res)).equals(data.subarray(start, end + 1))).toBe(true);
  });

  test.each(["bytes=1000-", "bytes=1000-2000", "bytes=-0"])("Range %s → 416", async (range) => {
    const res = await get({ range });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe("bytes */1000");
  });

  test.each(["bytes=5-1", "bytes=0-1,5-6", "items=0-5", "bytes=x-y", "bytes=-"])(
    "Range %s is ignored → 200 whole file",
    async (range) => {
      const res = await get({ range });
      expect(res.status).toBe(200);
      expect((await bytes(res)).equals(data)).toBe(true);
    },
  );

  test("HEAD answers the headers without a body", async () => {
    const res = await get({}, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe("1000");
    expect(res.body).toBeNull();
    const partial = await get({ range: "bytes=0-9" }, "HEAD");
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe("bytes 0-9/1000");
    expect(partial.headers.get("content-length")).toBe("10");
    expect(partial.body).toBeNull();
  });

  test("If-None-Match with the current ETag → 304; If-Range with a stale one → whole file", async () => {
    const etag = (await get({}, "HEAD")).headers.get("etag")!;
    const cached = await get({ "if-none-match": etag });
    expect(cached.status).toBe(304);
    expect(cached.body).toBeNull();
    expect((await get({ "if-none-match": '"other"' })).status).toBe(200);

    expect((await get({ range: "bytes=0-9", "if-range": etag })).status).toBe(206);
    const stale = await get({ range: "bytes=0-9", "if-range": '"stale"' });
    expect(stale.status).toBe(200);
    expect((await bytes(stale)).equals(data)).toBe(true);
  });

  test("If-Modified-Since at or after the file's time → 304", async () => {
    const lastModified = (await get({}, "HEAD")).headers.get("last-modified")!;
    expect((await get({ "if-modified-since": lastModified })).status).toBe(304);
    expect((await get({ "if-modified-since": new Date(0).toUTCString() })).status).toBe(200);
  });

  test.each([
    ["png", "image/png"],
    ["mp4", "video/mp4"],
    ["wav", "audio/wav"],
    ["jpg", "image/jpeg"],
    ["mp3", "audio/mpeg"],
  ])("a .%s file is served as %s", async (ext, type) => {
    const k = `sessions/s/typed.${ext}`;
    await store.putBuffer(k, Buffer.from("x"), type);
    const res = await get({}, "GET", k);
    expect(res.headers.get("content-type")).toBe(type);
    await res.arrayBuffer();
  });

  test("an empty file: 200 with no bytes, and any range is unsatisfiable", async () => {
    await store.putBuffer("sessions/s/empty.wav", Buffer.alloc(0), "audio/wav");
    const res = await get({}, "GET", "sessions/s/empty.wav");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe("0");
    expect((await bytes(res)).length).toBe(0);
    expect((await get({ range: "bytes=0-" }, "GET", "sessions/s/empty.wav")).status).toBe(416);
  });

  test("missing files, folders and invalid keys → 404; other methods → 405", async () => {
    expect((await get({}, "GET", "sessions/s/missing.mp4")).status).toBe(404);
    expect((await get({}, "GET", "sessions/s")).status).toBe(404);
    expect((await get({}, "GET", "sessions/s/clip.mp4/x")).status).toBe(404);
    expect((await get({}, "GET", "../etc/passwd")).status).toBe(404);
    expect((await get({}, "GET", "%2e%2e/x")).status).toBe(404);
    const post = await get({}, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  test("a multi-MB file streams out in many chunks, byte-identical", async () => {
    const big = randomBytes(5 * 1024 * 1024 + 7);
    await store.putBuffer("sessions/s/big.mp4", big, "video/mp4");
    const res = await get({ range: "bytes=1000000-" }, "GET", "sessions/s/big.mp4");
    expect(res.status).toBe(206);
    const chunks: Uint8Array[] = [];
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(10); // streamed from disk, not one whole-file buffer
    expect(Buffer.concat(chunks).equals(big.subarray(1_000_000))).toBe(true);
  });

  // Every answer must let go of the file: HEAD, 304 and 416 never open a stream, and a
  // cancelled stream closes its handle. Checked through /proc, so Linux only.
  test.skipIf(!existsSync("/proc/self/fd"))("no answer leaves the file open", async () => {
    const file = path.join(root, "sessions", "s", "big.mp4");
    const openHandles = async () => {
      const fds = await readdir("/proc/self/fd");
      const targets = await Promise.all(
        fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => "")),
      );
      return targets.filter((t) => t === file).length;
    };
    const etag = (await get({}, "HEAD", "sessions/s/big.mp4")).headers.get("etag")!;
    await get({ "if-none-match": etag }, "GET", "sessions/s/big.mp4");
    await get({ range: "bytes=99999999-" }, "GET", "sessions/s/big.mp4");

    const res = await get({}, "GET", "sessions/s/big.mp4");
    const reader = res.body!.getReader();
    await reader.read();
    expect(await openHandles()).toBe(1); // the stream holds it while being read
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 50)); // the close completes asynchronously
    expect(await openHandles()).toBe(0);
  });
});
