// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Services } from '../services.ts';

/**
 * The secret handed to CustomEmailSender / CustomSMSSender functions, encrypted. Cognito
 * encrypts it with the pool's KMS key (AWS Encryption SDK); locally there is no KMS, so it is
 * AES-256-GCM under a key derived with HKDF-SHA256 from `--sender-key` (or, without one, the
 * master secret), info `cognate:custom-sender`, no salt. The `code` is base64 of
 * `iv (12 bytes) | tag (16 bytes) | ciphertext`. docs/triggers.md shows the decryption.
 */

const SENDER_KEY_INFO = 'cognate:custom-sender';

/** The AES key of the custom senders (also what a test or a function derives to decrypt). */
export function senderKeyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), SENDER_KEY_INFO, 32));
}

function senderKey(services: Services): Buffer {
  if (services.config.senderKey !== undefined) return senderKeyFrom(services.config.senderKey);
  // The sealer derives with the same HKDF over the master secret and info `cognate:<purpose>`.
  return services.sealer.derive('custom-sender');
}

export function encryptSenderCode(services: Services, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', senderKey(services), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The inverse of {@link encryptSenderCode}, given the key. */
export function decryptSenderCode(key: Buffer, code: string): string {
  const raw = Buffer.from(code, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
