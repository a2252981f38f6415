import type { Kysely } from 'kysely';
import type { AuthorizationCodeStore } from '../ports.ts';
import type { Database } from './schema.ts';
import { optional } from './tx.ts';

export function authorizationCodeStore(db: Kysely<Database>): AuthorizationCodeStore {
  return {
    async add(c) {
      await db
        .insertInto('authorization_codes')
        .values({
          code_hash: c.codeHash,
          pool_id: c.poolId,
          client_id: c.clientId,
          username: c.username,
          sub: c.sub,
          redirect_uri: c.redirectUri,
          scopes: JSON.stringify(c.scopes),
          nonce: c.nonce ?? null,
          code_challenge: c.codeChallenge ?? null,
          auth_time: c.authTime,
          expires_at: c.expiresAt,
        })
        .execute();
    },
    async get(codeHash) {
      const r = await db.selectFrom('authorization_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
      return (
        r && {
          codeHash: r.code_hash,
          poolId: r.pool_id,
          clientId: r.client_id,
          username: r.username,
          sub: r.sub,
          redirectUri: r.redirect_uri,
          scopes: JSON.parse(r.scopes),
          nonce: optional(r.nonce),
          codeChallenge: optional(r.code_challenge),
          authTime: r.auth_time,
          expiresAt: r.expires_at,
        }
      );
    },
    async take(codeHash) {
      // One DELETE: of concurrent redemptions (in any process) exactly one removes the row.
      const result = await db.deleteFrom('authorization_codes').where('code_hash', '=', codeHash).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async purgeExpired(before) {
      await db.deleteFrom('authorization_codes').where('expires_at', '<', before).execute();
    },
  };
}
