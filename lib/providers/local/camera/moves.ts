// Camera moves over a still, as a virtual camera: zoom, where it looks (cx, cy as 0–1 of the
// frame), and for a sense of depth a keystone (yaw, pitch) and a slight roll. Extents grow
// with the motion intensity; small seeded choices (focus point, drift, direction) keep two
// clips of one session from moving identically.
import type { CameraMovement } from "../../types";
import type { Rng } from "../seeded";
import {
  type Curve,
  constant,
  eased,
  geometric,
  lit,
  product,
  sum,
  towards,
  tween,
  wave,
} from "./curves";

export type Camera = {
  zoom: Curve;
  cx: Curve;
  cy: Curve;
  /** Keystone about the vertical axis: > 0 makes the left edge look nearer. */
  yaw?: Curve;
  /** Keystone about the horizontal axis: > 0 makes the top edge look nearer. */
  pitch?: Curve;
  /** Radians. */
  roll?: Curve;
};

/** Motion intensity 0–1 mapped to how far a move goes; even 0 still moves a little. */
const reach = (intensity: number) => 0.15 + 0.85 * intensity;

export function planCamera(
  move: CameraMovement,
  intensity: number,
  seconds: number,
  rng: Rng,
): Camera {
  const r = reach(intensity);
  const ease = eased(rng.range(0.45, 0.7));
  const jitter = (spread: number) => rng.range(-spread, spread);
  switch (move) {
    case "static": {
      // Alive but still: one slow breath of zoom and a drift of a few pixels.
      const breaths = Math.max(0.5, seconds / 4);
      const drift = 0.002 + 0.004 * r;
      const zoom = sum(constant(1.035), wave(0.006 + 0.008 * r, breaths, rng.range(0, 1)));
      const dir = rng.chance(0.5) ? 1 : -1;
      return {
        zoom,
        cx: tween(0.5 - dir * drift, 0.5 + dir * drift, ease),
        cy: tween(0.5 + drift * 0.6, 0.5 - drift * 0.6, ease),
      };
    }
    case "zoom_in":
    case "zoom_out": {
      // The first (zoom in) or last (zoom out) frame is the whole image, so cuts show it entire.
      const far = 1 + 0.06 + 0.22 * r;
      const zoom = move === "zoom_in" ? geometric(1, far, ease) : geometric(far, 1, ease);
      return { zoom, cx: towards(0.5 + jitter(0.05), zoom), cy: towards(0.5 + jitter(0.05), zoom) };
    }
    case "pan_left":
    case "pan_right":
    case "tilt_up":
    case "tilt_down": {
      const z = 1 + 0.07 + 0.14 * r;
      const travel = (1 - 1 / z) * (0.55 + 0.4 * r);
      const sign = move === "pan_right" || move === "tilt_down" ? 1 : -1;
      const along = tween(0.5 - (sign * travel) / 2, 0.5 + (sign * travel) / 2, ease);
      const across = tween(0.5 + jitter(0.15) * travel, 0.5 + jitter(0.15) * travel, ease);
      // A hint of push-in and a keystone that follows the turn of the head, as a real pan has.
      const zoom = geometric(z, z * (1 + 0.015 * r), ease);
      const turn = tween(-sign * 0.012 * r, sign * 0.012 * r, ease);
      return move.startsWith("pan")
        ? { zoom, cx: along, cy: across, yaw: turn }
        : { zoom, cx: across, cy: along, pitch: turn };
    }
    case "orbit": {
      // A slow arc around the product: the picture plane swings (keystone from one side to
      // the other), slides the way the camera travels, pushes in at the middle and rolls a
      // hair, like a camera on a curved track.
      const dir = rng.chance(0.5) ? 1 : -1;
      const z = 1 + 0.1 + 0.1 * r;
      const travel = (1 - 1 / z) * 0.5;
      const swing = 0.02 + 0.06 * r;
      const roll = ((0.2 + 0.6 * r) * Math.PI) / 180;
      return {
        zoom: product(constant(z), sum(constant(1), wave(0.035 * r, 0.5))),
        cx: tween(0.5 - (dir * travel) / 2, 0.5 + (dir * travel) / 2, ease),
        cy: constant(0.5 + jitter(0.1) * travel),
        yaw: tween(dir * swing, -dir * swing, ease),
        roll: tween(-dir * roll, dir * roll, ease),
      };
    }
  }
}

