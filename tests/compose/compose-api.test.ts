// The compose stage and share links through the HTTP API, with the worker in this process:
// clip review → compose → completed; the video downloads with Range; a share link plays it
// signed out until revoked; a re-compose makes a new video and keeps the old one; a full
// disk fails the stage with a readable message and a retry finishes it.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import SharedVideoPage from "@/app/share/[token]/page";
import { db } from "@/lib/db/client";
import {
  download,
  type Harness,
  type Json,
  json,
  probeBytes,
  startHarness,
  waitFor,
  waitForStatus,
} from "../pipeline/support/harness";
import { apiClient, createTestUser } from "../support/users";
import { seedSessionAtClipReview } from "./seed";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.stop());

/** An ad at clip review (two 2 s clips, seeded), its clips approved in reverse order through the API. */
async function adReadyToCompose(): Promise<{ id: string; clips: string[] }> {
  const seeded = await seedSessionAtClipReview(h.user.id, { clips: 2, seconds: 2 });
  const clips = [...seeded.clips].reverse();
  const approved = await h.api.put(`/api/sessions/${seeded.id}/approved-clips`, {
    assetIds: clips,
  });
  expect(approved.status).toBe(200);
  return { id: seeded.id, clips };
}

const page = async (token: string) =>
  renderToStaticMarkup(await SharedVideoPage({ params: Promise.resolve({ token }) }));

