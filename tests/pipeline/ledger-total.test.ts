// sessions.total_cost is kept by a trigger that sums the session's cost rows. Provider calls
// of one session finish together (its images, its clips), each writing its row in its own
// transaction: the total must still be the sum of the rows afterwards.
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { recordCall } from "@/lib/pipeline/ledger";
import type { CallRecord } from "@/lib/providers/types";

let sessionId: string;

beforeAll(async () => {
  const [user] = await db().execute<{ id: number }>(
    sql`insert into users (email, password_hash) values ('ledger@example.com', 'x') returning id`,
  );
  const [s] = await db().execute<{ id: string }>(
    sql`insert into sessions (user_id) values (${user.id}) returning id`,
  );
  sessionId = s.id;
});

const call = (amountUsd: number): CallRecord => ({
  amountUsd,
  provider: "replicate",
  model: "flux-1.1-pro",
  latencyMs: 2000,
  predictionId: `p${amountUsd}`,
});

test("cost rows written at the same time, in transactions and alone, all count in the session's total", async () => {
  const writes = Array.from({ length: 24 }, (_, i) => {
    const entry = {
      sessionId,
      category: "image_generation" as const,
      call: call(0.0001 * (i + 1)),
      success: i % 4 !== 0,
    };
    if (i % 3 === 0) return recordCall(entry); // a failure's row, written on its own
    // A job's save: the asset, then its cost row, then the commit a moment later.
    return db().transaction(async (tx) => {
      await recordCall({ ...entry, tx });
      await tx.execute(sql`select pg_sleep(0.02)`);
    });
  });
  await Promise.all(writes);
  const [row] = await db().execute<{ total: string; sum: string; n: number }>(
    sql`select s.total_cost as total, (select sum(amount) from generation_costs where session_id = s.id) as sum,
        (select count(*)::int from generation_costs where session_id = s.id) as n from sessions s where s.id = ${sessionId}`,
  );
  expect(row.n).toBe(24);
  expect(Number(row.sum)).toBeCloseTo(0.03, 4); // 0.0001 × (1 + … + 24)
  expect(Number(row.total)).toBeCloseTo(Number(row.sum), 4);
});
