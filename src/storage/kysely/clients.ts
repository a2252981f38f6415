import type { Kysely } from 'kysely';
import type { Sealer } from '../../crypto/seal.ts';
import type { AppClient } from '../../domain/types.ts';
import type { ClientStore } from '../ports.ts';
import { toPool } from './pools.ts';
import type { Database } from './schema.ts';

type Row = Database['app_clients'];

export function clientStore(db: Kysely<Database>, sealer: Sealer): ClientStore {
  const toClient = (r: Row): AppClient => ({
    clientId: r.client_id,
    poolId: r.pool_id,
    name: r.name,
    secret: r.secret === null ? undefined : sealer.open(r.secret),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    config: JSON.parse(r.config),
  });
  return {
    async create(client) {
      await db
        .insertInto('app_clients')
        .values({
          client_id: client.clientId,
          pool_id: client.poolId,
          name: client.name,
          secret: client.secret === undefined ? null : sealer.seal(client.secret),
          config: JSON.stringify(client.config),
          created_at: client.createdAt,
          updated_at: client.updatedAt,
        })
        .execute();
    },
    async get(clientId) {
      const row = await db.selectFrom('app_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
      return row && toClient(row);
    },
    async getWithPool(clientId) {
      const row = await db
        .selectFrom('app_clients as c')
        .innerJoin('user_pools as p', 'p.id', 'c.pool_id')
        .select([
          'c.client_id',
          'c.pool_id',
          'c.name',
          'c.secret',
          'c.config',
          'c.created_at',
          'c.updated_at',
          'p.name as pool_name',
          'p.config as pool_config',
          'p.created_at as pool_created_at',
          'p.updated_at as pool_updated_at',
        ])
        .where('c.client_id', '=', clientId)
        .executeTakeFirst();
      if (!row) return undefined;
      const { pool_name, pool_config, pool_created_at, pool_updated_at, ...client } = row;
      return {
        client: toClient(client),
        pool: toPool({ id: client.pool_id, name: pool_name, config: pool_config, created_at: pool_created_at, updated_at: pool_updated_at }),
      };
    },
    async update(client) {
      await db
        .updateTable('app_clients')
        .set({ name: client.name, config: JSON.stringify(client.config), updated_at: client.updatedAt })
        .where('client_id', '=', client.clientId)
        .execute();
    },
    async delete(clientId) {
      await db.deleteFrom('app_clients').where('client_id', '=', clientId).execute();
    },
    async list(poolId, limit, after) {
      let q = db
        .selectFrom('app_clients')
        .selectAll()
        .where('pool_id', '=', poolId)
        .orderBy('client_id')
        .limit(limit + 1);
      if (after !== undefined) q = q.where('client_id', '>', after);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toClient);
      return { items, next: rows.length > limit ? items[items.length - 1]!.clientId : undefined };
    },
  };
}
