// https://docs.aws.amazon.com/cognito/latest/developerguide/managing-user-sessions.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListUserSessions.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRevokeUserSession.html
import { fail } from '../errors.ts';
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { TokenSession } from '../storage/ports.ts';
import { poolSessionConfiguration } from '../pools/session-configuration.ts';

/**
 * A user's token sessions: one per sign-in (the `origin_jti` its tokens carry), alive while one of
 * its refresh tokens is usable. Revoking a session revokes its refresh tokens and, through
 * origin_jti, its access tokens. cognate keeps refresh tokens whatever the pool's session
 * tracking setting, so sessions are listed either way.
 */

/** Sessions a listing returns, in one page, as Cognito does. */
export const MAX_LISTED_SESSIONS = 125;

const PREFIX = 'tkn';

/** The SessionId of a sign-in: `tkn` and its origin_jti's hex digits. */
export const sessionIdOf = (originJti: string) => `${PREFIX}${originJti.replace(/-/g, '')}`;

/** SessionDescriptionType. */
function describeSession(s: TokenSession, currentOrigin: string | undefined) {
  return {
    SessionId: sessionIdOf(s.originJti),
    SessionType: 'TOKEN',
    ClientId: s.clientId,
    CreateDate: s.createdAt / 1000,
    LastActiveDate: s.lastActiveAt / 1000,
    IsCurrentSession: s.originJti === currentOrigin,
  };
}

async function activeSessions(services: Services, pool: UserPool, user: User): Promise<TokenSession[]> {
  const all = await services.stores.refreshTokens.sessionsOf(pool.id, user.username, services.clock.now());
  // Sign-ins from before a global sign-out ended with it (their refresh tokens are refused).
  return all.filter((s) => s.createdAt >= user.tokensValidAfter);
}

/** The user's active sessions, most recently used first; `currentOrigin` marks the caller's. */
export async function listSessions(services: Services, pool: UserPool, user: User, currentOrigin?: string) {
  const sessions = await activeSessions(services, pool, user);
  return sessions.slice(0, MAX_LISTED_SESSIONS).map((s) => describeSession(s, currentOrigin));
}

/**
 * Ends one of the user's sessions. The caller's own session (`currentOrigin`, for the
 * self-service form) cannot be revoked this way: GlobalSignOut or RevokeToken end it.
 */
export async function revokeSession(services: Services, pool: UserPool, user: User, sessionId: string, currentOrigin?: string): Promise<void> {
  const session = (await activeSessions(services, pool, user)).find((s) => sessionIdOf(s.originJti) === sessionId);
  if (!session) throw fail('ResourceNotFoundException', `Session ${sessionId} does not exist.`);
  if (session.originJti === currentOrigin) {
    throw fail('InvalidParameterException', 'The session that the access token belongs to cannot be revoked with RevokeUserSession.');
  }
  await services.stores.refreshTokens.revokeOrigin(pool.id, session.originJti, services.clock.now());
}

/**
 * After a sign-in started a session: with session tracking on, the sessions beyond the pool's
 * MaxPerUser end, least recently used first.
 */
export async function limitSessions(services: Services, pool: UserPool, user: User): Promise<void> {
  const configuration = await poolSessionConfiguration(services, pool);
  if (configuration.UserSessionTracking !== 'ENABLED') return;
  const sessions = await activeSessions(services, pool, user);
  const now = services.clock.now();
  for (const s of sessions.slice(configuration.TokenSession.MaxPerUser)) await services.stores.refreshTokens.revokeOrigin(pool.id, s.originJti, now);
}
