import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets at rest. One master secret (the server's, see config) yields, through HKDF, a key for
 * authenticated encryption of stored secrets and a key for keyed hashes of codes and tokens.
 */
export interface Sealer {
  /** AES-256-GCM; the output is `v1.<base64url(iv|tag|ciphertext)>`. */
  seal(plain: string): string;
  open(sealed: string): string;
  /** Keyed hash (HMAC-SHA256, hex) for values looked up by equality: codes, session handles. */
  digest(value: string): string;
  /** A key derived for one purpose (SRP secret blocks, simulated users, …). */
  derive(purpose: string, length?: number): Buffer;
}

export function createSealer(masterSecret: string | Buffer): Sealer {
  const ikm = typeof masterSecret === 'string' ? Buffer.from(masterSecret, 'utf8') : masterSecret;
  const derive = (purpose: string, length = 32) => Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), `cognate:${purpose}`, length));
  const encKey = derive('seal');
  const macKey = derive('digest');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format');
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    digest(value) {
      return createHmac('sha256', macKey).update(value, 'utf8').digest('hex');
    },
    derive,
  };
}

/** Plain SHA-256 hex, for values that are already high-entropy random (session handles). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
