import type { Kysely } from 'kysely';
import type { StoredWebAuthnCredential, WebAuthnStore } from '../ports.ts';
import type { Database } from './schema.ts';
import { optional } from './tx.ts';

type CredentialRow = Database['webauthn_credentials'];
type RegistrationRow = Database['webauthn_registrations'];

const toCredential = (r: CredentialRow): StoredWebAuthnCredential => ({
  poolId: r.pool_id,
  credentialId: r.credential_id,
  username: r.username,
  publicKey: r.public_key,
  signCount: Number(r.sign_count),
  transports: JSON.parse(r.transports),
  friendlyName: r.friendly_name,
  authenticatorAttachment: optional(r.authenticator_attachment),
  rpId: r.rp_id,
  createdAt: r.created_at,
  lastUsedAt: optional(r.last_used_at),
});

const toRegistration = (r: RegistrationRow) => ({
  poolId: r.pool_id,
  username: r.username,
  challenge: r.challenge,
  clientId: r.client_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export function webAuthnStore(db: Kysely<Database>): WebAuthnStore {
  return {
    async addRegistration(p) {
      await db
        .insertInto('webauthn_registrations')
        .values({
          pool_id: p.poolId,
          username: p.username,
          challenge: p.challenge,
          client_id: p.clientId,
          created_at: p.createdAt,
          expires_at: p.expiresAt,
        })
        .execute();
    },
    async getRegistration(poolId, username, challenge) {
      const row = await db
        .selectFrom('webauthn_registrations')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('challenge', '=', challenge)
        .executeTakeFirst();
      return row && toRegistration(row);
    },
    async takeRegistration(poolId, username, challenge) {
      const result = await db
        .deleteFrom('webauthn_registrations')
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('challenge', '=', challenge)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async purgeRegistrations(poolId, username, before) {
      await db.deleteFrom('webauthn_registrations').where('pool_id', '=', poolId).where('username', '=', username).where('expires_at', '<', before).execute();
    },
    async addCredential(c) {
      const result = await db
        .insertInto('webauthn_credentials')
        .values({
          pool_id: c.poolId,
          credential_id: c.credentialId,
          username: c.username,
          public_key: c.publicKey,
          sign_count: c.signCount,
          transports: JSON.stringify(c.transports),
          friendly_name: c.friendlyName,
          authenticator_attachment: c.authenticatorAttachment ?? null,
          rp_id: c.rpId,
          created_at: c.createdAt,
          last_used_at: c.lastUsedAt ?? null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async getCredential(poolId, credentialId) {
      const row = await db
        .selectFrom('webauthn_credentials')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('credential_id', '=', credentialId)
        .executeTakeFirst();
      return row && toCredential(row);
    },
    async credentialsOf(poolId, username) {
      const rows = await db
        .selectFrom('webauthn_credentials')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .orderBy('created_at')
        .orderBy('credential_id')
        .execute();
      return rows.map(toCredential);
    },
    async listCredentials(poolId, username, limit, after) {
      let q = db
        .selectFrom('webauthn_credentials')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .orderBy('credential_id')
        .limit(limit + 1);
      if (after !== undefined) q = q.where('credential_id', '>', after);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toCredential);
      return { items, next: rows.length > limit ? items[items.length - 1]!.credentialId : undefined };
    },
    async countCredentials(poolId, username) {
      const row = await db
        .selectFrom('webauthn_credentials')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async recordUse(poolId, credentialId, expectedCount, signCount, at) {
      const result = await db
        .updateTable('webauthn_credentials')
        .set({ sign_count: signCount, last_used_at: at })
        .where('pool_id', '=', poolId)
        .where('credential_id', '=', credentialId)
        .where('sign_count', '=', expectedCount)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async deleteCredential(poolId, username, credentialId) {
      const result = await db
        .deleteFrom('webauthn_credentials')
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('credential_id', '=', credentialId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
