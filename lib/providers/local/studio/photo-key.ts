// Cuts a product out of a packshot on a plain backdrop (white paper, a seamless sweep), or
// says it cannot. The border must be nearly one colour; a flood fill spreads from it through
// pixels close to that colour that change smoothly (light fall-off goes, the product's edge
// stops it), and through the photo's own soft shadow (the backdrop colour, only darker), which
// goes too: every view stages the product under its own light and casts its own shadow, and a
// shadow carried over from the photo would fall the wrong way and count as product. Backdrop
// seen through the product (inside a mug's handle) goes as well.

type Rgb = [number, number, number];

const dist = (p: Buffer, i: number, c: Rgb) =>
  Math.hypot(p[i] - c[0], p[i + 1] - c[1], p[i + 2] - c[2]);
const step = (p: Buffer, i: number, j: number) =>
  Math.hypot(p[i] - p[j], p[i + 1] - p[j + 1], p[i + 2] - p[j + 2]);

const BORDER_TOLERANCE = 48;
/** How far from the backdrop colour the fill may wander, and the largest change per pixel. */
const FAR = 70;
const STEP = 9;
/** Backdrop-coloured specks within this distance are backdrop even past a sharp jump. */
const RING = 36;
/** A hole in the product starts at a pixel this close to the backdrop colour: plain paper. */
const HOLE = 12;
/** ...and is at least this share of the product (smaller is a highlight, not a hole). */
const HOLE_SHARE = 0.004;

const BACKDROP = 1;
const SHADOW = 2;

/** RGBA with the backdrop transparent, or undefined when the photo is not a clean packshot. */
export function keyPlainBackdrop(rgba: Buffer, W: number, H: number): Buffer | undefined {
  // The border walked round the frame: it must stay near one colour and change smoothly
  // (a sweep may darken towards the corners; a scene or a product at the edge jumps about).
  const border: number[] = [];
  for (let x = 0; x < W; x++) border.push(x);
  for (let y = 1; y < H; y++) border.push(y * W + W - 1);
  for (let x = W - 2; x >= 0; x--) border.push((H - 1) * W + x);
  for (let y = H - 2; y > 0; y--) border.push(y * W);
  const bg = [0, 1, 2].map(
    (c) => border.map((p) => rgba[p * 4 + c]).sort((a, b) => a - b)[border.length >> 1],
  ) as Rgb;
  if (border.filter((p) => dist(rgba, p * 4, bg) < BORDER_TOLERANCE).length / border.length < 0.9)
    return undefined;
  let wander = 0;
  for (let k = 1; k < border.length; k++) wander += step(rgba, border[k] * 4, border[k - 1] * 4);
  if (wander / border.length > 2.5) return undefined;

  const mark = new Uint8Array(W * H);
  const queue = new Int32Array(W * H);
  let tail = 0;
  for (const p of border)
    if (!mark[p] && dist(rgba, p * 4, bg) < BORDER_TOLERANCE) {
      mark[p] = BACKDROP;
      queue[tail++] = p;
    }
  const bgLum = bg[0] + bg[1] + bg[2];
  const visit = (p: number, q: number) => {
    if (mark[q]) return;
    const i = q * 4;
    if (step(rgba, i, p * 4) >= STEP * (mark[p] === SHADOW ? 1.5 : 1)) return;
    // A shadow pixel is the backdrop colour scaled darker (to k of its brightness), nothing else.
    const k = (rgba[i] + rgba[i + 1] + rgba[i + 2]) / bgLum;
    const shadowLike =
      bgLum > 150 &&
      k >= 0.4 &&
      k < 0.95 &&
      [0, 1, 2].every((c) => Math.abs(rgba[i + c] - k * bg[c]) <= 14);
    if (shadowLike) {
      mark[q] = SHADOW;
      queue[tail++] = q;
    } else if (dist(rgba, i, bg) < FAR) {
      mark[q] = BACKDROP;
      queue[tail++] = q;
    }
  };
  for (let head = 0; head < tail; head++) {
    const p = queue[head];
    const x = p % W;
    if (x > 0) visit(p, p - 1);
    if (x < W - 1) visit(p, p + 1);
    if (p >= W) visit(p, p - W);
    if (p < W * (H - 1)) visit(p, p + W);
  }

  // JPEG ringing leaves specks of backdrop that jump too sharply for the fill: take in any
  // pixel still close to the backdrop colour next to it, whatever the jump.
  for (let head = 0, n = tail; head < n; head++) {
    const p = queue[head];
    if (mark[p] !== BACKDROP) continue;
    const x = p % W;
    for (const q of [x > 0 ? p - 1 : -1, x < W - 1 ? p + 1 : -1, p - W, p + W]) {
      if (q < 0 || q >= W * H || mark[q] || dist(rgba, q * 4, bg) >= RING) continue;
      mark[q] = BACKDROP;
      queue[n++] = q;
    }
  }

  let product = 0;
  for (let p = 0; p < W * H; p++) if (!mark[p]) product++;
  if (product < 0.03 * W * H || product > 0.9 * W * H) return undefined;
  // The product must stand clear of the frame: a cut-off product would look sliced on a floor.
  if (edgeShares(mark, W, H).some((share) => share > 0.03)) return undefined;

  // Backdrop found between two parts of the product (above and below it in a column) means
  // the fill leaked into the product — a white sole on white paper. Better a print than that.
  if (sandwiched(mark, W, H) > 0.015 * product) return undefined;
  keyHoles(rgba, mark, W, H, bg, product);
  // The product's edge: smoothed (a fill follows JPEG noise pixel by pixel), pulled in by
  // about a pixel (the rim is a blend with the backdrop), and coloured from just inside, so
  // no pale fringe shows on a dark backdrop.
  const solid = new Float32Array(W * H);
  for (let p = 0; p < W * H; p++) solid[p] = mark[p] ? 0 : 1;
  const soft = blur3(blur3(solid, W, H), W, H);
  const out = Buffer.from(rgba);
  for (let p = 0; p < W * H; p++) {
    const i = p * 4;
    const a = Math.min(1, Math.max(0, (soft[p] - 0.5) * 2.5));
    if (a > 0) {
      if (soft[p] < 0.99) {
        const q = innermost(soft, p, W, H);
        for (let c = 0; c < 3; c++) out[i + c] = rgba[q * 4 + c];
      }
      out[i + 3] = Math.round(255 * a);
      continue;
    }
    out[i] = out[i + 1] = out[i + 2] = out[i + 3] = 0;
  }
  return out;
}

