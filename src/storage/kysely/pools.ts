import type { Kysely } from 'kysely';
import type { UserPool } from '../../domain/types.ts';
import type { PoolStore } from '../ports.ts';
import type { Database } from './schema.ts';
import { inTransaction } from './tx.ts';

type Row = Database['user_pools'];

export const toPool = (r: Row): UserPool => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  config: JSON.parse(r.config),
});

/** Tables holding a pool's data, emptied when the pool is deleted. */
const poolTables = [
  'app_clients',
  'users',
  'user_aliases',
  'user_index',
  'groups',
  'user_groups',
  'codes',
  'outbox',
  'auth_sessions',
  'signing_keys',
  'refresh_tokens',
  'lockouts',
  'devices',
  'webauthn_credentials',
  'webauthn_registrations',
  'user_pool_domains',
  'resource_servers',
  'authorization_codes',
  'pool_documents',
  'user_import_jobs',
] as const;

export function poolStore(db: Kysely<Database>): PoolStore {
  return {
    async create(pool) {
      await db
        .insertInto('user_pools')
        .values({
          id: pool.id,
          name: pool.name,
          config: JSON.stringify(pool.config),
          created_at: pool.createdAt,
          updated_at: pool.updatedAt,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('user_pools').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPool(row);
    },
    async update(pool) {
      await db
        .updateTable('user_pools')
        .set({ name: pool.name, config: JSON.stringify(pool.config), updated_at: pool.updatedAt })
        .where('id', '=', pool.id)
        .execute();
    },
    async delete(id) {
      await inTransaction(db, async (trx) => {
        for (const table of poolTables) await trx.deleteFrom(table).where('pool_id', '=', id).execute();
        await trx.deleteFrom('user_pools').where('id', '=', id).execute();
      });
    },
    async list(limit, after) {
      let q = db
        .selectFrom('user_pools')
        .selectAll()
        .orderBy('id')
        .limit(limit + 1);
      if (after !== undefined) q = q.where('id', '>', after);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toPool);
      return { items, next: rows.length > limit ? items[items.length - 1]!.id : undefined };
    },
  };
}
