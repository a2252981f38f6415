// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteSoftwareToken.html
import { checkTotp, TOTP_STEP_MS } from '../crypto/totp.ts';
import { usernameKey } from '../domain/pool.ts';
import type { User, UserPool } from '../domain/types.ts';
import { fail, messages } from '../errors.ts';
import { loadPool } from '../pools/load.ts';
import type { Services } from '../services.ts';
import type { SessionState } from '../sessions/state.ts';
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

/** AssociateSoftwareToken / VerifySoftwareToken need TOTP turned on in the pool. */
export function requireSoftwareTokenMfa(pool: UserPool): void {
  if (pool.config.SoftwareTokenMfaConfiguration?.Enabled !== true) {
    throw fail('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the userPool');
  }
}

/** VerifySoftwareToken before any AssociateSoftwareToken. */
export const noPendingSoftwareToken = () => fail('SoftwareTokenMFANotFoundException', 'Software token has not been associated with the user.');

/** The pool and the user an MFA_SETUP session speaks for; a user gone since is an invalid session. */
export async function sessionUser(services: Services, state: SessionState, clientId: string): Promise<{ pool: UserPool; user: User }> {
  const client = await services.stores.clients.get(clientId);
  if (!client || state.phantom) throw fail('NotAuthorizedException', messages.invalidSession);
  const pool = await loadPool(services, client.poolId);
  const user = await services.stores.users.get(pool.id, usernameKey(pool, state.username));
  if (!user) throw fail('NotAuthorizedException', messages.invalidSession);
  return { pool, user };
}

/**
 * Checks a TOTP code against `secret` (base32, in clear) for `user` and uses it up: a code — its
 * time step — is accepted once per user, across processes (a row in used_tokens). Resolves
 * false for a wrong code or one already used. Also what a SOFTWARE_TOKEN_MFA answer should call.
 */
export async function useTotpCode(services: Services, user: Pick<User, 'sub'>, secret: string, code: string): Promise<boolean> {
  const step = checkTotp(secret, code, services.clock.now());
  if (step === undefined) return false;
  // Kept until the step can no longer match (one step of tolerance after it).
  return services.stores.usedTokens.markUsed(`totp:${user.sub}:${step}`, (step + 2) * TOTP_STEP_MS);
}
