// The transaction type every query shares, and the one way code outside lib/db opens a
// transaction. A query that may run inside a caller's transaction takes it as an optional
// `tx` in its object argument and otherwise runs on the pool.
import { type Db, db } from "../client";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Tx | Db;

/** Runs `fn` in one transaction: all of its queries commit together or none does. */
export function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().transaction(fn);
}
