import { createHash, createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { Services } from '../services.ts';
import type { StoredSigningKey } from '../storage/ports.ts';
import type { Jwk, PoolKeys, SigningKey, SigningKeyPurpose } from '../domain/signing-keys.ts';

/**
 * Per-pool RSA-2048 signing keys: one for ID tokens, one for access tokens (Cognito signs the
 * two kinds with different keys, so their `kid`s differ). Created on first use, kept in the
 * database (private key sealed), and held in process as KeyObjects so no PEM is parsed per
 * signature.
 */

const generate = promisify(generateKeyPair);
const purposes: readonly SigningKeyPurpose[] = ['id', 'access'];

/** `kid`: standard base64 of the RFC 7638 thumbprint, which looks like Cognito's (ends in `=`). */
function thumbprintKid(jwk: { e: string; n: string }): string {
  return createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
    .digest('base64');
}

async function newKey(poolId: string, purpose: SigningKeyPurpose, now: number): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const { n, e } = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return {
    poolId,
    kid: thumbprintKid({ n, e }),
    purpose,
    publicJwk: { kty: 'RSA', n, e },
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    createdAt: now,
  };
}

function toPoolKeys(stored: StoredSigningKey[]): PoolKeys {
  const byKid = new Map<string, SigningKey>();
  const chosen: Partial<Record<SigningKeyPurpose, SigningKey>> = {};
  for (const s of stored) {
    const key: SigningKey = {
      kid: s.kid,
      purpose: s.purpose,
      privateKey: createPrivateKey(s.privateKeyPem),
      publicKey: createPublicKey({ key: { kty: 'RSA', n: s.publicJwk.n, e: s.publicJwk.e }, format: 'jwk' }),
    };
    byKid.set(s.kid, key);
    // `stored` is oldest first: the first key of each purpose is the one everybody signs with.
    chosen[s.purpose] ??= key;
  }
  if (!chosen.id || !chosen.access) throw new Error('signing keys missing after creation');
  return {
    id: chosen.id,
    access: chosen.access,
    byKid,
    jwks: {
      keys: stored.map((s) => ({ alg: 'RS256', e: s.publicJwk.e, kid: s.kid, kty: 'RSA', n: s.publicJwk.n, use: 'sig' })),
    },
  };
}

async function loadOrCreate(services: Services, poolId: string): Promise<PoolKeys> {
  const store = services.stores.signingKeys;
  let stored = await store.list(poolId);
  const missing = purposes.filter((p) => !stored.some((k) => k.purpose === p));
  if (missing.length > 0) {
    // Key generation (tens of ms) happens outside the serialising transaction.
    const now = services.clock.now();
    const fresh = await Promise.all(missing.map((p) => newKey(poolId, p, now)));
    stored = await store.addMissing(poolId, fresh);
  }
  return toPoolKeys(stored);
}

/** The pool's keys, created on first use. The caller has checked that the pool exists. */
export function poolKeys(services: Services, poolId: string): Promise<PoolKeys> {
  const cache = services.poolKeys;
  let keys = cache.get(poolId);
  if (!keys) {
    keys = loadOrCreate(services, poolId);
    cache.set(poolId, keys);
    // A failure (database down) must not stick: the next call tries again.
    keys.catch(() => cache.delete(poolId));
  }
  return keys;
}

/** The pool's JWKS document: `{keys:[{alg, e, kid, kty, n, use}]}`. */
export async function poolJwks(services: Services, poolId: string): Promise<{ keys: Jwk[] }> {
  return (await poolKeys(services, poolId)).jwks;
}