/**
 * Regions the border's fill could not reach that are plain backdrop all through (the paper
 * inside a handle or a strap): marked backdrop when big enough not to be a highlight.
 */
function keyHoles(rgba: Buffer, mark: Uint8Array, W: number, H: number, bg: Rgb, product: number) {
  const seen = new Uint8Array(W * H);
  const stack = new Int32Array(W * H);
  for (let s = 0; s < W * H; s++) {
    if (mark[s] || seen[s] || dist(rgba, s * 4, bg) >= HOLE) continue;
    const members: number[] = [];
    let top = 0;
    stack[top++] = s;
    seen[s] = 1;
    while (top) {
      const p = stack[--top];
      members.push(p);
      const x = p % W;
      for (const q of [x > 0 ? p - 1 : -1, x < W - 1 ? p + 1 : -1, p - W, p + W]) {
        if (q < 0 || q >= W * H || mark[q] || seen[q] || dist(rgba, q * 4, bg) >= RING) continue;
        seen[q] = 1;
        stack[top++] = q;
      }
    }
    if (members.length >= HOLE_SHARE * product) for (const p of members) mark[p] = BACKDROP;
  }
}

/** The pixel within two of p that lies deepest inside the product. */
function innermost(soft: Float32Array, p: number, W: number, H: number): number {
  const x = p % W,
    y = (p - x) / W;
  let best = p;
  for (let dy = -2; dy <= 2; dy++) {
    for (let dx = -2; dx <= 2; dx++) {
      const xx = x + dx,
        yy = y + dy;
      if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
      const q = yy * W + xx;
      if (soft[q] > soft[best]) best = q;
    }
  }
  return best;
}

/** Backdrop pixels with product both above and below them in their column. */
function sandwiched(mark: Uint8Array, W: number, H: number): number {
  let n = 0;
  for (let x = 0; x < W; x++) {
    let top = -1,
      bottom = -1;
    for (let y = 0; y < H; y++)
      if (!mark[y * W + x]) {
        top = top < 0 ? y : top;
        bottom = y;
      }
    for (let y = top + 1; y < bottom; y++) if (mark[y * W + x] === BACKDROP) n++;
  }
  return n;
}

/** A [1 2 1] blur across and down. */
function blur3(v: Float32Array, W: number, H: number): Float32Array {
  const a = new Float32Array(v.length),
    b = new Float32Array(v.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = y * W + x;
      a[p] = (v[x > 0 ? p - 1 : p] + 2 * v[p] + v[x < W - 1 ? p + 1 : p]) / 4;
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = y * W + x;
      b[p] = (a[y > 0 ? p - W : p] + 2 * a[p] + a[y < H - 1 ? p + W : p]) / 4;
    }
  }
  return b;
}

/** Share of each frame edge (top, bottom, left, right) covered by the product. */
function edgeShares(mark: Uint8Array, W: number, H: number): number[] {
  const count = (from: number, n: number, stride: number) => {
    let k = 0;
    for (let j = 0; j < n; j++) if (!mark[from + j * stride]) k++;
    return k / n;
  };
  return [count(0, W, 1), count((H - 1) * W, W, 1), count(0, H, W), count(W - 1, H, W)];
}
