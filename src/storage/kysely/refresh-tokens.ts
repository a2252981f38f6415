import type { Kysely } from 'kysely';
import type { RefreshTokenStore, StoredRefreshToken } from '../ports.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';
import { optional } from './tx.ts';

type Row = Database['refresh_tokens'];

const insert = compiledOnce<Row, never>((db, arg) =>
  db.insertInto('refresh_tokens').values({
    token_hash: arg('token_hash'),
    pool_id: arg('pool_id'),
    client_id: arg('client_id'),
    username: arg('username'),
    origin_jti: arg('origin_jti'),
    device_key: arg('device_key'),
    auth_time: arg('auth_time'),
    issued_at: arg('issued_at'),
    expires_at: arg('expires_at'),
    revoked_at: arg('revoked_at'),
    replaced_at: arg('replaced_at'),
    scopes: arg('scopes'),
    last_used_at: arg('last_used_at'),
  }),
);
const byHash = compiledOnce<{ hash: string }, Row>((db, arg) => db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', arg('hash')));
const used = compiledOnce<{ hash: string; at: number }, never>((db, arg) =>
  db
    .updateTable('refresh_tokens')
    .set({ last_used_at: arg('at') })
    .where('token_hash', '=', arg('hash')),
);

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
    lastUsedAt: optional(r.last_used_at),
  });
  return {
    async add(t) {
      await insert(db, {
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
        last_used_at: t.lastUsedAt ?? null,
      });
    },
    async get(tokenHash) {
      const row = (await byHash(db, { hash: tokenHash })).rows[0];
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
      await used(db, { hash: tokenHash, at });
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
