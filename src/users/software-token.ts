// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteSoftwareToken.html
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { saveUser } from './write-user.ts';

/**
 * Deletes the user's TOTP factor (a lost authenticator): the secret, verified or waiting for
 * VerifySoftwareToken, and the preference for it. The user can then associate a new one; where
 * the pool requires MFA and no other factor is left, the next sign-in asks for MFA setup.
 */
export async function deleteSoftwareToken(services: Services, pool: UserPool, user: User): Promise<void> {
  const { totpSecret, totpEnabled, totpFriendlyName, pendingTotpSecret, ...mfa } = user.mfa;
  if (totpSecret === undefined && totpEnabled === undefined && pendingTotpSecret === undefined) return;
  if (mfa.preferred === 'SOFTWARE_TOKEN_MFA') delete mfa.preferred;
  user.mfa = mfa;
  await saveUser(services, pool, user);
}
