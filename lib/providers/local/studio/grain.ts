// Fine film grain from the seed: hides gradient banding (in the PNG and later in H.264) and
// takes the flat "vector art" edge off the render. A tile is enough; it repeats unnoticed.
import { createRng } from "../seeded";

export const GRAIN_TILE = 256;

export function grainTile(seed: number, amplitude: number): Buffer {
  const rng = createRng(seed);
  const px = Buffer.alloc(GRAIN_TILE * GRAIN_TILE * 3);
  for (let i = 0; i < GRAIN_TILE * GRAIN_TILE; i++) {
    const v = Math.max(0, Math.min(255, Math.round(128 + rng.gauss() * amplitude)));
    px[i * 3] = v;
    px[i * 3 + 1] = v;
    px[i * 3 + 2] = v;
  }
  return px;
}
