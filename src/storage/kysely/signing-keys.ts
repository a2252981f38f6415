import type { Kysely } from 'kysely';
import type { Sealer } from '../../crypto/seal.ts';
import type { SigningKeyPurpose } from '../../domain/signing-keys.ts';
import type { SigningKeyStore, StoredSigningKey } from '../ports.ts';
import type { Database } from './schema.ts';
import { inTransaction } from './tx.ts';

type Row = Database['signing_keys'];

export function signingKeyStore(db: Kysely<Database>, sealer: Sealer): SigningKeyStore {
  const toKey = (r: Row): StoredSigningKey => ({
    poolId: r.pool_id,
    kid: r.kid,
    purpose: r.purpose as SigningKeyPurpose,
    publicJwk: JSON.parse(r.public_jwk),
    privateKeyPem: sealer.open(r.private_key),
    createdAt: r.created_at,
  });

  // Oldest first, the kid breaking ties, so every process picks the same key per purpose.
  const listIn = async (q: Kysely<Database>, poolId: string) =>
    (await q.selectFrom('signing_keys').selectAll().where('pool_id', '=', poolId).orderBy('created_at').orderBy('kid').execute()).map(toKey);

  return {
    list: (poolId) => listIn(db, poolId),
    async addMissing(poolId, keys) {
      return inTransaction(db, async (trx) => {
        // A no-op write on the pool row serialises concurrent creators on both dialects
        // (a row lock on PostgreSQL, the write lock on SQLite): whoever comes second sees the
        // first one's keys and inserts nothing, so all processes converge on one key per purpose.
        await trx
          .updateTable('user_pools')
          .set((eb) => ({ updated_at: eb.ref('updated_at') }))
          .where('id', '=', poolId)
          .execute();
        const existing = await listIn(trx, poolId);
        const have = new Set(existing.map((k) => k.purpose));
        const missing = keys.filter((k) => !have.has(k.purpose));
        if (missing.length === 0) return existing;
        await trx
          .insertInto('signing_keys')
          .values(
            missing.map((k) => ({
              pool_id: poolId,
              kid: k.kid,
              purpose: k.purpose,
              public_jwk: JSON.stringify(k.publicJwk),
              private_key: sealer.seal(k.privateKeyPem),
              created_at: k.createdAt,
            })),
          )
          .execute();
        return listIn(trx, poolId);
      });
    },
  };
}
