// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html
import { usernameKey } from '../domain/pool.ts';
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * Deletes the user with their aliases, group memberships, codes, devices and passkeys. Their
 * refresh tokens stay, so a refresh says the user does not exist, unless `revokeSessions`
 * (DeleteUser: the user's sessions end with it, and a later user with the same name must not
 * inherit them).
 */
export async function deleteUser(services: Services, pool: UserPool, user: User, options: { revokeSessions: boolean }): Promise<void> {
  await services.stores.users.delete(pool.id, usernameKey(pool, user.username), user.username);
  if (options.revokeSessions) await services.stores.refreshTokens.revokeUser(pool.id, user.username, services.clock.now());
}
