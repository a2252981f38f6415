import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Runs `work` in a transaction, or inside the caller's one when `db` is already a transaction. */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export const bool = (b: boolean) => (b ? 1 : 0);
export const optional = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
