import { readVideoIndex } from "../lib/media/mp4-index";
for (const f of process.argv.slice(2)) console.log(f, JSON.stringify(await readVideoIndex(f)));
