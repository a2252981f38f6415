import type { Kysely } from 'kysely';
import type { UsedTokenStore } from '../ports.ts';
import type { Database } from './schema.ts';

export function usedTokenStore(db: Kysely<Database>): UsedTokenStore {
  return {
    async markUsed(id, expiresAt) {
      const result = await db
        .insertInto('used_tokens')
        .values({ id, expires_at: expiresAt })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async isUsed(id, now) {
      const row = await db.selectFrom('used_tokens').select('id').where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
      return row !== undefined;
    },
    async purgeExpired(before) {
      await db.deleteFrom('used_tokens').where('expires_at', '<', before).execute();
    },
  };
}
