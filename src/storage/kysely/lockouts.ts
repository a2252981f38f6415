import type { Kysely } from 'kysely';
import type { LockoutStore } from '../ports.ts';
import type { Database } from './schema.ts';

export function lockoutStore(db: Kysely<Database>): LockoutStore {
  const where = (poolId: string, key: string) => db.selectFrom('lockouts').selectAll().where('pool_id', '=', poolId).where('username_key', '=', key);
  return {
    async get(poolId, key) {
      const r = await where(poolId, key).executeTakeFirst();
      return r && { failures: r.failures, lockedUntil: r.locked_until, lastFailureAt: r.last_failure_at };
    },
    async recordFailure(poolId, key, now, quietMs) {
      // One atomic upsert: the counter restarts when the previous failure is older than the quiet period.
      const row = await db
        .insertInto('lockouts')
        .values({ pool_id: poolId, username_key: key, failures: 1, locked_until: 0, last_failure_at: now })
        .onConflict((oc) =>
          oc.columns(['pool_id', 'username_key']).doUpdateSet((eb) => ({
            failures: eb
              .case()
              .when('lockouts.last_failure_at', '<', now - quietMs)
              .then(1)
              .else(eb('lockouts.failures', '+', 1))
              .end(),
            last_failure_at: now,
          })),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      return row.failures;
    },
    async lock(poolId, key, until) {
      await db.updateTable('lockouts').set({ locked_until: until }).where('pool_id', '=', poolId).where('username_key', '=', key).execute();
    },
    async clear(poolId, key) {
      await db.deleteFrom('lockouts').where('pool_id', '=', poolId).where('username_key', '=', key).execute();
    },
  };
}
