import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";

let sessionA: string;
let sessionB: string;

async function totalCost(id: string): Promise<number> {
  const [row] = await db().execute<{ total: string }>(
    sql`select total_cost as total from sessions where id = ${id}`,
  );
  return Number(row.total);
}

async function sumOfRows(id: string): Promise<number> {
  const [row] = await db().execute<{ sum: string }>(
    sql`select coalesce(sum(amount), 0) as sum from generation_costs where session_id = ${id}`,
  );
  return Number(row.sum);
}

beforeAll(async () => {
  const [user] = await db().execute<{ id: number }>(
    sql`insert into users (email, password_hash) values ('t@example.com', 'x') returning id`,
  );
  const rows = await db().execute<{ id: string }>(
    sql`insert into sessions (user_id) values (${user.id}), (${user.id}) returning id`,
  );
  [sessionA, sessionB] = rows.map((r) => r.id);
});

test("updated_at moves forward on update, created_at stays", async () => {
  const [before] = await db().execute<{ created_at: Date; updated_at: Date }>(
    sql`select created_at, updated_at from sessions where id = ${sessionA}`,
  );
  await new Promise((r) => setTimeout(r, 20));
  const [after] = await db().execute<{ created_at: Date; updated_at: Date }>(
    sql`update sessions set current_stage = 'image_gen' where id = ${sessionA} returning created_at, updated_at`,
  );
  expect(new Date(after.updated_at).getTime()).toBeGreaterThan(
    new Date(before.updated_at).getTime(),
  );
  expect(new Date(after.created_at).getTime()).toBe(new Date(before.created_at).getTime());

  for (const table of ["users", "assets"] as const) {
    const [row] = await db().execute<{ count: number }>(
      sql`select count(*)::int as count from pg_trigger where tgname = ${`update_${table}_updated_at`}`,
    );
    expect(row.count).toBe(1);
  }
});

test("total_cost follows inserts, updates, deletes and moves of cost rows", async () => {
  const insert = (session: string, amount: string) =>
    db().execute<{ id: number }>(
      sql`insert into generation_costs (session_id, category, amount) values (${session}, 'image_generation', ${amount}) returning id`,
    );
  const [first] = await insert(sessionA, "0.0400");
  const [second] = await insert(sessionA, "0.0550");
  expect(await totalCost(sessionA)).toBeCloseTo(0.095, 4);

  await db().execute(sql`update generation_costs set amount = 0.1 where id = ${first.id}`);
  expect(await totalCost(sessionA)).toBeCloseTo(0.155, 4);

  await db().execute(sql`delete from generation_costs where id = ${second.id}`);
  expect(await totalCost(sessionA)).toBeCloseTo(0.1, 4);

  await db().execute(
    sql`update generation_costs set session_id = ${sessionB} where id = ${first.id}`,
  );
  expect(await totalCost(sessionA)).toBe(0);
  expect(await totalCost(sessionB)).toBeCloseTo(0.1, 4);

  await db().execute(sql`delete from generation_costs where session_id = ${sessionB}`);
  expect(await totalCost(sessionB)).toBe(0);
  for (const id of [sessionA, sessionB]) expect(await totalCost(id)).toBe(await sumOfRows(id));
});
