import type { Kysely } from 'kysely';
import type { UserPoolDomain } from '../../domain/oauth.ts';
import type { DomainStore } from '../ports.ts';
import type { Database } from './schema.ts';

type Row = Database['user_pool_domains'];

const toDomain = (r: Row): UserPoolDomain => ({
  domain: r.domain,
  poolId: r.pool_id,
  kind: r.kind === 'custom' ? 'custom' : 'prefix',
  managedLoginVersion: r.managed_login_version === 2 ? 2 : 1,
  customDomainConfig: r.custom_config === null ? undefined : JSON.parse(r.custom_config),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function domainStore(db: Kysely<Database>): DomainStore {
  return {
    async create(d) {
      const result = await db
        .insertInto('user_pool_domains')
        .values({
          domain: d.domain,
          pool_id: d.poolId,
          kind: d.kind,
          managed_login_version: d.managedLoginVersion,
          custom_config: d.customDomainConfig === undefined ? null : JSON.stringify(d.customDomainConfig),
          created_at: d.createdAt,
          updated_at: d.updatedAt,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async get(domain) {
      const row = await db.selectFrom('user_pool_domains').selectAll().where('domain', '=', domain).executeTakeFirst();
      return row && toDomain(row);
    },
    async ofPool(poolId) {
      const rows = await db.selectFrom('user_pool_domains').selectAll().where('pool_id', '=', poolId).orderBy('kind', 'desc').execute();
      return rows.map(toDomain);
    },
    async update(d) {
      await db
        .updateTable('user_pool_domains')
        .set({
          managed_login_version: d.managedLoginVersion,
          custom_config: d.customDomainConfig === undefined ? null : JSON.stringify(d.customDomainConfig),
          updated_at: d.updatedAt,
        })
        .where('domain', '=', d.domain)
        .execute();
    },
    async delete(domain) {
      await db.deleteFrom('user_pool_domains').where('domain', '=', domain).execute();
    },
  };
}
