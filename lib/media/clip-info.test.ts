// The clip inspection read from MP4 boxes (no ffprobe) must say exactly what ffprobe says for
// a clip in our shared encoding, and must refuse — handing over to ffprobe — anything else.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binaries } from "./binaries";
import { clearClipInfoCache, inspectClip } from "./clip-info";
import { runFfmpeg } from "./ffmpeg";
import { FPS, videoEncodeArgs } from "./formats";
import { encodingSignature } from "./normalize";

let dir: string;
const size = { width: 108, height: 192 };

async function encode(name: string, extra: string[], seconds = 2): Promise<string> {
  const out = path.join(dir, name);
  await runFfmpeg([
    "-f",
    "lavfi",
    "-i",
    `testsrc2=s=${size.width}x${size.height}:r=${FPS}:d=${seconds}`,
    ...extra,
    "-an",
    "-movflags",
    "+faststart",
    out,
  ]);
  return out;
}

/** `boxesProbe`: the ffprobe the box reader may fall back to (a missing one proves it did not). */
async function both(file: string, avcC: string, boxesProbe = "/nonexistent/ffprobe") {
  clearClipInfoCache();
  const fromBoxes = await inspectClip(file, boxesProbe, undefined, undefined, {
    avcC,
    ...size,
  });
  clearClipInfoCache();
  const fromProbe = await inspectClip(file, binaries().ffprobe);
  return { fromBoxes, fromProbe };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "clip-info-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("inspectClip from the MP4 boxes", () => {
  it("agrees with ffprobe on a clip in the shared encoding, and on a stream-copy cut of it", async () => {
    const avcC = await encodingSignature({ ...size, workDir: dir });
    const clip = await encode("shared.mp4", videoEncodeArgs(), 3);
    const { fromBoxes, fromProbe } = await both(clip, avcC);
    expect(fromProbe.notShared).toBeUndefined();
    expect({ ...fromBoxes, durationSeconds: 0 }).toEqual({ ...fromProbe, durationSeconds: 0 });
    expect(fromBoxes.durationSeconds).toBeCloseTo(fromProbe.durationSeconds, 2);
    expect(fromBoxes.frames).toBe(3 * FPS);
    expect(fromBoxes.keyframes.length).toBeGreaterThan(1);

    const cut = path.join(dir, "cut.mp4");
    await runFfmpeg(["-i", clip, "-t", "2", "-c", "copy", "-an", "-movflags", "+faststart", cut]);
    const c = await both(cut, avcC);
    expect({ ...c.fromBoxes, durationSeconds: 0 }).toEqual({ ...c.fromProbe, durationSeconds: 0 });
    expect(c.fromBoxes.frames).toBe(2 * FPS);
  });

  it("leaves a clip in another encoding to ffprobe, which says why it is not shared", async () => {
    const avcC = await encodingSignature({ ...size, workDir: dir });
    const other = await encode("other.mp4", ["-c:v", "libx264", "-preset", "medium", "-bf", "2"]);
    const { fromBoxes, fromProbe } = await both(other, avcC, binaries().ffprobe);
    expect(fromBoxes).toEqual(fromProbe);
    expect(fromBoxes.notShared).toBeDefined();
  });
});
