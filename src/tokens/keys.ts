import { createHash, createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { Services } from '../services.ts';
import type { NewSigningKey, SigningKeyInfo, StoredSigningKey } from '../storage/ports.ts';
import { type Jwk, type PoolKeys, type SigningKey, type SigningKeyPurpose, signingKeyAt } from '../domain/signing-keys.ts';

/**
 * Per-pool RSA-2048 signing keys: one for ID tokens, one for access tokens (Cognito signs the
 * two kinds with different keys, so their `kid`s differ). Created on first use, kept in the
 * database (private key sealed), and held in process as KeyObjects so no PEM is parsed per
 * signature. Keys rotate (tokens/key-rotation.ts): a new key is written with the instant from
 * which servers sign with it, so each process rereads the pool's keys every
 * {@link KEY_CACHE_MS} and picks, at each signature, the latest key whose activation has come.
 */

const generate = promisify(generateKeyPair);
export const signingKeyPurposes: readonly SigningKeyPurpose[] = ['id', 'access'];

/**
 * How long a process keeps a pool's keys before reading them again (by the server's clock).
 * A rotation's activation delay longer than this lets every process learn the new key before
 * any signs with it.
 */
export const KEY_CACHE_MS = 10_000;

/** A token naming a kid this process does not know rereads the keys, at most this often. */
const UNKNOWN_KID_REREAD_MS = 1_000;

/** `kid`: standard base64 of the RFC 7638 thumbprint, which looks like Cognito's (ends in `=`). */
function thumbprintKid(jwk: { e: string; n: string }): string {
  return createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
    .digest('base64');
}

/** A fresh RSA-2048 key pair for `purpose` (tens of milliseconds: call it outside transactions). */
export async function newSigningKey(poolId: string, purpose: SigningKeyPurpose, now: number): Promise<NewSigningKey> {
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

const toJwk = (s: Pick<SigningKeyInfo, 'kid' | 'publicJwk'>): Jwk => ({ alg: 'RS256', e: s.publicJwk.e, kid: s.kid, kty: 'RSA', n: s.publicJwk.n, use: 'sig' });

function toSigningKey(s: StoredSigningKey): SigningKey {
  const jwk = toJwk(s);
  return {
    kid: s.kid,
    purpose: s.purpose,
    privateKey: createPrivateKey(s.privateKeyPem),
    publicKey: createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }),
    activatesAt: s.activatesAt,
    jwk,
  };
}

async function loadOrCreate(services: Services, poolId: string): Promise<SigningKey[]> {
  const store = services.stores.signingKeys;
  let stored = await store.list(poolId);
  const missing = signingKeyPurposes.filter((p) => !stored.some((k) => k.purpose === p));
  if (missing.length > 0) {
    // Key generation (tens of ms) happens outside the serialising transaction.
    const now = services.clock.now();
    const fresh = await Promise.all(missing.map((p) => newSigningKey(poolId, p, now)));
    stored = await store.addMissing(poolId, fresh);
  }
  return stored.map(toSigningKey);
}

function load(services: Services, poolId: string): Promise<SigningKey[]> {
  const cache = services.poolKeys;
  const keys = loadOrCreate(services, poolId);
  cache.set(poolId, { loadedAt: services.clock.now(), keys });
  // A failure (database down) must not stick: the next call tries again.
  keys.catch(() => {
    if (cache.get(poolId)?.keys === keys) cache.delete(poolId);
  });
  return keys;
}

/** The keys this process holds for the pool, read again once older than {@link KEY_CACHE_MS}. */
function heldKeys(services: Services, poolId: string): Promise<SigningKey[]> {
  const held = services.poolKeys.get(poolId);
  if (held && services.clock.now() - held.loadedAt < KEY_CACHE_MS) return held.keys;
  return load(services, poolId);
}

function asOf(keys: SigningKey[], now: number): PoolKeys {
  const id = signingKeyAt(keys, 'id', now);
  const access = signingKeyAt(keys, 'access', now);
  if (!id || !access) throw new Error('signing keys missing after creation');
  return { id, access, byKid: new Map(keys.map((k) => [k.kid, k])), jwks: { keys: keys.map((k) => k.jwk) } };
}

/** The pool's keys as of now, created on first use. The caller has checked that the pool exists. */
export async function poolKeys(services: Services, poolId: string): Promise<PoolKeys> {
  return asOf(await heldKeys(services, poolId), services.clock.now());
}

/**
 * The pool's key named `kid`, for verifying a token. An unknown kid may be a key another
 * process has just started signing with: the keys are read again then (at most once a second).
 */
export async function poolKeyByKid(services: Services, poolId: string, kid: string): Promise<SigningKey | undefined> {
  const keys = await heldKeys(services, poolId);
  const found = keys.find((k) => k.kid === kid);
  if (found) return found;
  const held = services.poolKeys.get(poolId);
  if (held && services.clock.now() - held.loadedAt < UNKNOWN_KID_REREAD_MS) return undefined;
  return (await load(services, poolId)).find((k) => k.kid === kid);
}

/**
 * The pool's JWKS document: `{keys:[{alg, e, kid, kty, n, use}]}`, read from the database at
 * each request, so a key written by a rotation (in any process) is published at once.
 */
export async function poolJwks(services: Services, poolId: string): Promise<{ keys: Jwk[] }> {
  let keys = await services.stores.signingKeys.listPublic(poolId);
  if (!signingKeyPurposes.every((p) => keys.some((k) => k.purpose === p))) {
    await load(services, poolId);
    keys = await services.stores.signingKeys.listPublic(poolId);
  }
  return { keys: keys.map(toJwk) };
}
