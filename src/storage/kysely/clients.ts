import type { Kysely } from 'kysely';
import type { Sealer } from '../../crypto/seal.ts';
import type { AppClient, ClientSecret } from '../../domain/types.ts';
import type { ClientStore } from '../ports.ts';
import { toPool } from './pools.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';

type Row = Database['app_clients'];

/** The client and its pool, in one query (every sign-in starts with it). */
const withPool = compiledOnce<{ clientId: string }, Row & { pool_name: string; pool_config: string; pool_created_at: number; pool_updated_at: number }>(
  (db, arg) =>
    db
      .selectFrom('app_clients as c')
      .innerJoin('user_pools as p', 'p.id', 'c.pool_id')
      .select([
        'c.client_id',
        'c.pool_id',
        'c.name',
        'c.secret',
        'c.secrets',
        'c.config',
        'c.created_at',
        'c.updated_at',
        'p.name as pool_name',
        'p.config as pool_config',
        'p.created_at as pool_created_at',
        'p.updated_at as pool_updated_at',
      ])
      .where('c.client_id', '=', arg('clientId')),
);

export function clientStore(db: Kysely<Database>, sealer: Sealer): ClientStore {
  /** The secrets of a row: the `secrets` list, or the single `secret` of a row written before it existed. */
  const secretsOf = (r: Pick<Row, 'client_id' | 'secret' | 'secrets' | 'created_at'>): ClientSecret[] => {
    if (r.secrets !== null) return JSON.parse(sealer.open(r.secrets));
    if (r.secret !== null) return [{ id: `${r.client_id}--${r.created_at}`, value: sealer.open(r.secret), createdAt: r.created_at }];
    return [];
  };
  const sealSecrets = (secrets: ClientSecret[]) => sealer.seal(JSON.stringify(secrets));
  const toClient = (r: Row): AppClient => ({
    clientId: r.client_id,
    poolId: r.pool_id,
    name: r.name,
    secrets: secretsOf(r),
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
          secret: null,
          secrets: sealSecrets(client.secrets),
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
      const row = (await withPool(db, { clientId })).rows[0];
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
    async replaceSecrets(clientId, expected, secrets) {
      const row = await db
        .selectFrom('app_clients')
        .select(['client_id', 'secret', 'secrets', 'created_at'])
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      if (!row) return false;
      const ids = (list: ClientSecret[]) => list.map((s) => s.id).join(' ');
      if (ids(secretsOf(row)) !== ids(expected)) return false;
      // Compare-and-swap on the sealed text read: a concurrent change of the secrets loses.
      let q = db
        .updateTable('app_clients')
        .set({ secret: null, secrets: sealSecrets(secrets) })
        .where('client_id', '=', clientId);
      q = row.secrets === null ? q.where('secrets', 'is', null) : q.where('secrets', '=', row.secrets);
      const result = await q.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
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
