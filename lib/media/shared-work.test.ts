import { expect, test } from "vitest";
import { sharedWork } from "./shared-work";

const later = <T>(value: T, ms = 20, fail = false) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => (fail ? reject(new Error("cancelled")) : resolve(value)), ms),
  );

test("a second caller waits for the work already running instead of doing it again", async () => {
  const map = new Map<string, Promise<string>>();
  let runs = 0;
  const make = () => {
    runs++;
    return later("done");
  };
  expect(await Promise.all([sharedWork(map, "k", make), sharedWork(map, "k", make)])).toEqual([
    "done",
    "done",
  ]);
  expect(runs).toBe(1);
  expect(map.size).toBe(0); // gone once done (unless kept)
  await sharedWork(map, "memo", make, { keep: true });
  expect(map.has("memo")).toBe(true);
});

test("someone else's cancellation is not ours: the waiting caller does the work itself", async () => {
  const map = new Map<string, Promise<string>>();
  const first = sharedWork(map, "k", () => later("", 10, true));
  const second = sharedWork(map, "k", () => later("mine"));
  await expect(first).rejects.toThrow("cancelled");
  expect(await second).toBe("mine");

  const aborted = AbortSignal.abort();
  const third = sharedWork(map, "j", () => later("", 10, true));
  await expect(sharedWork(map, "j", () => later("never"), { signal: aborted })).rejects.toThrow(
    "cancelled",
  );
  await expect(third).rejects.toThrow();
});

test("work someone waits for never waits on low-priority background work", async () => {
  const map = new Map<string, Promise<string>>();
  let runs = 0;
  const counted = (make: () => Promise<string>) => () => {
    runs++;
    return make();
  };
  const slow = sharedWork(
    map,
    "k",
    counted(() => later("background", 200)),
    {
      lowPriority: true,
    },
  );
  const urgent = sharedWork(
    map,
    "k",
    counted(() => later("foreground", 10)),
  );
  const more = sharedWork(
    map,
    "k",
    counted(() => later("again")),
    { lowPriority: true },
  ); // background may wait on anything
  expect(await urgent).toBe("foreground");
  expect(await more).toBe("foreground");
  expect(runs).toBe(2);
  await slow;
});
