import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../crypto/seal.ts';
import type { AppClient, Group, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { issuerFor } from './issuer.ts';
import { poolKeys } from './keys.ts';
import { signRs256 } from './sign.ts';
import { limitSessions } from './sessions.ts';
import { revocationEnabled, tokenLifetimes } from './validity.ts';

/** The scope of every token from the API flows: what authorises the token-based self-service calls. */
export const SIGNIN_SCOPE = 'aws.cognito.signin.user.admin';

/** AuthenticationResultType, without NewDeviceMetadata (the engine adds it). */
export interface AuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  /** Always from the API; from the OAuth endpoints only when `openid` was granted. */
  IdToken?: string;
  RefreshToken?: string;
}

/** What makes a sign-in's tokens OAuth 2.0 tokens (the authorization server's grants). */
export interface OAuthGrant {
  /** The granted scopes, in Cognito's order: the access token's `scope`; an ID token only with `openid`. */
  scopes: string[];
  /** The authorization request's nonce, copied into the ID token. */
  nonce?: string | undefined;
}

export type Claims = Record<string, unknown>;

export interface IssueRequest {
  pool: UserPool;
  client: AppClient;
  user: User;
  /** Epoch ms of the original sign-in: `auth_time`, unchanged by refreshes. */
  authTime: number;
  /** The sign-in's revocation handle, kept on refresh; new when absent. */
  originJti?: string;
  /** Device the sign-in used or produced: `device_key` claim, and the refresh token is bound to it. */
  deviceKey?: string;
  /** Mint (and store) a new refresh token. */
  refreshToken: boolean;
  eventId?: string;
  /** The user's groups when the caller already has them (saves a query). */
  groups?: Group[];
  /**
   * Tokens of the OAuth 2.0 endpoints: the granted scopes and `version: 2` in the access token,
   * `nonce` and `at_hash` in the ID token; the refresh token keeps the scopes. Absent: the API's
   * tokens, unchanged.
   */
  oauth?: OAuthGrant | undefined;
  /**
   * Last look at the claims before signing (the PreTokenGeneration trigger's hook). It may
   * change both objects in place.
   */
  adjust?: (claims: { id: Claims; access: Claims }) => Promise<void> | void;
}

/** Attributes that are the strings "true"/"false" in attribute lists but JSON booleans in tokens. */
const VERIFIED_FLAGS = new Set(['email_verified', 'phone_number_verified']);

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Whether the client may read an attribute (unset ReadAttributes = every attribute). */
export function readableBy(client: AppClient): (name: string) => boolean {
  const list = client.config.ReadAttributes;
  const allowed = list === undefined ? undefined : new Set(list);
  return (name) => !name.startsWith('dev:') && (allowed === undefined || allowed.has(name));
}

