// https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html
import { fail, messages } from '../errors.ts';
import { verifyPasswordAsync } from '../crypto/srp.ts';
import { checkPasswordHistory, checkPasswordPolicy, passwordVerifier } from '../domain/password.ts';
import { passwordPolicyOf, poolName } from '../domain/pool.ts';
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { saveUser } from './write-user.ts';

/**
 * Sets a user's password (verifier recomputed over the internal username). The one it replaces
 * joins the history the pool's PasswordHistorySize keeps (checkPasswordHistory reads it).
 */
export function setPassword(services: Services, pool: UserPool, user: User, password: string): void {
  const kept = (passwordPolicyOf(pool).PasswordHistorySize ?? 0) - 1;
  const earlier = [...(user.password ? [user.password] : []), ...(user.passwordHistory ?? [])].slice(0, Math.max(kept, 0));
  if (earlier.length > 0) user.passwordHistory = earlier;
  else delete user.passwordHistory;
  user.password = passwordVerifier(pool, user.username, password);
  user.passwordSetAt = services.clock.now();
}

/** Checks a new password against the pool's policy, then against the user's history, and sets it. */
async function replacePassword(services: Services, pool: UserPool, user: User, password: string): Promise<void> {
  checkPasswordPolicy(pool, password, 'other');
  await checkPasswordHistory(services.modexp, pool, user, password);
  setPassword(services, pool, user, password);
}

/**
 * A signed-in user changes their password (ChangePassword). `previous` must be the current one;
 * only a user who has none (passwordless sign-in) may leave it out.
 */
export async function changePassword(services: Services, pool: UserPool, user: User, previous: string | undefined, proposed: string): Promise<void> {
  if (user.password !== undefined) {
    if (previous === undefined || !(await verifyPasswordAsync(services.modexp, poolName(pool), user.username, previous, user.password))) {
      throw fail('NotAuthorizedException', messages.incorrectCredentials);
    }
  }
  await replacePassword(services, pool, user, proposed);
  await saveUser(services, pool, user);
}

/**
 * An administrator sets a user's password (AdminSetUserPassword): a permanent one confirms the
 * user whatever their status (EXTERNAL_PROVIDER included), a temporary one asks for a new
 * password at the next sign-in.
 */
export async function adminSetPassword(services: Services, pool: UserPool, user: User, password: string, permanent: boolean): Promise<void> {
  await replacePassword(services, pool, user, password);
  user.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  await saveUser(services, pool, user);
}
