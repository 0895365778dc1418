// The brand kit API: settings saved and read back, bad input refused with a clear 400 and
// nothing changed, logos stored only as pixels (SVG rasterised after refusing anything that
// could run or reach outside the file) and served to their owner alone.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getBrandKit } from "@/lib/db/queries/brand";
import {
  apiClient,
  createTestUser,
  download,
  type Harness,
  json,
  photoForm,
  productPhoto,
  startHarness,
} from "../pipeline/support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false });
});
afterAll(() => h?.stop());

const brand = async () => (await json(h.api.get("/api/brand"))).brand;
const svgForm = (svg: string) => photoForm(Buffer.from(svg), "logo.svg", "image/svg+xml");
const SVG_HEAD =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';

describe("settings", () => {
  test("an empty kit, then every field saved and read back", async () => {
    expect(await brand()).toEqual({
      logoUrl: null,
      colors: [],
      textFont: null,
      callToAction: null,
      voice: null,
      musicGenre: null,
      captionStyle: null,
    });
    const res = await h.api.put("/api/brand", {
      colors: ["#ff5500", "#1E293B"],
      textFont: "poppins",
      callToAction: "Shop the drop",
      voice: "local:slt",
      musicGenre: "chill",
      captionStyle: "boxed",
    });
    expect(res.status).toBe(200);
    const saved = {
      logoUrl: null,
      colors: ["#FF5500", "#1E293B"],
      textFont: "poppins",
      callToAction: "Shop the drop",
      voice: "local:slt",
      musicGenre: "chill",
      captionStyle: "boxed",
    };
    expect((await json(res)).brand).toEqual(saved);
    expect(await brand()).toEqual(saved);
    // A partial update keeps the rest; null clears one choice.
    await h.api.put("/api/brand", { voice: null, colors: ["#00AA88"] });
    expect(await brand()).toEqual({ ...saved, voice: null, colors: ["#00AA88"] });
  });

  test.each([
    [{ colors: ["red"] }, /#RRGGBB/],
    [{ colors: ["#12345"] }, /#RRGGBB/],
    [{ colors: [] }, /at least one brand colour/],
    [{ colors: ["#000000", "#111111", "#222222", "#333333"] }, /At most 3/],
    [{ textFont: "comic-sans" }, /font is one of/],
    [{ musicGenre: "polka" }, /music genre is one of/],
    [{ captionStyle: "wobbly" }, /caption style is one of/],
    [{ callToAction: "x".repeat(31) }, /at most 30/],
    [{ voice: "a voice with spaces" }, /voice id/],
    [{ logoUrl: "http://evil.example/logo.png" }, /POST \/api\/brand\/logo/],
  ])("%j → 400, nothing changed", async (body, message) => {
    const before = await brand();
    const res = await h.api.put("/api/brand", body);
    const out = await json(res);
    expect(res.status, JSON.stringify(out)).toBe(400);
    expect(out.error.message).toMatch(message);
    expect(await brand()).toEqual(before);
  });
});

test("an empty PUT and a DELETE with no logo make no row", async () => {
  const fresh = await createTestUser("fresh");
  const api = apiClient(h.server.url, fresh);
  expect((await api.put("/api/brand", {})).status).toBe(200);
  expect((await api.delete("/api/brand/logo")).status).toBe(200);
  expect((await api.get("/api/brand/logo")).status).toBe(404);
  expect(await getBrandKit({ userId: fresh.id })).toBeUndefined();
});

describe("logo", () => {
  test("a PNG is stored and served to its owner only; a new one replaces it; DELETE removes it", async () => {
    const png = await productPhoto("png", 200);
    const res = await h.api.post("/api/brand/logo", photoForm(png, "logo.png"));
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    const url = body.brand.logoUrl;
    expect(url).toMatch(new RegExp(`^/api/media/brands/${h.user.id}/[0-9a-f-]{36}\\.png$`));
    const served = await download(h.api, h.server.url, url);
    expect(served.res.status).toBe(200);
    expect(served.bytes.equals(png)).toBe(true);
    const current = await h.api.get("/api/brand/logo");
    expect(current.status).toBe(200);
    expect(Buffer.from(await current.arrayBuffer()).equals(png)).toBe(true);

    const other = apiClient(h.server.url, await createTestUser("other"));
    expect((await other.get(url)).status).toBe(404);
    expect((await apiClient(h.server.url).get(url)).status).toBe(401);

    const jpeg = await productPhoto("jpeg", 128);
    const second = (await json(h.api.post("/api/brand/logo", photoForm(jpeg, "l.jpg")))).brand;
    expect(second.logoUrl).toMatch(/\.jpg$/);
    expect((await h.api.get(url)).status).toBe(404); // the old one is gone

    const removed = await h.api.delete("/api/brand/logo");
    expect(removed.status).toBe(200);
    expect((await json(removed)).brand.logoUrl).toBeNull();
    expect((await h.api.get(second.logoUrl)).status).toBe(404);
  });

  test("a plain SVG is rasterised to a PNG with its colours", async () => {
    const svg = `${SVG_HEAD} viewBox="0 0 100 50" width="100" height="50">
      <defs><linearGradient id="g"><stop offset="0" stop-color="#ff0000"/><stop offset="1" stop-color="#ff0000"/></linearGradient></defs>
      <rect width="100" height="50" fill="url(#g)"/><use xlink:href="#g"/></svg>`;
    const res = await h.api.post("/api/brand/logo", svgForm(svg));
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.brand.logoUrl).toMatch(/\.png$/);
    const { bytes, res: served } = await download(h.api, h.server.url, body.brand.logoUrl);
    expect(served.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe("png");
    expect(Math.max(meta.width!, meta.height!)).toBe(1024); // drawn sharp, not 100 px
    expect(meta.width! / meta.height!).toBeCloseTo(2, 1);
    const { dominant } = await sharp(bytes).stats();
    expect(dominant.r).toBeGreaterThan(200);
    expect(dominant.g + dominant.b).toBeLessThan(60);
  });

  const MALICIOUS: [string, string, RegExp][] = [
    [
      "a <script>",
      `${SVG_HEAD}><script>alert(1)</script><rect width="9" height="9"/></svg>`,
      /<script>/,
    ],
    [
      "onload=",
      `${SVG_HEAD} onload="alert(1)"><rect width="9" height="9"/></svg>`,
      /event-handler/,
    ],
    [
      "an event handler on a child",
      `${SVG_HEAD}><rect width="9" height="9" onclick='x()'/></svg>`,
      /event-handler/,
    ],
    [
      "xlink:href to http",
      `${SVG_HEAD}><image xlink:href="http://evil.example/x.png" width="9" height="9"/></svg>`,
      /outside the file/,
    ],
    [
      "image href to file://",
      `${SVG_HEAD}><image href="file:///etc/passwd" width="9" height="9"/></svg>`,
      /outside the file/,
    ],
    [
      "href hidden in character references",
      `${SVG_HEAD}><use href="&#104;ttp://evil.example/a.svg#x"/></svg>`,
      /outside the file/,
    ],
    [
      "foreignObject",
      `${SVG_HEAD}><foreignObject width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject></svg>`,
      /foreignObject/,
    ],
    [
      "url() to another site",
      `${SVG_HEAD}><rect width="9" height="9" style="fill:url(https://evil.example/p.svg#a)"/></svg>`,
      /outside the file/,
    ],
    [
      "a data: image",
      `${SVG_HEAD}><image href="data:image/png;base64,AAAA" width="9" height="9"/></svg>`,
      /outside the file|data:/,
    ],
    [
      "a DTD with entities",
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${SVG_HEAD}><text>&x;</text></svg>`,
      /DTD/,
    ],
    [
      "@import",
      `${SVG_HEAD}><style>@import "https://evil.example/a.css";</style></svg>`,
      /imports/,
    ],
    [
      "javascript: link",
      `${SVG_HEAD}><a href="javascript:alert(1)"><rect width="9" height="9"/></a></svg>`,
      /outside the file|script link/,
    ],
  ];
  test.each(MALICIOUS)("an SVG with %s → 400, nothing changed", async (_, svg, message) => {
    const before = await brand();
    const res = await h.api.post("/api/brand/logo", svgForm(svg));
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.error.message).toMatch(message);
    expect(await brand()).toEqual(before);
  });

  test("not an image, an empty file, and one over 5 MB are refused; the logo stays", async () => {
    await h.api.post("/api/brand/logo", photoForm(await productPhoto("png", 100)));
    const before = await brand();
    expect(before.logoUrl).toBeTruthy();
    const text = await h.api.post(
      "/api/brand/logo",
      photoForm(Buffer.from("just some text"), "logo.png", "image/png"),
    );
    expect(text.status).toBe(400);
    expect((await json(text)).error.message).toMatch(/not a PNG, JPEG, WebP or SVG/);
    const big = await h.api.post(
      "/api/brand/logo",
      photoForm(Buffer.concat([await productPhoto("png"), Buffer.alloc(5 * 1024 * 1024)])),
    );
    expect(big.status).toBe(413);
    expect((await json(big)).error.message).toMatch(/larger than 5 MB/);
    expect(await brand()).toEqual(before);
    expect((await h.api.get(before.logoUrl)).status).toBe(200);
  });
});
