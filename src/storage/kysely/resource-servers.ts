import type { Kysely } from 'kysely';
import type { ResourceServer } from '../../domain/oauth.ts';
import type { ResourceServerStore } from '../ports.ts';
import type { Database } from './schema.ts';

type Row = Database['resource_servers'];

const toServer = (r: Row): ResourceServer => ({
  poolId: r.pool_id,
  identifier: r.identifier,
  name: r.name,
  scopes: JSON.parse(r.scopes),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function resourceServerStore(db: Kysely<Database>): ResourceServerStore {
  return {
    async create(s) {
      const result = await db
        .insertInto('resource_servers')
        .values({
          pool_id: s.poolId,
          identifier: s.identifier,
          name: s.name,
          scopes: JSON.stringify(s.scopes),
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async get(poolId, identifier) {
      const row = await db.selectFrom('resource_servers').selectAll().where('pool_id', '=', poolId).where('identifier', '=', identifier).executeTakeFirst();
      return row && toServer(row);
    },
    async update(s) {
      await db
        .updateTable('resource_servers')
        .set({ name: s.name, scopes: JSON.stringify(s.scopes), updated_at: s.updatedAt })
        .where('pool_id', '=', s.poolId)
        .where('identifier', '=', s.identifier)
        .execute();
    },
    async delete(poolId, identifier) {
      await db.deleteFrom('resource_servers').where('pool_id', '=', poolId).where('identifier', '=', identifier).execute();
    },
    async list(poolId, limit, after) {
      let q = db
        .selectFrom('resource_servers')
        .selectAll()
        .where('pool_id', '=', poolId)
        .orderBy('identifier')
        .limit(limit + 1);
      if (after !== undefined) q = q.where('identifier', '>', after);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toServer);
      return { items, next: rows.length > limit ? items[items.length - 1]!.identifier : undefined };
    },
    async all(poolId) {
      const rows = await db.selectFrom('resource_servers').selectAll().where('pool_id', '=', poolId).orderBy('identifier').execute();
      return rows.map(toServer);
    },
  };
}
