import type { Kysely } from 'kysely';
import type { UsedTokenStore } from '../ports.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';

/** Inserts the id unless it is there: whoever inserts it first is the one use. */
const mark = compiledOnce<{ id: string; expiresAt: number }, never>((db, arg) =>
  db
    .insertInto('used_tokens')
    .values({ id: arg('id'), expires_at: arg('expiresAt') })
    .onConflict((oc) => oc.doNothing()),
);

export function usedTokenStore(db: Kysely<Database>): UsedTokenStore {
  return {
    async markUsed(id, expiresAt) {
      const result = await mark(db, { id, expiresAt });
      return Number(result.numAffectedRows ?? 0n) === 1;
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
