// Import first: a fast sweeper for this test file (set before lib/env is read) — it looks
// every second, allows 2 s of silence past a 5 s provider deadline; errors-only logs.
import "../../support/quiet-logs";

process.env.SWEEP_INTERVAL_SECONDS = "1";
process.env.SWEEP_MARGIN_SECONDS = "2";
process.env.REPLICATE_DEADLINE_SECONDS = "5";
