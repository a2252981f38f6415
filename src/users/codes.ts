import { timingSafeEqual } from 'node:crypto';
import { fail, messages } from '../errors.ts';
import { randomDigits } from '../domain/ids.ts';
import type { Services } from '../services.ts';

/**
 * One-time codes (sign-up confirmation, attribute verification, password reset). Only a keyed
 * hash is stored; a code is single-use, expires, and dies after a few wrong guesses.
 */

const HOUR = 60 * 60 * 1000;

// https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html

/** How long each kind of code lives: a day to confirm or verify an address, an hour to reset a password. */
export const codeLifetime = {
  signup: 24 * HOUR,
  verify: 24 * HOUR,
  forgot: HOUR,
} as const;

/** Wrong guesses a code survives before it is discarded. */
export const MAX_CODE_ATTEMPTS = 5;

/** Creates (or replaces) the user's code for `purpose` and returns it in clear for delivery. */
export async function issueCode(services: Services, poolId: string, username: string, purpose: string, lifetimeMs: number, digits = 6): Promise<string> {
  const code = randomDigits(digits);
  await services.stores.codes.put(poolId, username, purpose, {
    codeHash: services.sealer.digest(`${poolId}:${username}:${purpose}:${code}`),
    expiresAt: services.clock.now() + lifetimeMs,
    attempts: 0,
  });
  return code;
}

/**
 * Consumes a code: CodeMismatchException when wrong, ExpiredCodeException when expired, already
 * used, replaced or never issued. Each attempt is reserved before the code is compared, so
 * however many arrive at once only MAX_CODE_ATTEMPTS are ever compared; past them the code is
 * refused uncompared with LimitExceededException, as Cognito does, until a new one is issued.
 * `beforeTake` runs once the code is known to be right and before it is spent: what it throws
 * reaches the caller and leaves the code usable.
 */
export async function redeemCode(
  services: Services,
  poolId: string,
  username: string,
  purpose: string,
  code: string,
  beforeTake?: () => Promise<void>,
): Promise<void> {
  const { codes } = services.stores;
  const stored = await codes.reserve(poolId, username, purpose, MAX_CODE_ATTEMPTS);
  if (stored === 'limit') throw fail('LimitExceededException', messages.attemptLimit);
  if (!stored || stored.expiresAt <= services.clock.now()) throw fail('ExpiredCodeException', messages.codeExpired);
  const hash = services.sealer.digest(`${poolId}:${username}:${purpose}:${code}`);
  if (!timingSafeEqual(Buffer.from(hash, 'hex'), Buffer.from(stored.codeHash, 'hex'))) throw fail('CodeMismatchException', messages.codeMismatch);
  await beforeTake?.();
  if (!(await codes.take(poolId, username, purpose, hash))) throw fail('ExpiredCodeException', messages.codeExpired);
}
