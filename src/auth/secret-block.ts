import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Sealer } from '../crypto/seal.ts';
import type { Services } from '../services.ts';

/**
 * SECRET_BLOCK: real Cognito sends no Session with USER_SRP_AUTH's PASSWORD_VERIFIER challenge,
 * so the state of that step travels in this opaque block:
 * authenticated encryption (AES-256-GCM, key derived from the master secret) of the pool,
 * client, user, A, B, b, an expiry and a nonce (the single-use marker). Standard padded base64,
 * because clients base64-decode it into the signed message.
 */

/** The key of SECRET_BLOCKs, derived from the master secret (once per server: services.secretBlockKey). */
export function secretBlockKey(sealer: Sealer): Buffer {
  return sealer.derive('srp-secret-block');
}

/** Blocks grow in steps of this many bytes, so their length says little about what they hold. */
const STEP = 256;

export function sealBlock(services: Services, payload: object): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', services.secretBlockKey, iv);
  const json = Buffer.from(JSON.stringify(payload), 'utf8');
  // Trailing spaces pad the JSON to the next step (JSON.parse ignores them).
  const padded = Buffer.concat([json, Buffer.alloc(STEP - (json.length % STEP), ' ')]);
  const body = Buffer.concat([cipher.update(padded), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The payload, or undefined for anything that was not sealed by this server (tampered, foreign, garbage). */
export function openBlock<T>(services: Services, block: string): T | undefined {
  try {
    const raw = Buffer.from(block, 'base64');
    if (raw.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', services.secretBlockKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as T;
  } catch {
    return undefined;
  }
}
