// Issue 15's acceptance for API keys: a script holding only a Bearer token (no cookie, no
// Origin) runs an ad from a sentence to a downloaded MP4 on the local providers — create →
// images → approve two → clips → approve → compose → download — and after the key is revoked
// the same call is a 401. No log line written meanwhile holds the token.
import { afterAll, beforeAll, expect, test } from "vitest";
import { env } from "@/lib/env";
import {
  download,
  type Harness,
  type Json,
  json,
  probeBytes,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";
import { apiClient } from "../support/users";
import { bearerClient, createKey } from "./support/clients";

let h: Harness;
const lines: string[] = [];
const realWrite = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};

beforeAll(async () => {
  (env as { LOG_LEVEL: string }).LOG_LEVEL = "debug";
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  process.stdout.write = realWrite.out;
  process.stderr.write = realWrite.err;
  await h?.stop();
});

test("a Bearer token alone takes an ad from a sentence to a downloaded MP4; revoked, the same call is 401", async () => {
  const { key, token } = await createKey(h.server.url, h.user, "CI script");
  const api = bearerClient(h.server.url, token);

  const created = await api.post("/api/sessions", {
    productPrompt: "Pink tennis shoes with white laces",
    numImages: 4,
  });
  expect(created.status).toBe(201);
  const id: string = (await json(created)).session.id;
  expect((await api.post(`/api/sessions/${id}/generate-images`, {})).status).toBe(202);

  const images: Json[] = (await waitForStatus(api, id, ["reviewing_images"])).images;
  const chosen = [images[2].id, images[0].id];
  const approved = await api.put(`/api/sessions/${id}/approved-images`, { assetIds: chosen });
  expect(approved.status).toBe(200);
  const clipsStarted = await api.post(`/api/sessions/${id}/generate-clips`, {
    videoPrompt: "The shoes turn slowly on a pastel stage",
    clipDurationSeconds: 2,
  });
  expect(clipsStarted.status).toBe(202);
  const clips: Json[] = (await waitForStatus(api, id, ["reviewing_videos"], 180_000)).videoClips;
  expect(clips.map((c) => c.sourceImageId)).toEqual(chosen);
  const clipIds = clips.map((c) => c.id);
  expect((await api.put(`/api/sessions/${id}/approved-clips`, { assetIds: clipIds })).status).toBe(
    200,
  );

  const composed = await api.post(`/api/sessions/${id}/compose`, {
    productName: "Pink Runner",
    callToAction: "Shop now",
  });
  expect(composed.status).toBe(202);
  const done = await waitForStatus(api, id, ["completed"], 180_000);
  const final = done.finalVideos.find((v: Json) => v.id === done.session.finalVideoId);
  const { res, bytes } = await download(api, h.server.url, final.url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("video/mp4");
  const info = await probeBytes(bytes);
  expect(info.video?.codec).toBe("h264");
  // Two 2 s clips with a 0.5 s crossfade, then the 2 s end card.
  expect(Math.abs(info.durationSeconds - 5.5)).toBeLessThan(0.1);

  // It is the owner's ad, seen with the cookie as well.
  expect((await json(h.api.get(`/api/sessions/${id}`))).session.status).toBe("completed");
  const listed = await json(h.api.get("/api/keys"));
  expect(listed.keys.find((k: Json) => k.id === key.id).lastUsedAt).toBeTruthy();

  expect((await h.api.delete(`/api/keys/${key.id}`)).status).toBe(204);
  const after = await api.get(`/api/sessions/${id}`);
  expect(after.status).toBe(401);
  expect((await json(after)).error.code).toBe("unauthorized");
  expect((await api.get(final.url)).status).toBe(401);

  // The key made dozens of logged requests; not one line holds its token.
  const logged = lines.join("\n");
  expect(lines.some((l) => l.includes(`"apiKeyId":"${key.id}"`))).toBe(true);
  expect(logged).not.toContain(token);
  expect(logged).not.toContain(token.slice(16));
});

test("the token is masked if it ever reaches a log line", async () => {
  const { logger } = await import("@/lib/logger");
  const { token } = await createKey(h.server.url, h.user, "masked");
  const before = lines.length;
  logger.warn(`a script pasted ${token} into a message`, { note: `Bearer ${token}` });
  const written = lines.slice(before).join("\n");
  expect(written).toContain("[redacted]");
  expect(written).not.toContain(token.slice(16));
  // A wrong-key call is logged too, without what was sent.
  const wrong = `ak_live_${"B".repeat(43)}`;
  const res = await apiClient(h.server.url).get("/api/sessions", {
    authorization: `Bearer ${wrong}`,
  });
  expect(res.status).toBe(401);
  expect(lines.slice(before).join("\n")).not.toContain("B".repeat(43));
});
