import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * TOTP as Cognito's software token MFA uses it (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html): RFC 6238 with HMAC-SHA1,
 * 6 digits, a 30-second step, and codes accepted one step before or after the current one.
 * Pure: the caller supplies the time and records which steps were used.
 */

/** The RFC 6238 time step, in milliseconds. */
export const TOTP_STEP_MS = 30_000;

const DIGITS = 6;
/** Steps either side of the current one a code may come from (clock skew). */
const WINDOW = 1;

/**
 * A new shared secret: 32 random bytes as RFC 4648 base32 without padding (52 characters of
 * A–Z and 2–7). Amplify pastes SecretCode verbatim into an otpauth:// URI, so no `=` padding.
 */
export function newTotpSecret(): string {
  // A fresh Uint8Array: a Buffer's ArrayBuffer may be a shared pool bigger than the secret.
  return new Secret({ buffer: new Uint8Array(randomBytes(32)).buffer }).base32;
}

/** The time step `now` (epoch ms) falls in. */
export function totpStep(now: number): number {
  return Math.floor(now / TOTP_STEP_MS);
}

/**
 * Checks a 6-digit code against `secret` (base32) at `now` (epoch ms). Resolves the time step
 * the code belongs to — the caller refuses a step already used — or undefined when the code
 * matches none of the current step and its neighbours.
 */
export function checkTotp(secret: string, code: string, now: number): number | undefined {
  if (!/^[0-9]{6}$/.test(code)) return undefined;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: TOTP_STEP_MS / 1000,
    timestamp: now,
    window: WINDOW,
  });
  return delta === null ? undefined : totpStep(now) + delta;
}
