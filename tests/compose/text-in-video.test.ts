// Text of any content, in every bundled font, reaches the picture: the frame at the title's
// time differs from the same frame of an edit without text.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { composeVideo } from "@/lib/media/compose-video";
import { FONT_IDS } from "@/lib/media/fonts";
import { outputSize } from "@/lib/media/formats";
import { makeCameraMoveClip, makeProductImage } from "../fixtures/media/make-media";
import { grabFrame, meanAbsDiff } from "./media-checks";

const TITLE = `Say "hi": 20% off \\ C:\\n %{pts}\nمرحبا שלום 👟`;
const CTA = `Don't wait — 50%: "now" 🔥`;
const size = outputSize("9:16");
let dir: string;
let clips: { path: string }[];
let plainFrame: Buffer;
let plainCard: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "text-in-video-"));
  clips = await Promise.all(
    (["pan_left", "tilt_down"] as const).map(async (move, i) => {
      const img = path.join(dir, `image-${i}.png`);
      await makeProductImage(
        img,
        Math.round(size.width * 1.25),
        Math.round(size.height * 1.25),
        200 + i * 90,
      );
      const file = path.join(dir, `clip-${i}.mp4`);
      await makeCameraMoveClip(img, file, { ...size, seconds: 1.5, move });
      return { path: file };
    }),
  );
  // The same edit with an end card of plain spaces is impossible (text cannot be empty), so
  // the reference is the edit without any text, its card frames compared to a blank card.
  const [plain] = await composeVideo(
    { clips, endCard: { text: "." } },
    { outDir: path.join(dir, "plain") },
  );
  plainFrame = await grabFrame(plain.videoPath, 22, size);
  plainCard = await grabFrame(plain.videoPath, 100, size);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test.each(FONT_IDS)(
  "quotes, colons, percent signs, backslashes, newlines, Arabic, Hebrew and emoji render in %s",
  async (font) => {
    const [ad] = await composeVideo(
      {
        clips,
        font,
        textColor: "#FFE600",
        title: { text: TITLE, position: "center" },
        endCard: { text: CTA },
      },
      { outDir: path.join(dir, font) },
    );
    expect(ad.durationSeconds).toBeCloseTo(1.5 * 2 - 0.5 + 2, 1);
    // Compared in the middle band of the frame, where centred text sits.
    const band = {
      x: 0,
      y: Math.round(size.height * 0.3),
      w: size.width,
      h: Math.round(size.height * 0.4),
    };
    expect(
      meanAbsDiff(await grabFrame(ad.videoPath, 22, size), plainFrame, size.width, band),
    ).toBeGreaterThan(4);
    expect(
      meanAbsDiff(await grabFrame(ad.videoPath, 100, size), plainCard, size.width, band),
    ).toBeGreaterThan(4);
  },
);
