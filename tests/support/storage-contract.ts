// The behaviour every Storage must share, run against each backend by its own test file.
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { StorageKeyError } from "@/lib/storage/keys";
import { type Storage, StorageNotFoundError } from "@/lib/storage/types";

export const BAD_KEYS = [
  "../x",
  "%2e%2e/x",
  "/etc/passwd",
  "a\\b",
  "a\0b",
  "a/../../b",
  "",
  "A.png",
  "a//b",
  "a/",
];

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

export function storageContract(
  name: string,
  make: () => Promise<{ storage: Storage; cleanup(): Promise<void> }>,
) {
  describe(`${name} storage contract`, () => {
    let store: Storage;
    let cleanup: () => Promise<void>;
    let work: string;

    beforeAll(async () => {
      ({ storage: store, cleanup } = await make());
      work = await mkdtemp(path.join(tmpdir(), "storage-contract-"));
    });
    afterAll(async () => {
      await cleanup?.();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test("check() passes on a usable store", async () => {
      await expect(store.check()).resolves.toBeUndefined();
    });

    test("putBuffer, head, readBuffer and download round-trip the same bytes", async () => {
      const data = randomBytes(10_000);
      const key = "sessions/contract/buffer.png";
      await expect(store.putBuffer(key, data, "image/png")).resolves.toEqual({ size: data.length });
      await expect(store.head(key)).resolves.toEqual({
        size: data.length,
        contentType: "image/png",
      });
      expect(sha256(await store.readBuffer(key))).toBe(sha256(data));

      const dest = path.join(work, "deep", "er", "buffer.png"); // parent folders are created
      await store.download(key, dest);
      expect(sha256(await readFile(dest))).toBe(sha256(data));
    });

    test("a multi-MB file streams in and out byte-identical", async () => {
      const data = randomBytes(12 * 1024 * 1024 + 123); // not a multiple of any chunk size
      const source = path.join(work, "big-source.mp4");
      await writeFile(source, data);
      const key = "sessions/contract/big.mp4";

      await expect(store.putFile(key, source, "video/mp4")).resolves.toEqual({ size: data.length });
      await expect(store.head(key)).resolves.toEqual({
        size: data.length,
        contentType: "video/mp4",
      });

      const dest = path.join(work, "big-dest.mp4");
      await store.download(key, dest);
      expect(sha256(await readFile(dest))).toBe(sha256(data));
      expect(sha256(await store.readBuffer(key))).toBe(sha256(data));
      // putFile copies: the source stays where it was
      expect(existsSync(source)).toBe(true);
      // download leaves no temp files beside the destination
      expect((await readdir(work)).filter((f) => f.startsWith("."))).toEqual([]);
    });

    test("an empty object round-trips", async () => {
      const key = "sessions/contract/empty.wav";
      await expect(store.putBuffer(key, Buffer.alloc(0), "audio/wav")).resolves.toEqual({
        size: 0,
      });
      await expect(store.head(key)).resolves.toEqual({ size: 0, contentType: "audio/wav" });
      expect((await store.readBuffer(key)).length).toBe(0);
    });

    test("writing a key again replaces it", async () => {
      const key = "sessions/contract/replace.webp";
      await store.putBuffer(key, Buffer.from("first version"), "image/webp");
      await store.putBuffer(key, Buffer.from("second"), "image/webp");
      expect((await store.readBuffer(key)).toString()).toBe("second");
      await expect(store.head(key)).resolves.toEqual({ size: 6, contentType: "image/webp" });
    });

    test.each([
      ["png", "image/png"],
      ["jpg", "image/jpeg"],
      ["webp", "image/webp"],
      ["mp4", "video/mp4"],
      ["wav", "audio/wav"],
      ["mp3", "audio/mpeg"],
      ["m4a", "audio/mp4"],
    ])("a .%s object reports %s", async (ext, type) => {
      const key = `sessions/contract/type.${ext}`;
      await store.putBuffer(key, Buffer.from("x"), type);
      expect((await store.head(key))?.contentType).toBe(type);
    });

    test("delete removes the object and is idempotent", async () => {
      const key = "sessions/contract/deleted.mp3";
      await store.putBuffer(key, Buffer.from("bye"), "audio/mpeg");
      await store.delete(key);
      await expect(store.head(key)).resolves.toBeNull();
      await expect(store.readBuffer(key)).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    test("a missing key: head is null, reads throw StorageNotFoundError, download writes nothing", async () => {
      const key = "sessions/contract/never-written.png";
      await expect(store.head(key)).resolves.toBeNull();
      await expect(store.readBuffer(key)).rejects.toBeInstanceOf(StorageNotFoundError);
      const dest = path.join(work, "never.png");
      await expect(store.download(key, dest)).rejects.toBeInstanceOf(StorageNotFoundError);
      expect(existsSync(dest)).toBe(false);
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    test("a key that is only a folder of other keys is not an object", async () => {
      await store.putBuffer("sessions/contract/folder/inside.png", Buffer.from("x"), "image/png");
      await expect(store.head("sessions/contract/folder")).resolves.toBeNull();
      await expect(store.readBuffer("sessions/contract/folder")).rejects.toBeInstanceOf(
        StorageNotFoundError,
      );
    });

    test.each(BAD_KEYS)("every method refuses the key %j", async (key) => {
      const source = path.join(work, "bad-source.png");
      await writeFile(source, "x");
      await expect(store.putBuffer(key, Buffer.from("x"), "image/png")).rejects.toBeInstanceOf(
        StorageKeyError,
      );
      await expect(store.putFile(key, source, "image/png")).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.head(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.readBuffer(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.download(key, path.join(work, "bad.png"))).rejects.toBeInstanceOf(
        StorageKeyError,
      );
      await expect(store.delete(key)).rejects.toBeInstanceOf(StorageKeyError);
      const res = await store.respond(key, new Request("http://app.test/api/media/x"));
      expect(res.status).toBe(404);
    });
  });
}
