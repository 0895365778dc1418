import { expect, test } from "vitest";
import { framesDuration } from "../timeline";
import { concatList, joinManyArgs } from "./join";

test("the formats' joins are one run: each list into its own file, one shared audio track", () => {
  const args = joinManyArgs([
    { list: "a.ffconcat", audio: "bed.m4a", output: "a.mp4" },
    { list: "c.ffconcat", audio: "bed.m4a", output: "c.mp4" },
  ]);
  expect(args.filter((x) => x === "-i")).toHaveLength(3); // two lists, one shared audio track
  expect(args.slice(args.indexOf("a.mp4") - 10, args.indexOf("a.mp4"))).toContain("0:v:0");
  expect(args.slice(args.indexOf("c.mp4") - 10, args.indexOf("c.mp4"))).toContain("1:v:0");
  expect(args.slice(args.indexOf("c.mp4") - 10, args.indexOf("c.mp4"))).toContain("2:a:0");
});

test("a concat list quotes any path and refuses a newline in one", () => {
  expect(concatList([{ path: "it's.mp4", inpoint: "0.100000" }])).toBe(
    "ffconcat version 1.0\nfile 'it'\\''s.mp4'\ninpoint 0.100000\n",
  );
  expect(() => concatList([{ path: "a\nb.mp4" }])).toThrow("newline");
});

test("each entry can say how long it plays: a piece of 20 frames lasts 20/30 s, to the microsecond", () => {
  expect(concatList([{ path: "p.mp4", duration: framesDuration(20, 30) }])).toBe(
    "ffconcat version 1.0\nfile 'p.mp4'\nduration 0.666667\n",
  );
  expect(framesDuration(90, 30)).toBe("3.000000");
});
