// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html
import { usernameKey } from '../domain/pool.ts';
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * GlobalSignOut / AdminUserGlobalSignOut: every token issued so far stops working with Cognito's
 * own checks (access tokens through tokensValidAfter, refresh tokens revoked). Not a change of
 * the user's profile, so UserLastModifiedDate stays.
 */
export async function signOutEverywhere(services: Services, pool: UserPool, user: User): Promise<void> {
  const now = services.clock.now();
  user.tokensValidAfter = now;
  await services.stores.users.update(user, usernameKey(pool, user.username));
  await services.stores.refreshTokens.revokeUser(pool.id, user.username, now);
}
