// A process with the driver guard installed that throws from a timer, like postgres.js does
// (`node --import tsx throw-in-timer.ts driver|other`); prints "alive" if it survives.
import { guardDriverCrashes } from "@/lib/db/driver-guard";

guardDriverCrashes();
const err = new TypeError("Cannot read properties of null (reading 'write')");
if (process.argv[2] === "driver") {
  err.stack = `${err.name}: ${err.message}\n    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
}
setImmediate(() => {
  throw err;
});
setTimeout(() => {
  console.log("alive");
  process.exit(0);
}, 200);
