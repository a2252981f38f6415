import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { LockoutStore } from '../ports.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';

interface ReserveArgs {
  poolId: string;
  key: string;
  now: number;
  /** A failure before this instant is forgotten (the quiet period). */
  quietBefore: number;
  freeFailures: number;
  /** The exponent at which the lock reaches its cap. */
  capAt: number;
  cappedUntil: number;
  baseLockMs: number;
  /** locked_until of a first failure (0 unless one failure already locks). */
  firstLock: number;
}

const one = compiledOnce<{ poolId: string; key: string }, Database['lockouts']>((db, arg) =>
  db.selectFrom('lockouts').selectAll().where('pool_id', '=', arg('poolId')).where('username_key', '=', arg('key')),
);

/**
 * One statement, so concurrent attempts (in any process) each see the count the one before
 * left: the count and the lock it implies are written together, and a locked row is not updated
 * at all (no row comes back). Instants are cast: PostgreSQL would otherwise type a bare
 * parameter after the other branches (integer).
 */
const reserve = compiledOnce<ReserveArgs, { failures: number }>((db, arg) => {
  const ms = (n: number) => sql<number>`cast(${n} as bigint)`;
  const failures = sql<number>`(case when lockouts.last_failure_at < ${ms(arg('quietBefore'))} then 1 else lockouts.failures + 1 end)`;
  // base · 2^(failures − free), capped at capAt.
  const over = sql<number>`(${failures} - ${arg('freeFailures')})`;
  const lockedUntil = sql<number>`(case
        when ${over} < 0 then ${ms(0)}
        when ${over} >= ${arg('capAt')} then ${ms(arg('cappedUntil'))}
        else ${ms(arg('now'))} + ${ms(arg('baseLockMs'))} * (1 << cast(${over} as integer))
      end)`;
  return db
    .insertInto('lockouts')
    .values({ pool_id: arg('poolId'), username_key: arg('key'), failures: 1, locked_until: arg('firstLock'), last_failure_at: arg('now') })
    .onConflict((oc) =>
      oc
        .columns(['pool_id', 'username_key'])
        .doUpdateSet({ failures, locked_until: lockedUntil, last_failure_at: arg('now') })
        .where('lockouts.locked_until', '<=', arg('now')),
    )
    .returning('failures');
});

const clear = compiledOnce<{ poolId: string; key: string }, never>((db, arg) =>
  db.deleteFrom('lockouts').where('pool_id', '=', arg('poolId')).where('username_key', '=', arg('key')),
);

export function lockoutStore(db: Kysely<Database>): LockoutStore {
  return {
    async get(poolId, key) {
      const r = (await one(db, { poolId, key })).rows[0];
      return r && { failures: r.failures, lockedUntil: r.locked_until, lastFailureAt: r.last_failure_at };
    },
    async reserve(poolId, key, now, policy) {
      const row = (
        await reserve(db, {
          poolId,
          key,
          now,
          quietBefore: now - policy.quietMs,
          freeFailures: policy.freeFailures,
          capAt: Math.ceil(Math.log2(policy.maxLockMs / policy.baseLockMs)),
          cappedUntil: now + policy.maxLockMs,
          baseLockMs: policy.baseLockMs,
          firstLock: policy.freeFailures <= 1 ? now + policy.baseLockMs : 0,
        })
      ).rows[0];
      return row?.failures;
    },
    async clear(poolId, key) {
      await clear(db, { poolId, key });
    },
  };
}
