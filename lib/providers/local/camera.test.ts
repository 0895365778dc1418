// Camera plans, without rendering: every move at every intensity, seed and frame shape keeps
// its window inside the picture, moves further with more intensity, and writes expressions
// any ffmpeg version parses (plain decimals, no exponents).
import { expect, test } from "vitest";
import { CAMERA_MOVEMENTS } from "../types";
import { cameraFilter } from "./camera/filter";
import { type Camera, corners, keepInside, planCamera } from "./camera/moves";
import { createRng } from "./seeded";

const frames = [
  [1080, 1920],
  [1080, 1080],
  [1920, 1080],
  [108, 192],
] as const;

function travel(cam: Camera, W: number, H: number): number {
  const cs = corners(cam, W, H);
  return Math.max(
    ...cs.flatMap((c) => [Math.abs(c.x.at(1) - c.x.at(0)), Math.abs(c.y.at(1) - c.y.at(0))]),
  );
}

test("every window stays inside the picture on every frame", () => {
  for (const move of CAMERA_MOVEMENTS) {
    for (const intensity of [0, 0.3, 0.7, 1]) {
      for (const seed of [1, 2, 3]) {
        for (const [W, H] of frames) {
          const n = 90;
          const cam = keepInside(planCamera(move, intensity, 3, createRng(seed)), W, H, n);
          let worst = 0; // how far any corner ever reaches outside, in pixels
          for (let i = 0; i < n; i++) {
            for (const c of corners(cam, W, H)) {
              const x = c.x.at(i / (n - 1)),
                y = c.y.at(i / (n - 1));
              worst = Math.max(worst, -x, -y, x - W, y - H);
            }
          }
          expect(worst, `${move} ${intensity} ${seed} ${W}x${H}`).toBeLessThanOrEqual(1e-6);
        }
      }
    }
  }
});

test("more intensity, more movement; a static shot barely moves", () => {
  for (const move of CAMERA_MOVEMENTS) {
    const gentle = travel(planCamera(move, 0.1, 3, createRng(5)), 1080, 1920);
    const strong = travel(planCamera(move, 0.9, 3, createRng(5)), 1080, 1920);
    expect(strong).toBeGreaterThan(gentle);
    if (move === "static") expect(strong).toBeLessThan(25);
    else expect(gentle).toBeGreaterThan(20);
  }
});

test("the zoom-in starts on the whole picture and the zoom-out ends on it", () => {
  const whole = (cam: Camera, p: number) =>
    corners(cam, 1080, 1920).map((c) => [Math.round(c.x.at(p)), Math.round(c.y.at(p))]);
  expect(whole(planCamera("zoom_in", 0.5, 3, createRng(1)), 0)).toEqual([
    [0, 0],
    [1080, 0],
    [0, 1920],
    [1080, 1920],
  ]);
  expect(whole(planCamera("zoom_out", 0.5, 3, createRng(1)), 1)).toEqual([
    [0, 0],
    [1080, 0],
    [0, 1920],
    [1080, 1920],
  ]);
});

test("the filter's expressions are plain arithmetic ffmpeg parses on every version", () => {
  for (const move of CAMERA_MOVEMENTS) {
    const f = cameraFilter(planCamera(move, 0.5, 3, createRng(9)), 1080, 1920, 90);
    expect(f).toMatch(
      /^format=yuv420p,loop=loop=89:size=1:start=0,setpts=N\/\(30\*TB\),perspective=/,
    );
    expect(f).not.toMatch(/\de[-+]?\d|NaN|Infinity|--/);
  }
});
