// `npm run db:migrate`: apply migrations (and seed the demo user) without starting the app.
import { bootstrap } from "../lib/bootstrap";

const runtime = await bootstrap();
console.log("Database is up to date.");
await runtime.shutdown();
