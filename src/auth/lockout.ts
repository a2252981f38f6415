import { fail, messages } from '../errors.ts';
import type { Services } from '../services.ts';

/**
 * Cognito's failed-attempt lockout (auth-protocol.md §8.1): after 5 failures the user is locked
 * for 1 second, doubling with each further failure up to 15 minutes; attempts while locked fail
 * with `Password attempts exceeded` (even with the right password) and do not count; 15 quiet
 * minutes reset the count. Applies to password and SRP verification, not to custom challenges.
 */

export const FREE_FAILURES = 5;
export const MAX_LOCK_MS = 15 * 60_000;
export const QUIET_MS = 15 * 60_000;

/** Lock length after `failures` cumulative failures (0 while under the free budget). */
export function lockDuration(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, 1000 * 2 ** (failures - FREE_FAILURES));
}

/** Throws `Password attempts exceeded` while locked. Resolves whether failures are on record. */
export async function assertNotLocked(services: Services, poolId: string, key: string): Promise<boolean> {
  const state = await services.stores.lockouts.get(poolId, key);
  if (!state) return false;
  if (state.lockedUntil > services.clock.now()) throw fail('NotAuthorizedException', messages.passwordAttemptsExceeded);
  return true;
}

export async function recordFailure(services: Services, poolId: string, key: string): Promise<void> {
  const now = services.clock.now();
  const failures = await services.stores.lockouts.recordFailure(poolId, key, now, QUIET_MS);
  const lock = lockDuration(failures);
  if (lock > 0) await services.stores.lockouts.lock(poolId, key, now + lock);
}

export async function clearFailures(services: Services, poolId: string, key: string): Promise<void> {
  await services.stores.lockouts.clear(poolId, key);
}
