import type { Kysely } from 'kysely';
import type { CodeStore } from '../ports.ts';
import type { Database } from './schema.ts';

export function codeStore(db: Kysely<Database>): CodeStore {
  const key = (poolId: string, username: string, purpose: string) =>
    db.selectFrom('codes').where('pool_id', '=', poolId).where('username', '=', username).where('purpose', '=', purpose);
  return {
    async put(poolId, username, purpose, code) {
      const values = {
        pool_id: poolId,
        username,
        purpose,
        code_hash: code.codeHash,
        expires_at: code.expiresAt,
        attempts: code.attempts,
        created_at: Date.now(),
      };
      await db
        .insertInto('codes')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['pool_id', 'username', 'purpose']).doUpdateSet({
            code_hash: values.code_hash,
            expires_at: values.expires_at,
            attempts: values.attempts,
            created_at: values.created_at,
          }),
        )
        .execute();
    },
    async get(poolId, username, purpose) {
      const row = await key(poolId, username, purpose).select(['code_hash', 'expires_at', 'attempts']).executeTakeFirst();
      return row && { codeHash: row.code_hash, expiresAt: row.expires_at, attempts: row.attempts };
    },
    async reserve(poolId, username, purpose, limit) {
      const row = await db
        .updateTable('codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('purpose', '=', purpose)
        .where('attempts', '<', limit)
        .returning(['code_hash', 'expires_at', 'attempts'])
        .executeTakeFirst();
      if (row) return { codeHash: row.code_hash, expiresAt: row.expires_at, attempts: row.attempts };
      return (await key(poolId, username, purpose).select('attempts').executeTakeFirst()) ? 'limit' : undefined;
    },
    async take(poolId, username, purpose, codeHash) {
      const result = await db
        .deleteFrom('codes')
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('purpose', '=', purpose)
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async deleteAll(poolId, username) {
      await db.deleteFrom('codes').where('pool_id', '=', poolId).where('username', '=', username).execute();
    },
  };
}
