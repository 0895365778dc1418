import { describe, expect, test } from "vitest";
import {
  assertKey,
  contentTypeFor,
  extensionOf,
  isValidKey,
  mediaKey,
  mediaUrl,
  parseMediaKey,
  StorageKeyError,
} from "./keys";

const SESSION = "0b5d3f7e-8a1c-4d2e-9f10-1234567890ab";
const ASSET = "f47ac10b-58cc-4372-a567-0e02b2c3d479";

describe("assertKey", () => {
  test.each(["sessions/a/b.png", "a", "a-b_c.d/e.mp4", `sessions/${SESSION}/${ASSET}.m4a`])(
    "accepts %j",
    (key) => {
      expect(assertKey(key)).toBe(key);
    },
  );

  test.each([
    ["parent traversal", "../x"],
    ["traversal in the middle", "sessions/../../etc/passwd"],
    ["a bare ..", ".."],
    ["percent-encoded dots", "%2e%2e/x"],
    ["percent-encoded slash", "a%2f..%2fb"],
    ["double-encoded", "%252e%252e/x"],
    ["an absolute path", "/etc/passwd"],
    ["a backslash", "a\\b"],
    ["a Windows traversal", "..\\x"],
    ["NUL", "a\0b"],
    ["a newline", "a\nb"],
    ["upper case", "Sessions/a.png"],
    ["a space", "a b.png"],
    ["a drive letter", "c:/x"],
    ["a dot segment", "a/./b"],
    ["a hidden name", "a/.tmp"],
    ["a double slash", "a//b"],
    ["a trailing slash", "a/"],
    ["the empty string", ""],
    ["non-ASCII", "caf\u00e9.png"],
    ["a full-width dot", "\uff0e\uff0e/x"],
    ["too long", `${"a/".repeat(300)}b`],
  ])("refuses %s", (_why, key) => {
    expect(() => assertKey(key)).toThrow(StorageKeyError);
    expect(isValidKey(key)).toBe(false);
  });

  test("refuses non-strings", () => {
    expect(() => assertKey(undefined)).toThrow(StorageKeyError);
    expect(() => assertKey(["a"])).toThrow(StorageKeyError);
  });
});

describe("media keys", () => {
  test("mediaKey builds sessions/<session>/<asset>.<ext>", () => {
    expect(mediaKey(SESSION, ASSET, "png")).toBe(`sessions/${SESSION}/${ASSET}.png`);
    expect(mediaKey(SESSION.toUpperCase(), ASSET, ".JPEG")).toBe(
      `sessions/${SESSION}/${ASSET}.jpg`,
    );
  });

  test.each([
    ["a session id that is not a UUID", "../x", ASSET, "png"],
    ["an asset id that is not a UUID", SESSION, "x/y", "png"],
    ["an unknown extension", SESSION, ASSET, "html"],
    ["an extension with a path in it", SESSION, ASSET, "png/../x"],
  ])("mediaKey refuses %s", (_why, session, asset, ext) => {
    expect(() => mediaKey(session, asset, ext)).toThrow(StorageKeyError);
  });

  test("parseMediaKey returns the parts so the route can check the session's owner", () => {
    expect(parseMediaKey(mediaKey(SESSION, ASSET, "mp4"))).toEqual({
      sessionId: SESSION,
      assetId: ASSET,
      ext: "mp4",
    });
  });

  test.each([
    `sessions/${SESSION}/${ASSET}.html`,
    `sessions/${SESSION}/../${ASSET}.png`,
    `sessions/${SESSION}/x/${ASSET}.png`,
    `other/${SESSION}/${ASSET}.png`,
    `sessions/not-a-uuid/${ASSET}.png`,
    `sessions/${SESSION}/${ASSET}.png/`,
  ])("parseMediaKey refuses %j", (key) => {
    expect(() => parseMediaKey(key)).toThrow(StorageKeyError);
  });

  test("mediaUrl is the app route for the key", () => {
    const key = mediaKey(SESSION, ASSET, "wav");
    expect(mediaUrl(key)).toBe(`/api/media/sessions/${SESSION}/${ASSET}.wav`);
    expect(() => mediaUrl("../x")).toThrow(StorageKeyError);
  });
});

describe("content types", () => {
  test.each([
    ["png", "image/png"],
    [".png", "image/png"],
    ["JPG", "image/jpeg"],
    ["jpeg", "image/jpeg"],
    ["webp", "image/webp"],
    ["mp4", "video/mp4"],
    ["wav", "audio/wav"],
    ["mp3", "audio/mpeg"],
    ["m4a", "audio/mp4"],
    ["html", "application/octet-stream"],
    ["", "application/octet-stream"],
    ["constructor", "application/octet-stream"],
  ])("%j is %s", (ext, type) => {
    expect(contentTypeFor(ext)).toBe(type);
  });

  test("extensionOf reads the last segment only", () => {
    expect(extensionOf("a.b/c.mp4")).toBe("mp4");
    expect(extensionOf("a.b/c")).toBe("");
  });
});
