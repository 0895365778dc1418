// Product photo uploads: the type is decided by the bytes, files that are also something
// else are refused, size limits hold without buffering, and a refused upload changes nothing.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  apiClient,
  createTestUser,
  download,
  type Harness,
  imageSize,
  type Json,
  json,
  photoForm,
  productPhoto,
  snapshot,
  startHarness,
} from "./support/harness";

let h: Harness;
let sessionId: string;
beforeAll(async () => {
  h = await startHarness({ worker: false });
  sessionId = (await json(h.api.post("/api/sessions", { productPrompt: "pink tennis shoes" })))
    .session.id;
});
afterAll(() => h?.stop());

const upload = (form: FormData, id = sessionId) => h.api.post(`/api/sessions/${id}/uploads`, form);

// --- building files ---------------------------------------------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** Inserts a tEXt chunk after IHDR. */
function withPngText(png: Buffer, text: string): Buffer {
  const data = Buffer.from(`Comment\0${text}`, "latin1");
  const typeAndData = Buffer.concat([Buffer.from("tEXt"), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}
/** Inserts a COM segment after SOI. */
function withJpegComment(jpeg: Buffer, text: string): Buffer {
  const data = Buffer.from(text, "latin1");
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xfffe, 0);
  seg.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, data, jpeg.subarray(2)]);
}
const ZIP = Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(60, 1)]);

/**
 * A raw upload: headers (maybe a huge Content-Length), then `bytes` zeros. Resolves with the
 * status, or "reset" when the server closed the connection on a body it refused to read
 * (the client may see the reset before the 413 it was sent).
 */
function rawUpload(opts: { contentLength?: number; bytes: number }): Promise<number | "reset"> {
  const url = new URL(`${h.server.url}/api/sessions/${sessionId}/uploads`);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      headers: {
        cookie: h.user.cookie,
        "content-type": "multipart/form-data; boundary=XyZ",
        ...(opts.contentLength
          ? { "content-length": opts.contentLength }
          : { "transfer-encoding": "chunked" }),
      },
    });
    req.on("response", (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (["EPIPE", "ECONNRESET"].includes(err.code ?? "")) resolve("reset");
      else if (!req.destroyed) reject(err);
    });
    req.write(
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n',
    );
    const chunk = Buffer.alloc(1024 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < opts.bytes && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!req.destroyed && !opts.contentLength) req.end();
    };
    pump();
  });
}

// --- tests -------------------------------------------------------------------------------
describe("accepted", () => {
  test.each([
    ["png", "image/png", "png"],
    ["jpeg", "image/jpeg", "jpg"],
    ["webp", "image/webp", "webp"],
  ] as const)("a %s photo is stored as %s with its real size", async (format, mime, ext) => {
    const bytes = await productPhoto(format, 300);
    // The declared name and type lie; the bytes decide.
    const res = await upload(photoForm(bytes, "holiday.gif", "text/plain"));
    const { asset } = await json(res);
    expect(res.status).toBe(201);
    expect(asset).toMatchObject({
      type: "image",
      source: "user-upload",
      status: "completed",
      mimeType: mime,
      resolution: "300x300",
      fileSizeBytes: bytes.length,
    });
    expect(asset.url).toMatch(new RegExp(`\\.${ext}$`));
    const served = await download(h.api, h.server.url, asset.url);
    expect(served.res.headers.get("content-type")).toBe(mime);
    expect(served.bytes.equals(bytes)).toBe(true);
    // The latest upload is the session's product photo.
    const detail = await json(h.api.get(`/api/sessions/${sessionId}`));
    expect(detail.productPhoto.id).toBe(asset.id);
    expect(detail.session.metadata.productPhotoAssetId).toBe(asset.id);
    expect(
      detail.images.filter((a: Json) => a.source === "user-upload").map((a: Json) => a.id),
    ).toEqual([asset.id]);
  });

  test("a replaced photo is gone; bytes after a JPEG's end are cut off", async () => {
    const first = (await json(upload(photoForm(await productPhoto("png"))))).asset;
    const jpeg = await productPhoto("jpeg", 256);
    const res = await upload(
      photoForm(Buffer.concat([jpeg, Buffer.alloc(500)]), "camera.jpg", "image/jpeg"),
    );
    expect(res.status).toBe(201);
    const { asset } = await json(res);
    expect(asset.fileSizeBytes).toBe(jpeg.length);
    expect(await imageSize((await download(h.api, h.server.url, asset.url)).bytes)).toBe("256x256");
    expect((await h.api.get(first.url)).status).toBe(404);
  });
});

