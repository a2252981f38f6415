// https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
import type { AppClient } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { refreshTokenHash } from './issue.ts';

/**
 * Revokes a refresh token of `client` and, through its `origin_jti`, the whole sign-in: its
 * rotations and every access and ID token issued with them, whichever endpoint issued them.
 * - `revoked`: done (also when it was revoked before);
 * - `unknown`: no such refresh token (nothing left to revoke: not an error, as in RFC 7009);
 * - `not-refresh-token`: a JWT (ID or access token): only refresh tokens can be revoked;
 * - `other-client`: a refresh token of another client.
 */
export async function revokeRefreshToken(
  services: Services,
  client: AppClient,
  token: string,
): Promise<'revoked' | 'unknown' | 'not-refresh-token' | 'other-client'> {
  // Our refresh tokens never contain a dot: a JWT here is an ID or access token.
  if (token.split('.').length === 3) return 'not-refresh-token';
  const stored = await services.stores.refreshTokens.get(refreshTokenHash(token));
  if (!stored) return 'unknown';
  if (stored.clientId !== client.clientId) return 'other-client';
  await services.stores.refreshTokens.revokeOrigin(stored.poolId, stored.originJti, services.clock.now());
  return 'revoked';
}
