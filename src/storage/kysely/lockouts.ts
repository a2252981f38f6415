import { type Kysely, sql } from 'kysely';
import type { LockoutStore } from '../ports.ts';
import type { Database } from './schema.ts';

export function lockoutStore(db: Kysely<Database>): LockoutStore {
  return {
    async get(poolId, key) {
      const r = await db.selectFrom('lockouts').selectAll().where('pool_id', '=', poolId).where('username_key', '=', key).executeTakeFirst();
      return r && { failures: r.failures, lockedUntil: r.locked_until, lastFailureAt: r.last_failure_at };
    },
    async reserve(poolId, key, now, policy) {
      // One statement, so concurrent attempts (in any process) each see the count the one before
      // left: the count and the lock it implies are written together, and a locked row is not
      // updated at all (no row comes back).
      // Instants are cast: PostgreSQL would otherwise type a bare parameter after the other branches (integer).
      const ms = (n: number) => sql<number>`cast(${n} as bigint)`;
      const failures = sql<number>`(case when lockouts.last_failure_at < ${ms(now - policy.quietMs)} then 1 else lockouts.failures + 1 end)`;
      // base · 2^(failures − free), capped: the exponent where the cap is reached is known here.
      const capAt = Math.ceil(Math.log2(policy.maxLockMs / policy.baseLockMs));
      const over = sql<number>`(${failures} - ${policy.freeFailures})`;
      const lockedUntil = sql<number>`(case
        when ${over} < 0 then ${ms(0)}
        when ${over} >= ${capAt} then ${ms(now + policy.maxLockMs)}
        else ${ms(now)} + ${ms(policy.baseLockMs)} * (1 << cast(${over} as integer))
      end)`;
      const firstLock = policy.freeFailures <= 1 ? now + policy.baseLockMs : 0;
      const row = await db
        .insertInto('lockouts')
        .values({ pool_id: poolId, username_key: key, failures: 1, locked_until: firstLock, last_failure_at: now })
        .onConflict((oc) =>
          oc
            .columns(['pool_id', 'username_key'])
            .doUpdateSet({ failures, locked_until: lockedUntil, last_failure_at: now })
            .where('lockouts.locked_until', '<=', now),
        )
        .returning('failures')
        .executeTakeFirst();
      return row?.failures;
    },
    async clear(poolId, key) {
      await db.deleteFrom('lockouts').where('pool_id', '=', poolId).where('username_key', '=', key).execute();
    },
  };
}
