import { randomInt } from 'node:crypto';
import { fail } from '../errors.ts';
import { createVerifier, type ModPowN, verifyPasswordAsync } from '../crypto/srp.ts';
import { passwordPolicyOf, poolName } from './pool.ts';
import type { StoredPassword, User, UserPool } from './types.ts';

/** Characters Cognito counts as symbols (the space counts too). */
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- '.split(''));

/**
 * SignUp words its refusals "did not conform with"; the admin, challenge and self-service
 * password paths say "does not conform to".
 */
export type PasswordWording = 'signup' | 'other';

/** Throws InvalidPasswordException naming the first rule the password breaks. */
export function checkPasswordPolicy(pool: UserPool, password: string, wording: PasswordWording): void {
  const policy = passwordPolicyOf(pool);
  const prefix = wording === 'signup' ? 'Password did not conform with policy: ' : 'Password does not conform to policy: ';
  const broken =
    password.length < policy.MinimumLength
      ? 'Password not long enough'
      : policy.RequireUppercase && !/[A-Z]/.test(password)
        ? 'Password must have uppercase characters'
        : policy.RequireLowercase && !/[a-z]/.test(password)
          ? 'Password must have lowercase characters'
          : policy.RequireNumbers && !/[0-9]/.test(password)
            ? 'Password must have numeric characters'
            : policy.RequireSymbols && ![...password].some((c) => SYMBOLS.has(c))
              ? 'Password must have symbol characters'
              : undefined;
  if (broken) throw fail('InvalidPasswordException', prefix + broken);
}

/**
 * PasswordHistoryPolicyViolationException when `password` is one of the user's last
 * PasswordHistorySize passwords, the current one included (nothing to check at 0 or unset).
 * One modexp per remembered password, off the event loop.
 */
export async function checkPasswordHistory(pow: ModPowN, pool: UserPool, user: User, password: string): Promise<void> {
  const size = passwordPolicyOf(pool).PasswordHistorySize ?? 0;
  if (size === 0) return;
  const remembered = [...(user.password ? [user.password] : []), ...(user.passwordHistory ?? [])].slice(0, size);
  const matches = await Promise.all(remembered.map((old) => verifyPasswordAsync(pow, poolName(pool), user.username, password, old)));
  if (matches.includes(true)) {
    throw fail('PasswordHistoryPolicyViolationException', 'The password matches one of your previous passwords and cannot be used again.');
  }
}

/** The stored form of a password: SRP salt and verifier over the pool name and internal username. */
export function passwordVerifier(pool: UserPool, username: string, password: string): StoredPassword {
  return createVerifier(poolName(pool), username, password);
}

/** A temporary password that satisfies the pool's policy. */
export function generateTemporaryPassword(pool: UserPool): string {
  const policy = passwordPolicyOf(pool);
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '^$*.!@#%&'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < Math.max(policy.MinimumLength, 12)) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
