import type { KeyObject } from 'node:crypto';

/** `id` or `access`: Cognito signs the two token kinds with different keys. */
export type SigningKeyPurpose = 'id' | 'access';

/** A pool's signing keys as a server holds them in memory (tokens/keys.ts loads them). */

export interface SigningKey {
  kid: string;
  purpose: SigningKeyPurpose;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface Jwk {
  alg: 'RS256';
  e: string;
  kid: string;
  kty: 'RSA';
  n: string;
  use: 'sig';
}

export interface PoolKeys {
  /** The key each token kind is signed with. */
  id: SigningKey;
  access: SigningKey;
  /** Every key of the pool by kid (verification accepts any of them for its purpose). */
  byKid: ReadonlyMap<string, SigningKey>;
  jwks: { keys: Jwk[] };
}
