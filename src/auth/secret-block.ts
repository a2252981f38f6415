import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Services } from '../services.ts';

/**
 * SECRET_BLOCK: real Cognito sends no Session with USER_SRP_AUTH's PASSWORD_VERIFIER challenge,
 * so the state of that step travels in this opaque block (auth-protocol.md §2.3, §4.10):
 * authenticated encryption (AES-256-GCM, key derived from the master secret) of the pool,
 * client, user, A, B, b, an expiry and a nonce (the single-use marker). Standard padded base64,
 * because clients base64-decode it into the signed message.
 */

const keys = new WeakMap<Services, Buffer>();

function keyOf(services: Services): Buffer {
  let key = keys.get(services);
  if (!key) {
    key = services.sealer.derive('srp-secret-block');
    keys.set(services, key);
  }
  return key;
}

export function sealBlock(services: Services, payload: object): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(services), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The payload, or undefined for anything that was not sealed by this server (tampered, foreign, garbage). */
export function openBlock<T>(services: Services, block: string): T | undefined {
  try {
    const raw = Buffer.from(block, 'base64');
    if (raw.length < 29) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', keyOf(services), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as T;
  } catch {
    return undefined;
  }
}
