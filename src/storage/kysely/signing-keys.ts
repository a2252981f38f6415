import type { Kysely } from 'kysely';
import type { Sealer } from '../../crypto/seal.ts';
import type { SigningKeyPurpose } from '../../domain/signing-keys.ts';
import type { NewSigningKey, SigningKeyInfo, SigningKeyStore, StoredSigningKey } from '../ports.ts';
import type { Database } from './schema.ts';
import { inTransaction } from './tx.ts';

type Row = Database['signing_keys'];

export function signingKeyStore(db: Kysely<Database>, sealer: Sealer): SigningKeyStore {
  const toInfo = (r: Omit<Row, 'private_key'>): SigningKeyInfo => ({
    poolId: r.pool_id,
    kid: r.kid,
    purpose: r.purpose as SigningKeyPurpose,
    publicJwk: JSON.parse(r.public_jwk),
    createdAt: r.created_at,
    activatesAt: r.activates_at ?? r.created_at,
    retiredAt: r.retired_at ?? undefined,
    dropAfter: r.drop_after ?? undefined,
  });
  const toKey = (r: Row): StoredSigningKey => ({ ...toInfo(r), privateKeyPem: sealer.open(r.private_key) });

  // By activation, creation, then kid, so every process sees the same order and picks the same key.
  const ordered = (q: Kysely<Database>, poolId: string) =>
    q
      .selectFrom('signing_keys')
      .where('pool_id', '=', poolId)
      .orderBy((eb) => eb.fn.coalesce('activates_at', 'created_at'))
      .orderBy('created_at')
      .orderBy('kid');
  const listIn = async (q: Kysely<Database>, poolId: string) => (await ordered(q, poolId).selectAll().execute()).map(toKey);

  /**
   * A no-op write on the pool row serialises concurrent writers of the pool's keys on both
   * dialects (a row lock on PostgreSQL, the write lock on SQLite): whoever comes second sees
   * what the first one wrote.
   */
  const lockPool = (trx: Kysely<Database>, poolId: string) =>
    trx
      .updateTable('user_pools')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', poolId)
      .execute();

  const insert = (trx: Kysely<Database>, keys: NewSigningKey[], activatesAt: (k: NewSigningKey) => number | null) =>
    trx
      .insertInto('signing_keys')
      .values(
        keys.map((k) => ({
          pool_id: k.poolId,
          kid: k.kid,
          purpose: k.purpose,
          public_jwk: JSON.stringify(k.publicJwk),
          private_key: sealer.seal(k.privateKeyPem),
          created_at: k.createdAt,
          activates_at: activatesAt(k),
          retired_at: null,
          drop_after: null,
        })),
      )
      .execute();

  return {
    list: (poolId) => listIn(db, poolId),
    async listPublic(poolId) {
      const rows = await ordered(db, poolId)
        .select(['pool_id', 'kid', 'purpose', 'public_jwk', 'created_at', 'activates_at', 'retired_at', 'drop_after'])
        .execute();
      return rows.map(toInfo);
    },
    async pools() {
      const rows = await db.selectFrom('signing_keys').select('pool_id').distinct().orderBy('pool_id').execute();
      return rows.map((r) => r.pool_id);
    },
    async addMissing(poolId, keys) {
      return inTransaction(db, async (trx) => {
        await lockPool(trx, poolId);
        const existing = await listIn(trx, poolId);
        const have = new Set(existing.map((k) => k.purpose));
        const missing = keys.filter((k) => !have.has(k.purpose));
        if (missing.length === 0) return existing;
        await insert(trx, missing, () => null);
        return listIn(trx, poolId);
      });
    },
    async rotate(poolId, keys, when) {
      return inTransaction(db, async (trx) => {
        await lockPool(trx, poolId);
        const purposes = [...new Set(keys.map((k) => k.purpose))];
        const existing = await trx
          .selectFrom('signing_keys')
          .select(['purpose', 'created_at'])
          .where('pool_id', '=', poolId)
          .where('purpose', 'in', purposes)
          .execute();
        if (when.ifNoneSince !== undefined && existing.some((k) => k.created_at >= when.ifNoneSince!)) return false;
        const have = new Set(existing.map((k) => k.purpose));
        await trx
          .updateTable('signing_keys')
          .set({ retired_at: when.activatesAt, drop_after: when.activatesAt + when.keepMs })
          .where('pool_id', '=', poolId)
          .where('purpose', 'in', purposes)
          .where('retired_at', 'is', null)
          .execute();
        // A purpose without a key so far gets one that signs at once: there is nothing to wait for.
        await insert(trx, keys, (k) => (have.has(k.purpose) ? when.activatesAt : null));
        return true;
      });
    },
    async dropRetired(poolId, now, keepMs) {
      const doomed = await db
        .selectFrom('signing_keys')
        .select('kid')
        .where('pool_id', '=', poolId)
        .where('retired_at', 'is not', null)
        .where('drop_after', '<=', now)
        .where('retired_at', '<=', now - keepMs)
        .execute();
      if (doomed.length === 0) return [];
      const kids = doomed.map((r) => r.kid);
      await db.deleteFrom('signing_keys').where('pool_id', '=', poolId).where('kid', 'in', kids).execute();
      return kids;
    },
  };
}
