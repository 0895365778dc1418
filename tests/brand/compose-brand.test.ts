// The brand kit in an ad: a new ad starts from it (call to action, font, text colour, music
// genre; voice and caption style kept for their pickers), the compose job puts the brand's
// colours, logo and the product picture into the spec, and the finished video shows them on
// its end card, with the corner mark when the compose asked for it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { composeBrand } from "@/lib/brand/compose-brand";
import { getLiveSession } from "@/lib/db/queries/sessions";
import { endCardLayout } from "@/lib/media/end-card-layout";
import { FPS } from "@/lib/media/formats";
import { safeArea } from "@/lib/media/safe-area";
import { grabFrame } from "../compose/media-checks";
import {
  adWithClips,
  download,
  type Harness,
  json,
  photoForm,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";

let h: Harness;
let logoPng: Buffer;
beforeAll(async () => {
  h = await startHarness();
  logoPng = await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><rect width="300" height="120" fill="#F97316"/></svg>`,
    ),
  )
    .png()
    .toBuffer();
  await h.api.put("/api/brand", {
    colors: ["#6D28D9", "#BE185D"],
    textFont: "bebas",
    callToAction: "Get yours",
    musicGenre: "cinematic",
    voice: "local:slt",
    captionStyle: "pop",
  });
  const up = await h.api.post("/api/brand/logo", photoForm(logoPng, "logo.png"));
  if (up.status !== 201) throw new Error(`logo upload: ${up.status} ${await up.text()}`);
}, 120_000);
afterAll(() => h?.stop());

const orange = (r: number, g: number, b: number) =>
  Math.abs(r - 0xf9) < 45 && Math.abs(g - 0x73) < 45 && Math.abs(b - 0x16) < 45;
const violet = (r: number, g: number, b: number) =>
  Math.abs(r - 0x6d) < 60 && Math.abs(g - 0x28) < 60 && Math.abs(b - 0xd9) < 60;
function share(
  rgb: Buffer,
  width: number,
  box: { x: number; y: number; width: number; height: number },
  test: (r: number, g: number, b: number) => boolean,
) {
  let n = 0;
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * width + x) * 3;
      if (test(rgb[i], rgb[i + 1], rgb[i + 2])) n++;
    }
  return n / Math.max(1, box.width * box.height);
}

test("a new ad starts from the brand kit; its compose shows the brand on the card and in the corner", async () => {
  const ready = await adWithClips(h.api, 2);
  const id = ready.session.id;
  expect(ready.session).toMatchObject({
    callToAction: "Get yours",
    textFont: "bebas",
    textColor: "#BE185D", // the lighter of the two brand colours
    musicGenre: "cinematic",
  });
  expect(ready.session.metadata.brand).toEqual({
    colors: ["#6D28D9", "#BE185D"],
    hasLogo: true,
    voice: "local:slt",
    captionStyle: "pop",
  });

  // What the compose job will put into the spec: the kit's colours and logo, the first
  // approved image as the product, the corner mark only once the compose asks for it.
  const dir = await mkdtemp(path.join(tmpdir(), "compose-brand-"));
  try {
    const s = (await getLiveSession({ id }))!;
    const before = await composeBrand(s, dir);
    expect(before).toMatchObject({ colors: ["#6D28D9", "#BE185D"], cornerLogo: false });
    expect((await readFile(before.logoPath!)).equals(logoPng)).toBe(true);
    const firstImage = ready.images.find((a: { id: string }) => a.id === s.approvedImageIds![0]);
    const picture = await download(h.api, h.server.url, firstImage.url);
    expect((await readFile(before.productImagePath!)).equals(picture.bytes)).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const approved = await h.api.put(`/api/sessions/${id}/approved-clips`, {
    assetIds: ready.videoClips.map((c: { id: string }) => c.id),
  });
  expect(approved.status).toBe(200);
  const started = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Steel Bottle",
    callToAction: "Get yours",
    logo: true,
  });
  expect(started.status, await started.clone().text()).toBe(202);
  const done = await waitForStatus(h.api, id, ["completed"], 180_000);
  expect(done.session.metadata.compose.logo).toBe(true);
  const video = done.finalVideos[0];
  const file = path.join(await mkdtemp(path.join(tmpdir(), "compose-brand-video-")), "ad.mp4");
  const { bytes } = await download(h.api, h.server.url, video.url);
  await writeFile(file, bytes);
  const [W, H] = video.resolution.split("x").map(Number);
  const size = { width: W, height: H };
  // The container's duration runs a little past the last frame (the audio's last packet).
  const total = Math.floor(Number(video.durationSeconds) * FPS);
  const cardFrom = total - 2 * FPS;

  const late = await grabFrame(file, total - 2, size);
  const L = endCardLayout("9:16", W, H, { logo: true, product: true });
  const corner = {
    x: 0,
    y: 0,
    width: Math.max(2, Math.round(W * 0.05)),
    height: Math.max(2, Math.round(H * 0.05)),
  };
  expect(share(late, W, corner, violet)).toBeGreaterThan(0.7);
  expect(share(late, W, L.logo, orange)).toBeGreaterThan(0.1);

  // The corner mark: after the title, before the card, in the safe area's top-right corner.
  const area = safeArea("9:16", W, H);
  const mark = {
    x: area.x + area.width - Math.round(W * 0.22),
    y: area.y,
    width: Math.round(W * 0.22),
    height: Math.max(2, Math.round(W * 0.07)),
  };
  expect(share(await grabFrame(file, cardFrom - 20, size), W, mark, orange)).toBeGreaterThan(0.2);
  expect(share(await grabFrame(file, 20, size), W, mark, orange)).toBeLessThan(0.05);
  await rm(path.dirname(file), { recursive: true, force: true });
}, 300_000);

test("compose refuses a logo flag that is not true or false, changing nothing", async () => {
  const ready = await adWithClips(h.api, 2);
  await h.api.put(`/api/sessions/${ready.session.id}/approved-clips`, {
    assetIds: ready.videoClips.map((c: { id: string }) => c.id),
  });
  const res = await h.api.post(`/api/sessions/${ready.session.id}/compose`, {
    productName: "Bottle",
    callToAction: "Buy",
    logo: "yes",
  });
  expect(res.status).toBe(400);
  expect((await json(res)).error.message).toMatch(/logo is true or false/);
  const after = await json(h.api.get(`/api/sessions/${ready.session.id}`));
  expect(after.session.status).toBe("reviewing_videos");
  expect(after.session.metadata.compose).toBeUndefined();
}, 300_000);
