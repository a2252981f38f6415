import type { KeyObject } from 'node:crypto';
import type { Rs256 } from '../crypto/rs256.ts';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An RS256 JWS in compact form, signed by `sign` (the server's choice of thread: crypto/rs256.ts).
 * node:crypto signs directly; jose's `SignJWT` goes through WebCrypto, whose job set-up held the
 * event loop about 90 µs per signature under load (docs/performance.md). Verification stays with
 * jose (src/tokens/access.ts).
 */
export async function signRs256(sign: Rs256, kid: string, claims: Record<string, unknown>, key: KeyObject): Promise<string> {
  const input = `${segment({ kid, alg: 'RS256' })}.${segment(claims)}`;
  return `${input}.${(await sign(Buffer.from(input), key)).toString('base64url')}`;
}
