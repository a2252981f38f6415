// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
import { randomBytes } from 'node:crypto';
import { usernameKey } from '../domain/pool.ts';
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { Cookie, OAuthRequest } from './exchange.ts';

/**
 * The browser's sign-in session at the pool's domain: the `cognito` cookie Cognito sets after a
 * sign-in on its pages. For one hour from the sign-in (not renewed by use) /oauth2/authorize
 * signs the browser in again without the page, for any app client of the pool; /logout ends it.
 * The cookie is sealed (authenticated encryption with a key of the server's), names the pool,
 * the user and when they signed in; ending it also marks its id as revoked server-side, so a copy
 * kept elsewhere stops working too.
 */

export const SSO_COOKIE = 'cognito';
const LIFETIME_MS = 60 * 60_000;

interface Claims {
  purpose: 'sso';
  id: string;
  poolId: string;
  username: string;
  sub: string;
  authTime: number;
  expiresAt: number;
}

function read(services: Services, req: OAuthRequest): Claims | undefined {
  const value = req.cookies[SSO_COOKIE];
  if (!value) return undefined;
  try {
    const claims = JSON.parse(services.sealer.open(decodeURIComponent(value))) as Claims;
    return claims.purpose === 'sso' ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** The cookie an interactive sign-in sets. */
export function ssoCookie(services: Services, pool: UserPool, user: User, authTime: number): Cookie {
  const now = services.clock.now();
  const claims: Claims = {
    purpose: 'sso',
    id: randomBytes(16).toString('base64url'),
    poolId: pool.id,
    username: user.username,
    sub: user.sub,
    authTime,
    expiresAt: now + LIFETIME_MS,
  };
  return { name: SSO_COOKIE, value: services.sealer.seal(JSON.stringify(claims)), maxAge: LIFETIME_MS / 1000 };
}

/** The user the browser is still signed in as at this pool, and when they signed in; undefined when none (or no longer valid). */
export async function ssoUser(services: Services, req: OAuthRequest, pool: UserPool): Promise<{ user: User; authTime: number } | undefined> {
  const claims = read(services, req);
  if (!claims || claims.poolId !== pool.id || claims.expiresAt <= services.clock.now()) return undefined;
  if (await services.stores.usedTokens.isUsed(`sso:${claims.id}`, services.clock.now())) return undefined;
  const user = await services.stores.users.get(pool.id, usernameKey(pool, claims.username));
  // A user deleted, recreated under the name, or disabled since signs in again.
  if (!user || user.sub !== claims.sub || !user.enabled) return undefined;
  return { user, authTime: claims.authTime };
}

/** Ends the browser's sign-in session: the cookie deleted, its id revoked until it would have expired. */
export async function endSso(services: Services, req: OAuthRequest): Promise<Cookie[]> {
  const claims = read(services, req);
  if (!req.cookies[SSO_COOKIE]) return [];
  if (claims && claims.expiresAt > services.clock.now()) await services.stores.usedTokens.markUsed(`sso:${claims.id}`, claims.expiresAt);
  return [{ name: SSO_COOKIE, value: '', maxAge: 0 }];
}
