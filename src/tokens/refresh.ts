import { fail, messages } from '../errors.ts';
import { usernameKey } from '../domain/pool.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { type AuthenticationResult, issueTokens, refreshTokenHash } from './issue.ts';
import { rotationGraceMs } from './validity.ts';
import { preTokenGeneration } from './pre-token-generation.ts';
import { activeScopes } from './scopes.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html

/** Refresh-token failures. */
const refreshMessages = {
  // With the final period, as real responses show (the "Access Token …" messages have none).
  invalid: 'Invalid Refresh Token.',
  expired: 'Refresh Token has expired',
  revoked: 'Refresh Token has been revoked',
  reused: 'Refresh Token has already been used',
} as const;

const TOKEN = /^[A-Za-z0-9\-_=.]+$/;

/** How finely a refresh token's last use is kept (a session's LastActiveDate). */
const LAST_USED_PRECISION_MS = 60_000;

export interface RefreshRequest {
  /** The client the caller authenticated as (secret / SECRET_HASH already checked). */
  client: AppClient;
  refreshToken: string;
  /** DEVICE_KEY / DeviceKey of the request, if any. */
  deviceKey?: string;
  /** Return a new refresh token and retire the presented one (rotation on, GetTokensFromRefreshToken). */
  rotate: boolean;
  eventId?: string;
  /**
   * Runs once the token is known to belong to this client, with its user's internal username,
   * before anything about the user is looked at: REFRESH_TOKEN_AUTH checks SECRET_HASH here
   * (computed over that username, as amazon-cognito-identity-js does).
   */
  checkOwner?: (username: string) => void | Promise<void>;
  /** The client's pool when the caller has it loaded already (saves a query). */
  pool?: UserPool | undefined;
  /** The request's ClientMetadata, for PreTokenGeneration. */
  clientMetadata?: Record<string, string> | undefined;
}

/**
 * New ID and access tokens for a refresh token; `auth_time`, `origin_jti` and the device binding
 * carry over. Without rotation the result has no RefreshToken (clients keep theirs). With
 * rotation a new one is returned and the presented one stops working after the client's
 * RetryGracePeriodSeconds; presenting it later is RefreshTokenReuseException.
 */
export async function refreshTokens(services: Services, req: RefreshRequest): Promise<AuthenticationResult> {
  const invalid = () => fail('NotAuthorizedException', refreshMessages.invalid);
  if (!TOKEN.test(req.refreshToken)) throw invalid();
  const { client } = req;
  const stored = await services.stores.refreshTokens.get(refreshTokenHash(req.refreshToken));
  if (!stored || stored.clientId !== client.clientId || stored.poolId !== client.poolId) throw invalid();
  // A token bound to a device needs that device's key; an unbound one ignores any key given.
  if (stored.deviceKey !== undefined && req.deviceKey !== stored.deviceKey) throw invalid();
  if (req.checkOwner) await req.checkOwner(stored.username);

  const pool = req.pool?.id === stored.poolId ? req.pool : await services.stores.pools.get(stored.poolId);
  if (!pool) throw invalid();
  const user = await services.stores.users.get(pool.id, usernameKey(pool, stored.username));
  // A user created after the token under a reused username is not the token's user.
  if (!user || user.createdAt > stored.issuedAt) throw fail('UserNotFoundException', messages.userDoesNotExist);
  if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  if (stored.revokedAt !== undefined || stored.issuedAt < user.tokensValidAfter) {
    throw fail('NotAuthorizedException', refreshMessages.revoked);
  }
  const now = services.clock.now();
  if (stored.replacedAt !== undefined && now >= stored.replacedAt) throw fail('RefreshTokenReuseException', refreshMessages.reused);
  if (stored.expiresAt <= now) throw fail('NotAuthorizedException', refreshMessages.expired);

  if (req.rotate) {
    // Retire first, so two concurrent rotations without a grace period cannot both succeed.
    const first = await services.stores.refreshTokens.markReplaced(stored.tokenHash, now + rotationGraceMs(client));
    if (!first) {
      const again = await services.stores.refreshTokens.get(stored.tokenHash);
      if (!again || again.replacedAt === undefined || now >= again.replacedAt) {
        throw fail('RefreshTokenReuseException', refreshMessages.reused);
      }
    }
  }
  // The session's LastActiveDate (ListUserSessions) moves by the minute: a token refreshed again
  // within a minute of its last use writes nothing.
  const stale = now - (stored.lastUsedAt ?? stored.issuedAt) >= LAST_USED_PRECISION_MS;
  const [groups] = await Promise.all([
    services.stores.groups.groupsOf(pool.id, user.username),
    stale ? services.stores.refreshTokens.markUsed(stored.tokenHash, now) : undefined,
  ]);
  // An OAuth sign-in keeps its scopes, less any custom scope deleted since (inactive, not granted).
  const oauth = stored.scopes ? { scopes: await activeScopes(services, pool.id, stored.scopes) } : undefined;
  return issueTokens(services, {
    oauth,
    pool,
    client,
    user,
    authTime: stored.authTime,
    originJti: stored.originJti,
    deviceKey: stored.deviceKey,
    refreshToken: req.rotate,
    eventId: req.eventId,
    groups,
    adjust: preTokenGeneration(services, {
      pool,
      clientId: client.clientId,
      user,
      groups,
      source: 'TokenGeneration_RefreshTokens',
      clientMetadata: req.clientMetadata,
    }),
  });
}
