import type { Kysely } from 'kysely';
import type { AuthSessionStore } from '../ports.ts';
import type { Database } from './schema.ts';

export function authSessionStore(db: Kysely<Database>): AuthSessionStore {
  return {
    async create(record) {
      await db
        .insertInto('auth_sessions')
        .values({
          id_hash: record.idHash,
          pool_id: record.poolId,
          client_id: record.clientId,
          username: record.username,
          version: 0,
          state: record.state,
          expires_at: record.expiresAt,
          consumed_at: null,
        })
        .execute();
    },
    async get(idHash) {
      const r = await db.selectFrom('auth_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return (
        r && {
          idHash: r.id_hash,
          poolId: r.pool_id,
          clientId: r.client_id,
          username: r.username,
          version: r.version,
          state: r.state,
          expiresAt: r.expires_at,
          consumedAt: r.consumed_at ?? undefined,
        }
      );
    },
    async consume(idHash, version, now) {
      const result = await db
        .updateTable('auth_sessions')
        .set({ consumed_at: now, version: version + 1 })
        .where('id_hash', '=', idHash)
        .where('version', '=', version)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async update(idHash, version, state) {
      const result = await db
        .updateTable('auth_sessions')
        .set({ state, version: version + 1 })
        .where('id_hash', '=', idHash)
        .where('version', '=', version)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async reserveAttempt(idHash, limit, now) {
      const result = await db
        .updateTable('auth_sessions')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id_hash', '=', idHash)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .where('attempts', '<', limit)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async releaseAttempt(idHash) {
      await db
        .updateTable('auth_sessions')
        .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
        .where('id_hash', '=', idHash)
        .where('attempts', '>', 0)
        .execute();
    },
    async purgeExpired(before) {
      await db.deleteFrom('auth_sessions').where('expires_at', '<', before).execute();
    },
  };
}
