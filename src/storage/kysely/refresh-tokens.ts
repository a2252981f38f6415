import type { Kysely } from 'kysely';
import type { RefreshTokenStore, StoredRefreshToken } from '../ports.ts';
import type { Database } from './schema.ts';
import { optional } from './tx.ts';

type Row = Database['refresh_tokens'];

export function refreshTokenStore(db: Kysely<Database>): RefreshTokenStore {
  const toToken = (r: Row): StoredRefreshToken => ({
    tokenHash: r.token_hash,
    poolId: r.pool_id,
    clientId: r.client_id,
    username: r.username,
    originJti: r.origin_jti,
    deviceKey: optional(r.device_key),
    authTime: r.auth_time,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revokedAt: optional(r.revoked_at),
    replacedAt: optional(r.replaced_at),
    scopes: r.scopes === null ? undefined : JSON.parse(r.scopes),
  });
  return {
    async add(t) {
      await db
        .insertInto('refresh_tokens')
        .values({
          token_hash: t.tokenHash,
          pool_id: t.poolId,
          client_id: t.clientId,
          username: t.username,
          origin_jti: t.originJti,
          device_key: t.deviceKey ?? null,
          auth_time: t.authTime,
          issued_at: t.issuedAt,
          expires_at: t.expiresAt,
          revoked_at: t.revokedAt ?? null,
          replaced_at: t.replacedAt ?? null,
          scopes: t.scopes === undefined ? null : JSON.stringify(t.scopes),
          last_used_at: null,
        })
        .execute();
    },
    async get(tokenHash) {
      const row = await db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toToken(row);
    },
    async markReplaced(tokenHash, at) {
      const result = await db
        .updateTable('refresh_tokens')
        .set({ replaced_at: at })
        .where('token_hash', '=', tokenHash)
        .where('replaced_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async revokeOrigin(poolId, originJti, at) {
      await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: at })
        .where('origin_jti', '=', originJti)
        .where('pool_id', '=', poolId)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async revokeUser(poolId, username, at) {
      await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: at })
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async sessionsOf(poolId, username, now) {
      const rows = await db
        .selectFrom('refresh_tokens')
        .select((eb) => [
          'origin_jti',
          'client_id',
          eb.fn.min('auth_time').as('created_at'),
          eb.fn.max(eb.fn.coalesce('last_used_at', 'issued_at')).as('last_active_at'),
        ])
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .where((eb) => eb.or([eb('replaced_at', 'is', null), eb('replaced_at', '>', now)]))
        .groupBy(['origin_jti', 'client_id'])
        .execute();
      return rows
        .map((r) => ({ originJti: r.origin_jti, clientId: r.client_id, createdAt: Number(r.created_at), lastActiveAt: Number(r.last_active_at) }))
        .sort((a, b) => b.lastActiveAt - a.lastActiveAt || (a.originJti < b.originJti ? -1 : 1));
    },
    async markUsed(tokenHash, at) {
      await db.updateTable('refresh_tokens').set({ last_used_at: at }).where('token_hash', '=', tokenHash).execute();
    },
    async originRevoked(poolId, originJti) {
      const row = await db
        .selectFrom('refresh_tokens')
        .select('token_hash')
        .where('origin_jti', '=', originJti)
        .where('pool_id', '=', poolId)
        .where('revoked_at', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
