import { expect, test } from "vitest";
import { JoinBatch, joinManyArgs } from "./join-batch";

test("the formats' joins run once, together, after every format joined or left", async () => {
  const runs: string[][] = [];
  const batch = new JoinBatch(3, async (args) => void runs.push(args));
  const a = batch.join({ list: "a.ffconcat", audio: "bed.m4a", output: "a.mp4" });
  batch.leave(); // this format fell back to a one-pass render
  expect(runs).toHaveLength(0); // still waiting for the third
  const c = batch.join({ list: "c.ffconcat", audio: "bed.m4a", output: "c.mp4" });
  await Promise.all([a, c]);
  expect(runs).toHaveLength(1);
  expect(runs[0].filter((x) => x === "-i")).toHaveLength(3); // two lists, one shared audio track
  expect(runs[0]).toEqual(
    joinManyArgs([
      { list: "a.ffconcat", audio: "bed.m4a", output: "a.mp4" },
      { list: "c.ffconcat", audio: "bed.m4a", output: "c.mp4" },
    ]),
  );
  expect(runs[0].slice(runs[0].indexOf("c.mp4") - 10, runs[0].indexOf("c.mp4"))).toContain("1:v:0");
});

test("a failed join fails every format in it; nobody joining runs nothing", async () => {
  const batch = new JoinBatch(2, async () => {
    throw new Error("disk full");
  });
  const a = batch.join({ list: "a", audio: "m", output: "a.mp4" });
  const b = batch.join({ list: "b", audio: "m", output: "b.mp4" });
  await expect(a).rejects.toThrow("disk full");
  await expect(b).rejects.toThrow("disk full");
  let ran = false;
  const empty = new JoinBatch(2, async () => void (ran = true));
  empty.leave();
  empty.leave();
  expect(ran).toBe(false);
});
