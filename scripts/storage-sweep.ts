// `npm run storage:sweep`: compares storage with the database now and prints the findings
// as JSON — orphans (files no row holds; removed unless --dry-run), missing files (live
// assets whose file is gone; reported only), keys under sessions/ that are not the app's.
// Exits 1 when a file is missing. The same sweep runs daily in the worker.
//
//   npm run storage:sweep [-- --dry-run] [-- --grace-minutes=N]
import { bootstrap } from "../lib/bootstrap";
import { storage } from "../lib/storage";
import { sweepStorage } from "../lib/storage/lifecycle/sweep";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const grace = args.find((a) => a.startsWith("--grace-minutes="))?.split("=")[1];
if (grace !== undefined && !(Number(grace) >= 0)) {
  console.error("--grace-minutes must be a number ≥ 0");
  process.exit(2);
}

const runtime = await bootstrap();
try {
  const report = await sweepStorage({
    store: storage(),
    dryRun,
    graceMinutes: grace === undefined ? undefined : Number(grace),
  });
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.missing.length > 0 ? 1 : 0;
} finally {
  await runtime.shutdown();
}