describe("refused, changing nothing", () => {
  async function refused(
    form: FormData | (() => Promise<number | "reset">),
    status: number,
    message?: RegExp,
  ) {
    const before = await snapshot();
    if (typeof form === "function") {
      expect(await form()).toBe(status);
    } else {
      const res = await upload(form);
      const body = await json(res);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (message) expect(body.error.message).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  }

  test("a text file named .png, an empty file, a GIF, a damaged PNG, a tiny image", async () => {
    await refused(
      photoForm(Buffer.from("hello, I am text"), "photo.png", "image/png"),
      400,
      /not a PNG, JPEG or WebP/,
    );
    await refused(photoForm(Buffer.alloc(0), "photo.png", "image/png"), 400, /empty/);
    await refused(
      photoForm(
        Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
        "photo.gif",
        "image/gif",
      ),
      400,
      /not a PNG/,
    );
    const png = await productPhoto("png");
    await refused(
      photoForm(Buffer.concat([png.subarray(0, 60), Buffer.alloc(400, 7)])),
      400,
      /could not be read/,
    );
    await refused(photoForm(await productPhoto("png", 20)), 400, /at least 64/);
  });

  test("polyglots: an archive after the image, script in a text chunk or a comment", async () => {
    const png = await productPhoto("png");
    await refused(photoForm(Buffer.concat([png, ZIP])), 400, /another file attached/);
    await refused(
      photoForm(withPngText(png, "<script>alert(1)</script>")),
      400,
      /markup or script/,
    );
    const jpeg = await productPhoto("jpeg");
    await refused(
      photoForm(withJpegComment(jpeg, "<?php system($_GET['c']); ?>"), "a.jpg", "image/jpeg"),
      400,
      /markup or script/,
    );
    await refused(
      photoForm(
        Buffer.concat([jpeg, Buffer.from("<html><script>x()</script></html>")]),
        "a.jpg",
        "image/jpeg",
      ),
      400,
      /another file/,
    );
  });

  test("a wrong field or a JSON body", async () => {
    await refused(
      photoForm(await productPhoto("png"), "p.png", "image/png", "photo"),
      400,
      /field named "file"/,
    );
    const before = await snapshot();
    const res = await h.api.post(`/api/sessions/${sessionId}/uploads`, {
      file: "data:image/png;base64,AAAA",
    });
    expect(res.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  test("over 20 MB: refused on the declared length before the body is sent (21 MB, 200 MB)", async () => {
    await refused(() => rawUpload({ contentLength: 21 * 1024 * 1024, bytes: 0 }), 413);
    await refused(() => rawUpload({ contentLength: 200 * 1024 * 1024, bytes: 0 }), 413);
  });

  test("over 20 MB without a declared length: reading stops at the limit", async () => {
    const before = await snapshot();
    const result = await rawUpload({ bytes: 25 * 1024 * 1024 });
    expect([413, "reset"]).toContain(result);
    expect(await snapshot()).toEqual(before);
  });

  test("a file just over 20 MB inside a body under the framing allowance is still refused", async () => {
    const big = Buffer.concat([
      (await productPhoto("png")).subarray(0, 8),
      Buffer.alloc(20 * 1024 * 1024 + 10),
    ]);
    const before = await snapshot();
    const res = await upload(photoForm(big)); // the whole body was read, so the answer arrives
    expect(res.status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });

  test("after images were generated → 409; another user's ad → 404", async () => {
    const mallory = apiClient(h.server.url, await createTestUser("mallory"));
    const theirs = (await json(mallory.post("/api/sessions", { productPrompt: "a leather bag" })))
      .session.id;
    const before = await snapshot();
    expect((await upload(photoForm(await productPhoto()), theirs)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    const mine = (await json(h.api.post("/api/sessions", { productPrompt: "a leather bag" })))
      .session.id;
    expect((await h.api.post(`/api/sessions/${mine}/generate-images`, {})).status).toBe(202);
    const res = await upload(photoForm(await productPhoto()), mine);
    expect(res.status).toBe(409);
    expect((await json(res)).error.message).toMatch(/before the images are generated/);
  });
});
