// The script through the API, offline: planned with the scenes, fitted to the approved clips,
// edited line by line (limits → 400 naming the field, nothing changed), written again as one
// priced call with its estimate and cost row; only while editing makes sense.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LINE_MAX } from "@/lib/creative/script";
import {
  type Harness,
  type Json,
  json,
  startAd,
  startHarness,
  waitForStatus,
} from "../pipeline/support/harness";

let h: Harness;
let id: string;
let clips: Json[];

const session = async () => (await json(h.api.get(`/api/sessions/${id}`))).session;
const approve = (ids: string[]) =>
  h.api.put(`/api/sessions/${id}/approved-clips`, { assetIds: ids });

beforeAll(async () => {
  h = await startHarness();
  id = await startAd(h.api, {
    productPrompt: "matte-black insulated stainless steel water bottle for hiking",
    numImages: 4,
  });
  const images = await waitForStatus(h.api, id, ["reviewing_images"]);
  expect(images.session.script).toBeNull(); // nothing planned yet
  await h.api.put(`/api/sessions/${id}/approved-images`, {
    assetIds: images.images.slice(0, 3).map((a: Json) => a.id),
  });
  // Before any clip is approved the script cannot be edited.
  const early = await h.api.put(`/api/sessions/${id}/script`, { hook: "Hi.", lines: ["One."] });
  expect(early.status).toBe(409);
  await h.api.post(`/api/sessions/${id}/generate-clips`, {
    videoPrompt: "on a mossy rock by a stream",
    clipDurationSeconds: 2,
  });
  const done = await waitForStatus(h.api, id, ["reviewing_videos", "failed"], 180_000);
  expect(done.session.status).toBe("reviewing_videos");
  clips = done.videoClips;
}, 300_000);
afterAll(() => h?.stop());

describe("the planned script", () => {
  test("is planned with the scenes: a hook and one line per clip after the first, about the product", async () => {
    const s = await session();
    expect(s.script).toMatchObject({ language: "en" });
    expect(s.script.lines).toHaveLength(2);
    const words = [s.script.hook, ...s.script.lines].join(" ").toLowerCase();
    expect(words).toMatch(/bottle/);
    expect(words).toMatch(/cold|hot|steel|trail/);
  });

  test("follows the approved clips: one clip keeps the first line, three clips get two", async () => {
    const planned = (await session()).script;
    expect((await approve([clips[1].id])).status).toBe(200);
    const one = await session();
    expect(one.script).toEqual({ ...planned, lines: planned.lines.slice(0, 1) });
    const three = await json(approve(clips.map((c: Json) => c.id)));
    expect(three.session.script.lines).toHaveLength(2);
    expect(three.session.script.lines[0]).toBe(planned.lines[0]);
  });
});

