import { type KeyObject, sign } from 'node:crypto';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An RS256 JWS in compact form. node:crypto's `sign` with a callback runs in libuv's thread
 * pool and touches the event loop for a few microseconds; jose's `SignJWT` goes through
 * WebCrypto, whose job set-up held the event loop about 90 µs per signature under load
 * (docs/performance.md). Verification stays with jose (src/tokens/access.ts).
 */
export function signRs256(kid: string, claims: Record<string, unknown>, key: KeyObject): Promise<string> {
  const input = `${segment({ kid, alg: 'RS256' })}.${segment(claims)}`;
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(input), key, (error, signature) => {
      if (error) reject(error);
      else resolve(`${input}.${signature.toString('base64url')}`);
    });
  });
}