test("compose → completed; Range download; a share link plays it signed out until revoked; re-compose keeps the old video", async () => {
  const { api, server } = h;
  const { id } = await adReadyToCompose();

  const bad = await api.post(`/api/sessions/${id}/compose`, {
    productName: "",
    callToAction: "x".repeat(31),
    textColor: "white",
    textFont: "comic-sans",
    backgroundMusic: { enabled: true, genre: "polka" },
    aspectRatios: ["4:3"],
  });
  expect(bad.status).toBe(400);
  const paths = (await json(bad)).error.issues.map((i: Json) => i.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      "productName",
      "callToAction",
      "textColor",
      "textFont",
      "backgroundMusic.genre",
      "aspectRatios.0",
    ]),
  );

  const body = {
    productName: `Pink "Runner": 20% off \\ مرحبا`,
    callToAction: "Shop now 👟",
    textColor: "#ff3366",
    textFont: "poppins",
    backgroundMusic: { enabled: true, genre: "upbeat" },
    aspectRatios: ["9:16", "1:1"],
  };
  const started = await api.post(`/api/sessions/${id}/compose`, body);
  expect(started.status).toBe(202);
  expect((await json(started)).session).toMatchObject({
    status: "composing",
    productName: body.productName,
    textColor: "#FF3366",
    textFont: "poppins",
  });
  const again = await api.post(`/api/sessions/${id}/compose`, body); // a double click starts nothing new
  expect(again.status).toBe(202);

  const done = await waitForStatus(api, id, ["completed"], 120_000);
  expect(done.session).toMatchObject({
    status: "completed",
    progress: 100,
    backgroundMusicEnabled: true,
    musicGenre: "upbeat",
  });
  expect(done.session.completedAt).toBeTruthy();
  expect(done.finalVideos).toHaveLength(2);
  const first = done.finalVideos.find((v: Json) => v.id === done.session.finalVideoId);
  expect(first.metadata.aspectRatio).toBe("9:16");
  expect(done.finalVideos.map((v: Json) => v.metadata.aspectRatio).sort()).toEqual(["1:1", "9:16"]);

  // The ledger: one composition row ($0, real latency) and the music call.
  const costs = await json(api.get(`/api/sessions/${id}/costs`));
  const row = (category: string) => costs.breakdown.find((b: Json) => b.category === category);
  expect(row("composition")).toMatchObject({ apiCalls: 1, totalCost: 0 });
  expect(row("composition").avgLatencyMs).toBeGreaterThan(0);
  expect(row("audio_generation")).toMatchObject({ apiCalls: 1 });

  // The video: H.264 + AAC at the format's size, 2 × 2 s − 0.5 s crossfade + 2 s card.
  const full = await download(api, server.url, first.url);
  expect(full.res.status).toBe(200);
  const info = await probeBytes(full.bytes);
  expect(info.video).toMatchObject({
    codec: "h264",
    profile: "High",
    width: 108,
    height: 192,
    fps: 30,
  });
  expect(info.audio?.codec).toBe("aac");
  expect(Math.abs(info.durationSeconds - 5.5)).toBeLessThan(0.1);
  const part = await api.get(first.url, { range: "bytes=100-1099" });
  expect(part.status).toBe(206);
  expect(part.headers.get("content-range")).toBe(`bytes 100-1099/${full.bytes.length}`);
  expect(Buffer.from(await part.arrayBuffer()).equals(full.bytes.subarray(100, 1100))).toBe(true);
  expect(first).toMatchObject({
    aspectRatio: "9:16",
    posterUrl: first.metadata.posterUrl,
    thumbnailUrl: first.metadata.thumbnailUrl,
  });
  const poster = await api.get(first.posterUrl);
  expect(poster.status).toBe(200);
  expect(poster.headers.get("content-type")).toBe("image/jpeg");
  expect((await api.get(first.metadata.thumbnailUrl)).headers.get("content-type")).toBe(
    "image/webp",
  );
  const stranger = apiClient(server.url, await createTestUser("stranger"));
  expect((await stranger.get(first.url)).status).toBe(404);
  expect((await stranger.post(`/api/sessions/${id}/share`)).status).toBe(404);

  // Share: one active link; it plays signed out, with Range; revoking it is a 404 everywhere.
  const shared = await api.post(`/api/sessions/${id}/share`);
  expect(shared.status).toBe(201);
  const { url } = await json(shared);
  expect(url).toMatch(new RegExp(`^${server.url}/share/[A-Za-z0-9_-]{43}$`));
  expect((await json(api.post(`/api/sessions/${id}/share`))).url).toBe(url);
  const token = url.split("/").pop()!;
  const anonymous = apiClient(server.url);
  const publicVideo = await anonymous.get(`/api/share/${token}/video`, { range: "bytes=0-99" });
  expect(publicVideo.status).toBe(206);
  expect(publicVideo.headers.get("content-range")).toBe(`bytes 0-99/${full.bytes.length}`);
  expect((await anonymous.get(`/api/share/${token}/poster`)).headers.get("content-type")).toBe(
    "image/jpeg",
  );
  const html = await page(token);
  expect(html).toContain(`/api/share/${token}/video`);
  expect(html).toContain("Pink &quot;Runner&quot;: 20% off");
  expect(html).not.toContain(h.user.email);
  expect((await anonymous.get(`/api/share/${token.slice(0, -1)}x/video`)).status).toBe(404);

  expect((await api.delete(`/api/sessions/${id}/share`)).status).toBe(204);
  expect((await anonymous.get(`/api/share/${token}/video`)).status).toBe(404);
  expect((await anonymous.get(`/api/share/${token}/poster`)).status).toBe(404);
  await expect(page(token)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);

  // Re-compose with a new name, another format, the same music genre.
  const recomposed = await api.post(`/api/sessions/${id}/compose`, {
    ...body,
    productName: "Pink Runner",
    aspectRatios: ["16:9"],
  });
  expect(recomposed.status).toBe(202);
  const after = await waitForStatus(api, id, ["completed"], 120_000);
  expect(after.finalVideos).toHaveLength(3);
  const latest = after.finalVideos.find((v: Json) => v.id === after.session.finalVideoId);
  expect(latest.metadata).toMatchObject({ aspectRatio: "16:9", productName: "Pink Runner" });
  expect((await download(api, server.url, first.url)).bytes.equals(full.bytes)).toBe(true); // the old video is kept
  const music = await json(api.get(`/api/sessions/${id}/costs`));
  expect(music.breakdown.find((b: Json) => b.category === "audio_generation").apiCalls).toBe(1); // same genre: reused
  expect(music.breakdown.find((b: Json) => b.category === "composition").apiCalls).toBe(2);
  const wide = await probeBytes((await download(api, server.url, latest.url)).bytes);
  expect(wide.video).toMatchObject({ width: 192, height: 108 });
  const newLink = (await json(api.post(`/api/sessions/${id}/share`))).url;
  expect(newLink).not.toBe(url);
  expect(
    (await anonymous.get(`/api/share/${newLink.split("/").pop()}/video`)).headers.get(
      "content-length",
    ),
  ).toBe(String(latest.fileSizeBytes));
});

