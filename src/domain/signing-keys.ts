import type { KeyObject } from 'node:crypto';

/** `id` or `access`: Cognito signs the two token kinds with different keys. */
export type SigningKeyPurpose = 'id' | 'access';

/** A pool's signing keys as a server holds them in memory (tokens/keys.ts loads them). */

export interface SigningKey {
  kid: string;
  purpose: SigningKeyPurpose;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** When servers start signing with it (epoch ms). */
  activatesAt: number;
  jwk: Jwk;
}

export interface Jwk {
  alg: 'RS256';
  e: string;
  kid: string;
  kty: 'RSA';
  n: string;
  use: 'sig';
}

/** A pool's keys as of one instant (tokens/keys.ts derives it from the keys it holds). */
export interface PoolKeys {
  /** The key each token kind is signed with now: the latest of its purpose whose activation has come. */
  id: SigningKey;
  access: SigningKey;
  /** Every key of the pool by kid, pending and retired ones too (verification accepts any of them for its purpose). */
  byKid: ReadonlyMap<string, SigningKey>;
  jwks: { keys: Jwk[] };
}

/**
 * The key of `purpose` to sign with at `now`: of `keys` (ordered by activation), the last one
 * whose activation has come, or the first one when none has (clocks of two processes disagree).
 */
export function signingKeyAt<K extends { purpose: SigningKeyPurpose; activatesAt: number }>(
  keys: readonly K[],
  purpose: SigningKeyPurpose,
  now: number,
): K | undefined {
  let chosen: K | undefined;
  for (const k of keys) {
    if (k.purpose !== purpose) continue;
    if (chosen === undefined || k.activatesAt <= now) chosen = k;
  }
  return chosen;
}
