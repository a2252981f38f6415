import { fail, messages } from '../errors.ts';
import type { Services } from '../services.ts';
import type { LockoutPolicy } from '../storage/ports.ts';

/**
 * Cognito's failed-attempt lockout
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior):
 * after 5 failures the user is locked for 1 second, doubling with each further failure up to
 * 15 minutes; attempts while locked fail with `Password attempts exceeded` (even with the right
 * password) and do not count; 15 quiet minutes reset the count. Applies to password and SRP
 * verification.
 *
 * Each attempt is reserved — counted as a failure, atomically across processes — before its
 * secret is judged, and a right secret clears the count: however many guesses arrive at once,
 * no more are judged than one at a time would be.
 */

export const FREE_FAILURES = 5;
export const MAX_LOCK_MS = 15 * 60_000;
export const QUIET_MS = 15 * 60_000;

const policy: LockoutPolicy = { quietMs: QUIET_MS, freeFailures: FREE_FAILURES, baseLockMs: 1000, maxLockMs: MAX_LOCK_MS };

/** Lock length after `failures` cumulative failures (0 while under the free budget). */
export function lockDuration(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, 1000 * 2 ** (failures - FREE_FAILURES));
}

const attemptsExceeded = () => fail('NotAuthorizedException', messages.passwordAttemptsExceeded);

/** Throws `Password attempts exceeded` while locked, counting nothing (a sign-in that does not judge a secret yet). */
export async function assertNotLocked(services: Services, poolId: string, key: string): Promise<void> {
  const state = await services.stores.lockouts.get(poolId, key);
  if (state && state.lockedUntil > services.clock.now()) {
    services.metrics.lockedOut();
    throw attemptsExceeded();
  }
}

/** Reserves an attempt before a secret is judged; throws `Password attempts exceeded` while locked. */
export async function reserveAttempt(services: Services, poolId: string, key: string): Promise<void> {
  const failures = await services.stores.lockouts.reserve(poolId, key, services.clock.now(), policy);
  if (failures === undefined) {
    services.metrics.lockedOut();
    throw attemptsExceeded();
  }
}

/** A right secret: the reserved attempt was no failure, and earlier ones are forgiven. */
export async function clearFailures(services: Services, poolId: string, key: string): Promise<void> {
  await services.stores.lockouts.clear(poolId, key);
}
