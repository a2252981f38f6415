import { type Kysely, sql } from 'kysely';
import type { SendLimitStore } from '../ports.ts';
import type { Database } from './schema.ts';

export function sendLimitStore(db: Kysely<Database>): SendLimitStore {
  return {
    async take(poolId, key, now, limit) {
      // One statement, so concurrent sends (in any process) each see the count the one before
      // left: an ended window starts again at 1, a full one is not updated at all (no row comes
      // back). The SET expressions read the row as it was before this statement.
      // Instants are cast: PostgreSQL would otherwise type a bare parameter after the other branches (integer).
      const ms = (n: number) => sql<number>`cast(${n} as bigint)`;
      const ended = sql<boolean>`send_limits.window_end <= ${ms(now)}`;
      const row = await db
        .insertInto('send_limits')
        .values({ pool_id: poolId, send_key: key, window_start: now, sends: 1, window_end: now + limit.windowMs })
        .onConflict((oc) =>
          oc
            .columns(['pool_id', 'send_key'])
            .doUpdateSet({
              sends: sql<number>`(case when ${ended} then 1 else send_limits.sends + 1 end)`,
              window_start: sql<number>`(case when ${ended} then ${ms(now)} else send_limits.window_start end)`,
              window_end: sql<number>`(case when ${ended} then ${ms(now + limit.windowMs)} else send_limits.window_end end)`,
            })
            .where((eb) => eb.or([eb('send_limits.window_end', '<=', now), eb('send_limits.sends', '<', limit.count)])),
        )
        .returning('sends')
        .executeTakeFirst();
      return row !== undefined;
    },
    async purgeEnded(before) {
      await db.deleteFrom('send_limits').where('window_end', '<', before).execute();
    },
  };
}
