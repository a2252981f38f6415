// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminEnableUser.html
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { saveUser } from './write-user.ts';

/** Disables the user: they cannot sign in, and every token issued so far stops working. */
export async function disableUser(services: Services, pool: UserPool, user: User): Promise<void> {
  user.enabled = false;
  user.tokensValidAfter = services.clock.now();
  await saveUser(services, pool, user);
}

/** Enables the user again (tokens revoked by disabling stay revoked). */
export async function enableUser(services: Services, pool: UserPool, user: User): Promise<void> {
  user.enabled = true;
  await saveUser(services, pool, user);
}
