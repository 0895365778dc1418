// Scenes for a cut-out product photo (transparent around the product). The product stands
// on the studio floor with a contact and a cast shadow, floats tilted under a side light,
// sits backlit on a podium, lies on a flat-lay table, fills a close-up, or stands in a room.
import { layout } from "./compose";
import type { PhotoContext, PhotoScene } from "./photo";
import {
  blurred,
  castShadow,
  type Layer,
  place,
  reflection,
  sideLight,
  silhouette,
  transform,
} from "./photo-layers";
import { closeUp } from "./photo-print";
import { flatLaySurface, lifestyleRoom, podium, shadowEllipse, studioBackdrop } from "./scene";

/** A cut-out is never enlarged more than this over its own pixels (it would look soft). */
const MAX_ENLARGE = 3;

function fitScale(c: PhotoContext, maxW: number, maxH: number): number {
  return Math.min(maxW / c.photo.width, maxH / c.photo.height, MAX_ENLARGE);
}

type Standing = {
  scale: number;
  offsetX: number;
  mirror: boolean;
  podium?: boolean;
  float?: boolean;
  tilt?: number;
  light?: "left" | "right";
  halo?: boolean;
};

/** The product standing (or floating) on the studio sweep. */
async function studio(c: PhotoContext, o: Standing): Promise<PhotoScene> {
  const { W, H, u, rng, look, f } = c;
  const L = layout(W, H);
  const podiumH = o.podium ? H * 0.07 : 0;
  const s = fitScale(c, L.maxW, L.maxH) * o.scale * (o.podium ? 0.82 : 1);
  const pw = c.photo.width * s,
    ph = c.photo.height * s;
  const x = W / 2 + o.offsetX * W + rng.range(-0.015, 0.015) * W;
  const floor = L.ground + rng.range(-0.01, 0.01) * H;
  const ground = floor - podiumH;
  const lift = o.float ? H * 0.045 : 0;
  const under = [
    studioBackdrop(f, floor - L.horizonGap, x, ground - ph * 0.55, Math.max(W, H) * 0.55),
  ];
  if (o.podium) under.push(podium(f, x, ground, Math.max(pw * 0.62, W * 0.22), podiumH));
  under.push(
    shadowEllipse(f, x, o.float ? floor : ground, pw * (o.float ? 0.5 : 0.56), o.float ? 0.9 : 1.1),
  );

  let product = await transform(c.photo, pw, ph, { mirror: o.mirror, rotate: o.tilt });
  if (o.light)
    product = await sideLight(product, o.light === "left", look.mood === "dark" ? 1.3 : 1);
  const cx = x,
    cy = ground - lift - ph / 2;
  const layers = [];
  if (o.halo) {
    const glow = await blurred(
      silhouette(product, look.glow, Math.min(0.9, look.glowOpacity * 1.8)),
      u * 0.045,
    );
    layers.push(await place(glow, cx - glow.width / 2, cy - glow.height / 2, W, H, "screen"));
  }
  if (!o.float) {
    const lean = o.mirror ? 1 : -1;
    const shadow = await castShadow(
      await transform(c.photo, pw, ph, { mirror: o.mirror }),
      look.shadow,
      look.shadowOpacity * 0.8,
      0.12,
      Math.max(1.5, u * 0.012),
    );
    layers.push(
      await place(
        shadow,
        x - shadow.width / 2 + lean * pw * 0.06,
        ground - (shadow.height - shadow.margin) + u * 0.004,
        W,
        H,
      ),
    );
    if (look.reflection && !o.podium)
      layers.push(
        await place(await reflection(product, 0.32), cx - product.width / 2, ground, W, H),
      );
  }
  layers.push(await place(product, cx - product.width / 2, cy - product.height / 2, W, H));
  return { under: under.join(""), layers, vignette: look.vignette };
}

async function flatLay(c: PhotoContext): Promise<PhotoScene> {
  const { W, H, u, rng, look, f } = c;
  const tall = c.photo.height > c.photo.width * 1.3;
  const turn = W > H * 1.2 && tall ? -90 : 0;
  const fits = turn
    ? Math.min((W * 0.66) / c.photo.height, (H * 0.72) / c.photo.width, MAX_ENLARGE)
    : fitScale(c, W * 0.66, H * 0.6);
  const rotate = turn + rng.range(6, 14) * (rng.chance(0.5) ? 1 : -1) * (c.alternate ? -1 : 1);
  const product = await transform(c.photo, c.photo.width * fits, c.photo.height * fits, {
    mirror: c.alternate,
    rotate,
  });
  const cx = W / 2 + rng.range(-0.02, 0.02) * W,
    cy = H / 2 + rng.range(-0.02, 0.02) * H;
  const shadow = await blurred(
    silhouette(product, look.shadow, look.shadowOpacity * 0.9),
    u * 0.018,
  );
  return {
    under: flatLaySurface(f),
    layers: [
      await place(
        shadow,
        cx - shadow.width / 2 + u * 0.025,
        cy - shadow.height / 2 + u * 0.035,
        W,
        H,
      ),
      await place(product, cx - product.width / 2, cy - product.height / 2, W, H),
    ],
    vignette: look.vignette * 0.7,
  };
}

async function room(c: PhotoContext): Promise<PhotoScene> {
  const { W, H, u, rng, look, f } = c;
  const L = layout(W, H);
  const horizon = L.room + rng.range(-0.02, 0.02) * H;
  const ground = horizon + (H - horizon) * rng.range(0.4, 0.5);
  const s = fitScale(c, L.maxW * 0.74, L.maxH * 0.7);
  const pw = c.photo.width * s,
    ph = c.photo.height * s;
  const x = W * (0.5 + (c.alternate ? -1 : 1) * rng.range(0.03, 0.08));
  const scene = lifestyleRoom(f, horizon, x, pw, c.alternate);
  // The room's window light falls from the right (from the left when mirrored).
  const product: Layer = await sideLight(
    await transform(c.photo, pw, ph, { mirror: c.alternate }),
    c.alternate,
    0.8,
  );
  const shadow = await castShadow(
    product,
    look.shadow,
    look.shadowOpacity * 0.9,
    0.1,
    Math.max(1.5, u * 0.01),
  );
  return {
    under: scene.back + shadowEllipse(f, x, ground, pw * 0.58, 1.1),
    layers: [
      await place(
        shadow,
        x - shadow.width / 2 + (c.alternate ? 1 : -1) * pw * 0.08,
        ground - (shadow.height - shadow.margin) + u * 0.004,
        W,
        H,
      ),
      await place(product, x - pw / 2, ground - ph, W, H),
    ],
    over: scene.front,
    vignette: look.vignette,
  };
}

export function cutoutScene(c: PhotoContext): Promise<PhotoScene> {
  const side = c.alternate ? -1 : 1;
  switch (c.view) {
    case "front":
      return studio(c, { scale: 1, offsetX: 0, mirror: c.alternate });
    case "side":
      return studio(c, {
        scale: 0.95,
        offsetX: -0.05 * side,
        mirror: !c.alternate,
        float: true,
        tilt: side * c.rng.range(4, 8),
        light: side > 0 ? "right" : "left",
      });
    case "back":
      return studio(c, {
        scale: 0.9,
        offsetX: 0,
        mirror: c.alternate,
        podium: true,
        halo: true,
        light: side > 0 ? "left" : "right",
      });
    case "top":
      return flatLay(c);
    case "detail":
      return closeUp(c);
    case "lifestyle":
      return room(c);
  }
}
