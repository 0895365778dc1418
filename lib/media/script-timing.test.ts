// A script spoken by the offline voice, cut back into its lines: each line's span covers
// exactly its words, in order, so a clip can be held as long as its line is heard.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { localSpeech } from "../providers/local/speech";
import { scriptLineTimes, scriptText } from "./script-timing";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "script-timing-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test("each line's time is its words' time; lines follow one another with a pause", async () => {
  const lines = [
    "Meet the bottle that keeps up 🙂",
    "Cold for 24 hours",
    "Hot for 12",
    "Shop now!",
  ];
  const text = scriptText(lines);
  expect(text).toBe("Meet the bottle that keeps up 🙂. Cold for 24 hours. Hot for 12. Shop now!");
  const { output } = await localSpeech.synthesize(
    { text, voice: "flite-kal", language: "en", speed: 1 },
    { workDir: dir, sessionId: "s" },
  );
  const spans = scriptLineTimes(lines, output.words);
  expect(spans).toHaveLength(4);
  const w = output.words;
  // Line 2 is "Cold for 24 hours." — words 6–9 of the synthesis (the emoji rides with "up").
  expect(w[6].word).toBe("Cold");
  expect(spans[1]).toEqual({ start: w[6].start, end: w[9].end });
  for (let i = 1; i < spans.length; i++) {
    expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end);
    expect(spans[i].end).toBeGreaterThan(spans[i].start);
  }
  expect(spans.at(-1)!.end).toBeLessThanOrEqual(output.durationSeconds);
});
