import path from "node:path";
import { composeVideo } from "../lib/media/compose";
import { framePsnr } from "../tests/compose/media-checks";
const root = "/tmp/cx/in";
const clips = [0,1,2,3,4,5].map((i) => ({ path: path.join(root, `clip-${i}.mp4`) }));
const spec = { clips, crossfadeSeconds: 0.5, title: { text: "Pink Tennis Shoes", durationSeconds: 2 }, endCard: { text: "Shop now — 20% off", durationSeconds: 2 }, music: { path: path.join(root, "music.m4a") }, outputs: { ratios: ["9:16", "16:9"] as any, scale: 1 } };
const fast = await composeVideo(spec, { outDir: "/tmp/cx/cmp-fast", workDir: "/tmp/cx/work", cacheDir: "/tmp/cx/cache" });
const ref = await composeVideo(spec, { outDir: "/tmp/cx/cmp-ref", workDir: "/tmp/cx/work", method: "reference" });
for (let i = 0; i < fast.length; i++) {
  const p = await framePsnr(ref[i].videoPath, fast[i].videoPath);
  const worst = p.map((v, f) => [v, f]).sort((a, b) => a[0] - b[0]).slice(0, 6);
  console.log(fast[i].ratio, fast[i].method, JSON.stringify(fast[i].stats), "frames", p.length, "min psnr", worst.map(([v, f]) => `${f}:${v.toFixed(1)}`).join(" "), "mean", (p.reduce((a, b) => a + b, 0) / p.length).toFixed(1));
}