test("composing needs approved clips, and a finished ad cannot be shared before it has a video", async () => {
  const created = await json(h.api.post("/api/sessions", { productPrompt: "a blue water bottle" }));
  const id = created.session.id;
  const res = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Bottle",
    callToAction: "Buy",
  });
  expect(res.status).toBe(409);
  expect((await json(res)).error.code).toBe("invalid_state");
  expect((await h.api.post(`/api/sessions/${id}/share`)).status).toBe(409);
});

test("a full disk during composition fails the stage with a readable message; retry finishes it", async (ctx) => {
  const { id } = await adReadyToCompose();
  const tiny = path.join(tmpdir(), `adsmith-full-disk-${process.pid}`);
  mkdirSync(tiny, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=48k", "tmpfs", tiny], { stdio: "ignore" });
  } catch {
    rmSync(tiny, { recursive: true, force: true });
    ctx.skip(); // mounting a small tmpfs needs root (CI and this machine have it)
  }
  // From here on, everything is inside try/finally: the mount never outlives the test.
  const savedTmp = process.env.TMPDIR;
  try {
    process.env.TMPDIR = tiny; // the compose job renders in os.tmpdir()
    const res = await h.api.post(`/api/sessions/${id}/compose`, {
      productName: "Pink Runner",
      callToAction: "Shop now",
    });
    expect(res.status).toBe(202);
    const failed = await waitForStatus(h.api, id, ["failed"], 120_000);
    expect(failed.session.errorMessage).toMatch(/ran out of disk space.*retry/i);
    expect(failed.session.retryCount).toBeGreaterThan(0);
    expect(failed.finalVideos).toHaveLength(0);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    execFileSync("umount", ["-l", tiny]); // lazy: never left mounted, even if a file is still open
    rmSync(tiny, { recursive: true, force: true });
  }
  const retried = await h.api.post(`/api/sessions/${id}/retry`, {});
  expect(retried.status).toBe(202);
  const done = await waitForStatus(h.api, id, ["completed"], 120_000);
  expect(done.finalVideos).toHaveLength(1);
  expect(done.session.errorMessage).toBeNull();
});

test("a cancelled composition makes no video and resumes with its settings on retry", async () => {
  const { id } = await adReadyToCompose();
  const started = await h.api.post(`/api/sessions/${id}/compose`, {
    productName: "Pink Runner",
    callToAction: "Shop now",
    aspectRatios: ["9:16", "1:1"],
  });
  expect(started.status).toBe(202);
  const cancelled = await h.api.post(`/api/sessions/${id}/cancel`, {});
  expect(cancelled.status).toBe(200);
  expect((await json(cancelled)).session.status).toBe("cancelled");
  // The compose job runs to its end (it sees the cancel, or starts after it and finds nothing to do).
  await waitFor("the compose job to finish", async () => {
    const rows = (await db().execute(
      sql`select state from pgboss.job where name = 'compose' and data->>'sessionId' = ${id}`,
    )) as unknown as { state: string }[];
    return rows.length > 0 && rows.every((r) => r.state === "completed");
  });
  const after = await json(h.api.get(`/api/sessions/${id}`));
  expect(after.session.status).toBe("cancelled");
  expect(after.finalVideos).toHaveLength(0);

  expect((await h.api.post(`/api/sessions/${id}/retry`, {})).status).toBe(202);
  const done = await waitForStatus(h.api, id, ["completed"], 120_000);
  expect(done.finalVideos.map((v: Json) => v.aspectRatio).sort()).toEqual(["1:1", "9:16"]);
  expect(done.session.productName).toBe("Pink Runner");
});
