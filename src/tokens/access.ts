import { compactVerify } from 'jose';
import { fail, messages } from '../errors.ts';
import { usernameKey } from '../domain/pool.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { SIGNIN_SCOPE } from './issue.ts';
import { issuerFor, poolIdOfIssuer } from './issuer.ts';
import { poolKeyByKid } from './keys.ts';

/** The access-token claims the token-authorised operations use. */
export interface AccessClaims {
  sub: string;
  iss: string;
  client_id: string;
  token_use: 'access';
  scope: string;
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
  origin_jti?: string;
  event_id?: string;
  username: string;
  device_key?: string;
  'cognito:groups'?: string[];
  [claim: string]: unknown;
}

export interface Authenticated {
  pool: UserPool;
  client: AppClient;
  user: User;
  claims: AccessClaims;
}

const decoder = new TextDecoder();

function invalid(): never {
  throw fail('NotAuthorizedException', messages.invalidAccessToken);
}

function decodeJson(part: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) invalid();
    return value;
  } catch {
    invalid();
  }
}

/** Cognito's answer to a valid access token that was not granted the scope a call needs. */
export const missingScope = 'Access Token does not have required scopes.';

/**
 * Checks an access token the way Cognito's token-authorised operations do, and loads whom it
 * speaks for: signature with the pool's access key, `token_use` access, expiry, the scope the
 * call needs (`aws.cognito.signin.user.admin` for every operation of the API; /oauth2/userInfo
 * asks for `openid`), the user (still there, the same one), revocation (its sign-in's refresh
 * token revoked, or issued before the user's global sign-out), and the user's state.
 */
export async function authenticate(services: Services, accessToken: string, requiredScope: string = SIGNIN_SCOPE): Promise<Authenticated> {
  const parts = accessToken.split('.');
  if (parts.length !== 3) invalid();
  const header = decodeJson(parts[0]!);
  // The pool is named by the (not yet verified) issuer; its keys then decide.
  const unverified = decodeJson(parts[1]!);
  if (header.alg !== 'RS256' || typeof header.kid !== 'string') invalid();
  const poolId = poolIdOfIssuer(unverified.iss);
  if (poolId === undefined) invalid();
  const pool = await services.stores.pools.get(poolId);
  if (!pool || unverified.iss !== issuerFor(services, poolId)) invalid();
  const key = await poolKeyByKid(services, pool.id, header.kid);
  if (key?.purpose !== 'access') invalid();

  let claims: AccessClaims;
  try {
    const { payload } = await compactVerify(accessToken, key.publicKey, { algorithms: ['RS256'] });
    claims = JSON.parse(decoder.decode(payload));
  } catch {
    invalid();
  }
  if (
    claims.token_use !== 'access' ||
    typeof claims.scope !== 'string' ||
    typeof claims.exp !== 'number' ||
    typeof claims.iat !== 'number' ||
    typeof claims.client_id !== 'string'
  ) {
    invalid();
  }
  const now = services.clock.now();
  if (claims.exp * 1000 <= now) throw fail('NotAuthorizedException', messages.accessTokenExpired);
  // Checked before the user: a client_credentials token (no user at all) is refused for its scope.
  if (!claims.scope.split(' ').includes(requiredScope)) throw fail('NotAuthorizedException', missingScope);
  if (typeof claims.username !== 'string') invalid();

  const client = await services.stores.clients.get(claims.client_id);
  if (!client || client.poolId !== pool.id) invalid();
  const user = await services.stores.users.get(pool.id, usernameKey(pool, claims.username));
  // Same username, different sub: the token's user was deleted and the name reused.
  if (!user || user.sub !== claims.sub) throw fail('UserNotFoundException', messages.userDoesNotExist);

  // Disabled first: AdminDisableUser also moves tokensValidAfter, and the answer must not depend
  // on whether the token was issued in the same second.
  if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  // `iat` has whole seconds: a token counts as older than a global sign-out only when issued in
  // an earlier second, so tokens from a sign-in right after the sign-out keep working. Tokens
  // of the sign-out's own second are caught through their refresh token, revoked with it.
  const signedOut = claims.iat < Math.floor(user.tokensValidAfter / 1000);
  if (signedOut || (typeof claims.origin_jti === 'string' && (await services.stores.refreshTokens.originRevoked(pool.id, claims.origin_jti)))) {
    throw fail('NotAuthorizedException', messages.accessTokenRevoked);
  }
  if (user.status === 'RESET_REQUIRED') throw fail('PasswordResetRequiredException', messages.passwordResetRequired);
  if (user.status === 'UNCONFIRMED') throw fail('UserNotConfirmedException', messages.userNotConfirmed);
  return { pool, client, user, claims };
}