describe("editing", () => {
  test("the user's words are saved, trimmed, and the language kept unless given", async () => {
    const res = await h.api.put(`/api/sessions/${id}/script`, {
      hook: "  Cold coffee at noon?  ",
      lines: ["Steel that keeps it icy for 24 hours.", "Made for the trail, not the shelf."],
    });
    expect(res.status).toBe(200);
    const { session: s } = await res.json();
    expect(s.script).toEqual({
      language: "en",
      hook: "Cold coffee at noon?",
      lines: ["Steel that keeps it icy for 24 hours.", "Made for the trail, not the shelf."],
    });
    expect((await session()).script).toEqual(s.script);
  });

  test("bad input is a 400 naming the field, and nothing changes", async () => {
    const before = (await session()).script;
    const cases: [unknown, RegExp][] = [
      [{ hook: "Fine.", lines: ["Fine.", "x".repeat(LINE_MAX + 1)] }, /lines\.1.*at most 80/],
      [{ hook: "h".repeat(61), lines: ["a.", "b."] }, /hook.*at most 60/i],
      [{ hook: "Fine.", lines: ["Only one."] }, /lines: This ad has 3 approved clips.*2 lines/],
      [{ hook: "Fine.", lines: [] }, /at least 1 line/],
      [{ hook: "Fine.", lines: ["a", "b", "c", "d", "e"] }, /at most 4 lines/],
      [{ hook: "", lines: ["a.", "b."] }, /hook cannot be empty/i],
      [{ hook: "Fine.", lines: ["two\nlines", "b."] }, /one line/],
      [{ hook: "Fine.", lines: ["a.", "b."], language: "english please" }, /language tag/],
      [{ hook: "Fine.", lines: ["a.", "b."], voice: "x" }, /voice/],
    ];
    for (const [body, message] of cases) {
      const res = await h.api.put(`/api/sessions/${id}/script`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
    expect((await session()).script).toEqual(before);
  });

  test("a script in another language is the user's to write", async () => {
    const res = await json(
      h.api.put(`/api/sessions/${id}/script`, {
        hook: "Kalter Kaffee am Mittag?",
        lines: ["Stahl, der ihn 24 Stunden kalt hält.", "Gemacht für den Weg. 🥾"],
        language: "de",
      }),
    );
    expect(res.session.script.language).toBe("de");
  });
});

describe("writing it again", () => {
  test("is priced like every model call: an estimate, then one $0 local row in the ledger", async () => {
    const estimate = await json(h.api.get(`/api/sessions/${id}/estimate?stage=script`));
    expect(estimate).toMatchObject({ stage: "script", amount: 0 });
    expect(estimate.breakdown).toEqual([
      expect.objectContaining({ label: "Script", category: "llm", model: "local-rules-1" }),
    ]);
    const llmRows = async () =>
      (await json(h.api.get(`/api/sessions/${id}/costs`))).items.filter(
        (r: Json) => r.category === "llm",
      );
    const rowsBefore = (await llmRows()).length;

    const res = await h.api.post(`/api/sessions/${id}/script`, {
      language: "en",
      confirmEstimate: 0,
    });
    expect(res.status).toBe(200);
    const { session: s } = await res.json();
    expect(s.script.language).toBe("en");
    expect(s.script.hook).not.toBe("Kalter Kaffee am Mittag?");
    expect(s.script.lines).toHaveLength(2);
    const rows = await llmRows();
    expect(rows).toHaveLength(rowsBefore + 1);
    expect(rows.at(-1)).toMatchObject({ provider: "local", model: "local-rules-1", amount: 0 });
    expect(rows.at(-1).success).toBe(true);
  });

  test("again: other words from the same description (another seed)", async () => {
    const first = (await session()).script;
    const scripts = [first];
    for (let i = 0; i < 3; i++)
      scripts.push((await json(h.api.post(`/api/sessions/${id}/script`, {}))).session.script);
    expect(new Set(scripts.map((s) => JSON.stringify(s))).size).toBeGreaterThan(1);
  });

  test("offline, another language is a 400 that says what to do; nothing changes", async () => {
    const before = (await session()).script;
    const res = await h.api.post(`/api/sessions/${id}/script`, { language: "de" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(
      /^language: The offline writer writes English/,
    );
    expect((await session()).script).toEqual(before);
  });
});

describe("a new clip run", () => {
  test("keeps the words the user edited, fitted to the clips approved then", async () => {
    const mine = { hook: "Trail-ready, always.", lines: ["My first line.", "My second line."] };
    expect((await h.api.put(`/api/sessions/${id}/script`, mine)).status).toBe(200);
    const started = await h.api.post(`/api/sessions/${id}/generate-clips`, {
      videoPrompt: "at golden hour on a lake shore",
      clipDurationSeconds: 2,
    });
    expect(started.status).toBe(202);
    const done = await waitForStatus(h.api, id, ["reviewing_videos", "failed"], 180_000);
    expect(done.session.status).toBe("reviewing_videos");
    expect(done.session.script).toEqual({ language: "en", ...mine });
    const newRun: string[] = done.session.metadata.clipRunIds;
    expect((await approve(newRun.slice(0, 2))).status).toBe(200);
    expect((await session()).script).toEqual({ language: "en", ...mine, lines: [mine.lines[0]] });
  });
});
