// A separate process making login attempts against the same database (DATABASE_URL), for the
// "rate limit holds across processes" test: `node --import tsx login-attempts.ts <email> <ip> <password>...`.
// Prints one JSON line: the outcome of each attempt, in order.
import { checkCredentials } from "@/lib/auth/accounts";
import { closeDb } from "@/lib/db/client";

const [email, ip, ...passwords] = process.argv.slice(2);
const outcomes: string[] = [];
for (const password of passwords) {
  const r = await checkCredentials({ email, password }, ip);
  outcomes.push(r.ok ? "ok" : r.reason);
}
console.log(JSON.stringify({ pid: process.pid, outcomes }));
await closeDb();
process.exit(0);
