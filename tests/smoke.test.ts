import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "@/lib/db/client";

test("each test file gets its own migrated database", async () => {
  const [row] = await db().execute<{ name: string; tables: number }>(sql`
    select current_database() as name,
      (select count(*)::int from information_schema.tables where table_schema = 'public') as tables`);
  expect(row.name).toMatch(/^adsmith_t\d+_[0-9a-f]{10}$/);
  expect(row.tables).toBeGreaterThanOrEqual(5);
});
