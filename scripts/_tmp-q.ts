import path from "node:path";
import { rm } from "node:fs/promises";
import { composeVideo } from "../lib/media/compose";
import { prepareEdit } from "../lib/media/prepare-edit";
import { clearClipInfoCache } from "../lib/media/clip-info";
const root = "/tmp/cx/in";
const clips = [0,1,2,3,4,5].map((i) => ({ path: path.join(root, `clip-${i}.mp4`) }));
const spec = (ratios: any) => ({ clips, crossfadeSeconds: 0.5, title: { text: "Pink Tennis Shoes", durationSeconds: 2 }, endCard: { text: "Shop now — 20% off", durationSeconds: 2 }, music: { path: path.join(root, "music.m4a") }, outputs: { ratios, scale: 1 } });
const cacheDir = "/tmp/cx/cache";
const cpu = () => { const u = process.resourceUsage(); return 0; };
if (process.argv[2] === "prep") { await rm(cacheDir, { recursive: true, force: true });
  const t0 = performance.now(); const r = await prepareEdit(spec(["9:16","1:1","16:9"]), { cacheDir }); console.log("prep", ((performance.now()-t0)/1000).toFixed(2), JSON.stringify(r)); }
for (const ratios of (process.env.RATIOS ? [process.env.RATIOS.split(",")] : [["9:16"], ["9:16","1:1","16:9"], ["9:16"], ["9:16","1:1","16:9"]])) {
  clearClipInfoCache();
  const t0 = performance.now();
  const res = await composeVideo(spec(ratios), { outDir: "/tmp/cx/out", workDir: "/tmp/cx/work", cacheDir });
  console.log(ratios.join(","), ((performance.now()-t0)/1000).toFixed(2), res.map((r) => `${r.ratio} ${r.method} ${JSON.stringify(r.stats)}`).join("\n  "));
}
