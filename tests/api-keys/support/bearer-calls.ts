// A separate process authenticating API-key calls against the same database (DATABASE_URL),
// for "the rate limit holds across processes": `node --import tsx bearer-calls.ts <count>`
// with the token in API_KEY_TOKEN. Prints one JSON line: each call's outcome, in order.
import { requireApiKeyUser } from "@/lib/auth/api-keys-bearer";
import { closeDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const count = Number(process.argv[2]);
const token = process.env.API_KEY_TOKEN ?? "";
const outcomes: string[] = [];
for (let i = 0; i < count; i++) {
  try {
    await requireApiKeyUser(token);
    outcomes.push("ok");
  } catch (err) {
    outcomes.push(err instanceof AppError ? err.code : String(err));
  }
}
console.log(JSON.stringify({ pid: process.pid, outcomes }));
await closeDb();
process.exit(0);