/** Lower Precedence first; groups without one come after those with one; then by name. */
function byPrecedence(groups: Group[]): Group[] {
  const p = (g: Group) => g.precedence ?? Number.POSITIVE_INFINITY;
  return [...groups].sort((a, b) => p(a) - p(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `cognito:preferred_role`: the role of the group with the lowest Precedence among those with
 * a role. Equal precedence with different roles means no preferred role (Cognito's rule).
 */
function preferredRole(groups: Group[]): string | undefined {
  const withRole = groups.filter((g) => g.roleArn !== undefined);
  if (withRole.length === 0) return undefined;
  const lowest = Math.min(...withRole.map((g) => g.precedence ?? Number.POSITIVE_INFINITY));
  const roles = new Set(withRole.filter((g) => (g.precedence ?? Number.POSITIVE_INFINITY) === lowest).map((g) => g.roleArn!));
  return roles.size === 1 ? [...roles][0] : undefined;
}

/** The user's attributes as ID token claims: readable ones with a value, flags as booleans, never `dev:`. */
function attributeClaims(client: AppClient, user: User): Claims {
  const readable = readableBy(client);
  const out: Claims = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub' || value === '' || !readable(name)) continue;
    if (VERIFIED_FLAGS.has(name)) out[name] = value === 'true';
    else if (name === 'identities') {
      try {
        out[name] = JSON.parse(value);
      } catch {
        out[name] = value;
      }
    } else out[name] = value;
  }
  return out;
}

/** An opaque refresh token: 48 random bytes, base64url (within the model's [A-Za-z0-9-_=.]+). */
function newRefreshToken(): string {
  return randomBytes(48).toString('base64url');
}

/** OIDC `at_hash`: the left half of the SHA-256 of the access token, base64url. */
export function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** What a refresh token is stored under. */
export const refreshTokenHash = (token: string) => sha256Hex(token);

// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html

/**
 * Mints the ID and access tokens (and, when asked, a refresh token) of a sign-in or refresh,
 * with Cognito's claims. Work: one groups query (unless given), two RS256 signatures, and one
 * INSERT when a refresh token is minted.
 */
export async function issueTokens(services: Services, req: IssueRequest): Promise<AuthenticationResult> {
  const { pool, client, user } = req;
  const [keys, groups] = await Promise.all([
    poolKeys(services, pool.id),
    req.groups ? Promise.resolve(req.groups) : services.stores.groups.groupsOf(pool.id, user.username),
  ]);
  const now = services.clock.now();
  const lifetimes = tokenLifetimes(client);
  const iat = seconds(now);
  const iss = issuerFor(services, pool.id);
  const originJti = req.originJti ?? randomUUID();
  const eventId = req.eventId ?? randomUUID();
  const revocable = revocationEnabled(client);

  const ordered = byPrecedence(groups);
  const groupClaims: Claims = {};
  if (ordered.length > 0) groupClaims['cognito:groups'] = ordered.map((g) => g.name);

  const roles = [...new Set(ordered.filter((g) => g.roleArn !== undefined).map((g) => g.roleArn!))];
  const roleClaims: Claims = {};
  if (roles.length > 0) {
    roleClaims['cognito:roles'] = roles;
    const preferred = preferredRole(ordered);
    if (preferred !== undefined) roleClaims['cognito:preferred_role'] = preferred;
  }

  const oauth = req.oauth;
  const id: Claims = {
    ...attributeClaims(client, user),
    sub: user.sub,
    ...groupClaims,
    ...roleClaims,
    iss,
    'cognito:username': user.username,
    ...(oauth?.nonce !== undefined ? { nonce: oauth.nonce } : {}),
    ...(revocable ? { origin_jti: originJti } : {}),
    aud: client.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: seconds(req.authTime),
    exp: seconds(now + lifetimes.idMs),
    iat,
    jti: randomUUID(),
  };
  const access: Claims = {
    sub: user.sub,
    ...groupClaims,
    ...(req.deviceKey !== undefined ? { device_key: req.deviceKey } : {}),
    iss,
    ...(oauth ? { version: 2 } : {}),
    client_id: client.clientId,
    ...(revocable ? { origin_jti: originJti } : {}),
    event_id: eventId,
    token_use: 'access',
    scope: oauth ? oauth.scopes.join(' ') : SIGNIN_SCOPE,
    auth_time: seconds(req.authTime),
    exp: seconds(now + lifetimes.accessMs),
    iat,
    jti: randomUUID(),
    username: user.username,
  };
  if (req.adjust) await req.adjust({ id, access });

  let AccessToken: string;
  let IdToken: string | undefined;
  if (!oauth) {
    [IdToken, AccessToken] = await Promise.all([
      signRs256(services.rs256, keys.id.kid, id, keys.id.privateKey),
      signRs256(services.rs256, keys.access.kid, access, keys.access.privateKey),
    ]);
  } else {
    // The ID token names the access token it comes with (at_hash), so it is signed second.
    AccessToken = await signRs256(services.rs256, keys.access.kid, access, keys.access.privateKey);
    if (oauth.scopes.includes('openid')) IdToken = await signRs256(services.rs256, keys.id.kid, { at_hash: atHash(AccessToken), ...id }, keys.id.privateKey);
  }

  const result: AuthenticationResult = {
    AccessToken,
    ExpiresIn: Math.floor(lifetimes.accessMs / 1000),
    TokenType: 'Bearer',
    ...(IdToken !== undefined ? { IdToken } : {}),
  };
  if (req.refreshToken) {
    const token = newRefreshToken();
    await services.stores.refreshTokens.add({
      tokenHash: refreshTokenHash(token),
      poolId: pool.id,
      clientId: client.clientId,
      username: user.username,
      originJti,
      deviceKey: req.deviceKey,
      authTime: req.authTime,
      issuedAt: now,
      expiresAt: now + lifetimes.refreshMs,
      revokedAt: undefined,
      replacedAt: undefined,
      scopes: oauth?.scopes,
    });
    result.RefreshToken = token;
    if (req.originJti === undefined) await limitSessions(services, pool, user);
  }
  return result;
}