type Corner = { x: Curve; y: Curve };

/** The four corners of the camera's window in source pixels: top-left, top-right, bottom-left, bottom-right. */
export function corners(cam: Camera, W: number, H: number): Corner[] {
  return [
    [-1, -1],
    [1, -1],
    [-1, 1],
    [1, 1],
  ].map(([sx, sy]) => {
    // Local offsets from the window centre, keystoned; then rolled; then placed.
    const lx = (p: number) =>
      ((sx * W) / (2 * cam.zoom.at(p))) * (1 + (cam.pitch?.at(p) ?? 0) * sy);
    const ly = (p: number) => ((sy * H) / (2 * cam.zoom.at(p))) * (1 + (cam.yaw?.at(p) ?? 0) * sx);
    const lxE = (p: string) =>
      `(${lit((sx * W) / 2)}/${cam.zoom.expr(p)}${cam.pitch ? `*(1+${lit(sy)}*${cam.pitch.expr(p)})` : ""})`;
    const lyE = (p: string) =>
      `(${lit((sy * H) / 2)}/${cam.zoom.expr(p)}${cam.yaw ? `*(1+${lit(sx)}*${cam.yaw.expr(p)})` : ""})`;
    const roll = cam.roll;
    if (!roll) {
      return {
        x: {
          at: (p) => W * cam.cx.at(p) + lx(p),
          expr: (p) => `(${lit(W)}*${cam.cx.expr(p)}+${lxE(p)})`,
        },
        y: {
          at: (p) => H * cam.cy.at(p) + ly(p),
          expr: (p) => `(${lit(H)}*${cam.cy.expr(p)}+${lyE(p)})`,
        },
      };
    }
    return {
      x: {
        at: (p) => W * cam.cx.at(p) + lx(p) * Math.cos(roll.at(p)) - ly(p) * Math.sin(roll.at(p)),
        expr: (p) =>
          `(${lit(W)}*${cam.cx.expr(p)}+${lxE(p)}*cos(${roll.expr(p)})-${lyE(p)}*sin(${roll.expr(p)}))`,
      },
      y: {
        at: (p) => H * cam.cy.at(p) + lx(p) * Math.sin(roll.at(p)) + ly(p) * Math.cos(roll.at(p)),
        expr: (p) =>
          `(${lit(H)}*${cam.cy.expr(p)}+${lxE(p)}*sin(${roll.expr(p)})+${lyE(p)}*cos(${roll.expr(p)}))`,
      },
    };
  });
}

function inside(cam: Camera, W: number, H: number, frames: number): boolean {
  const cs = corners(cam, W, H);
  for (let i = 0; i < frames; i++) {
    const p = frames > 1 ? i / (frames - 1) : 0;
    for (const c of cs) {
      const x = c.x.at(p),
        y = c.y.at(p);
      if (x < -1e-6 || y < -1e-6 || x > W + 1e-6 || y > H + 1e-6) return false;
    }
  }
  return true;
}

/**
 * The camera pushed in just enough that its window never leaves the image (keystone and
 * roll can reach past an edge the zoom alone would clear). Shrinking the window about its
 * centre keeps every earlier frame inside.
 */
export function keepInside(cam: Camera, W: number, H: number, frames: number): Camera {
  let k = 1;
  while (!inside({ ...cam, zoom: product(cam.zoom, constant(k)) }, W, H, frames)) {
    k *= 1.005;
    if (k > 2) throw new Error("camera move cannot stay inside the image");
  }
  return k === 1 ? cam : { ...cam, zoom: product(cam.zoom, constant(k)) };
}
