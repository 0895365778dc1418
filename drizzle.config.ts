import { defineConfig } from "drizzle-kit";

// Only `npm run db:generate` uses this file: it turns lib/db/schema.ts into SQL in drizzle/.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
});
