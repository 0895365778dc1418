// The Finish step's spoken-length estimate: an ad read at about 160 words a minute.
import { expect, test } from "vitest";
import { spokenSeconds } from "@/lib/creative/spoken-length";

test("a line's spoken length grows with its words, at an ad read's pace", () => {
  const short = spokenSeconds("Step out with confidence.");
  const long = spokenSeconds("Cold drinks stay cold and hot ones stay hot, for hours.");
  expect(short).toBeGreaterThan(1);
  expect(short).toBeLessThan(2.5);
  // 11 words at 140–190 words a minute: 3.5–4.7 s
  expect(long).toBeGreaterThan(3.4);
  expect(long).toBeLessThan(4.8);
  expect(spokenSeconds("")).toBe(0);
  expect(spokenSeconds("Save 20% today!")).toBeGreaterThan(spokenSeconds("Save today!"));
});
