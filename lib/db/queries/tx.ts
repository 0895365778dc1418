import type { Db } from "../client";

/** A drizzle transaction, or the pool itself, for queries that run either way. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Tx | Db;
