// https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html
import { openidOnlyScopes } from '../domain/oauth.ts';
import { CognitoError } from '../errors.ts';
import type { Services } from '../services.ts';
import { readableBy } from '../tokens/issue.ts';
import { authenticate, missingScope } from '../tokens/access.ts';
import { poolIdOfIssuer } from '../tokens/issuer.ts';
import { choices } from './choices.ts';
import { header, type OAuthRequest, type OAuthResponse } from './exchange.ts';
import { domainOfHost, hasDomain } from './where.ts';

/** The claims each OIDC scope releases (with `openid` alone: every attribute the client reads). */
const PROFILE = [
  'name',
  'family_name',
  'given_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'updated_at',
];
const scopeClaims: Record<string, (name: string) => boolean> = {
  profile: (name) => PROFILE.includes(name) || name.startsWith('custom:'),
  email: (name) => name === 'email' || name === 'email_verified',
  phone: (name) => name === 'phone_number' || name === 'phone_number_verified',
};

export const userInfoHeaders = {
  'access-control-allow-origin': '*',
  'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
  pragma: 'no-cache',
  expires: '0',
};

const BAD_REQUEST = 'Bad OAuth2 request at UserInfo Endpoint';
const INVALID_TOKEN = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';

/** An error: no body, the error in WWW-Authenticate (AWS's wording and form). */
function refuse(status: 400 | 401, error: string, description: string): OAuthResponse {
  return {
    kind: 'empty',
    status,
    headers: { ...userInfoHeaders, 'www-authenticate': `${choices.userInfoChallengeScheme}error="${error}", error_description="${description}"` },
  };
}

/** The bearer token of the Authorization header (or, for a POST, of an access_token form field). */
function bearer(req: OAuthRequest): string | undefined {
  const value = header(req, 'authorization');
  if (value !== undefined) return /^bearer [A-Za-z0-9\-_=.]+$/i.test(value.trim()) ? value.trim().slice(7) : undefined;
  return req.method === 'POST' ? (req.form.get('access_token') ?? undefined) : undefined;
}

/**
 * GET and POST /oauth2/userInfo: the signed-in user's attributes that the access token's scopes
 * release (it must have `openid`; API tokens do not), limited to what the client may read;
 * `email_verified` and `phone_number_verified` as strings, and `username`.
 */
export async function userInfo(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  const token = bearer(req);
  if (token === undefined) return refuse(400, 'invalid_request', BAD_REQUEST);
  // The token's pool must be the one whose domain the request came to, and have a domain.
  const domain = await domainOfHost(services, req.host);
  const poolId = poolIdOfIssuer(tokenIssuer(token));
  if (poolId === undefined || (domain ? domain.poolId !== poolId : !(await hasDomain(services, poolId)))) {
    return refuse(401, 'invalid_token', INVALID_TOKEN);
  }
  let caller: Awaited<ReturnType<typeof authenticate>>;
  try {
    caller = await authenticate(services, token, 'openid');
  } catch (error) {
    if (!(error instanceof CognitoError) || error.type === 'InternalErrorException') throw error;
    const description = error.message === missingScope ? 'Access token does not contain openid scope' : INVALID_TOKEN;
    return refuse(401, 'invalid_token', description);
  }
  const { client, user, claims } = caller;
  const scopes = claims.scope.split(' ');
  const oidc = scopes.filter((s) => openidOnlyScopes.has(s));
  const released = (name: string) => oidc.length === 0 || oidc.some((s) => scopeClaims[s]!(name));
  const readable = readableBy(client);
  const body: Record<string, string> = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub' || value === '' || !readable(name) || !released(name)) continue;
    body[name] = value;
  }
  body.username = user.username;
  return { kind: 'json', status: 200, body, headers: { ...userInfoHeaders, 'content-type': 'application/json;charset=UTF-8' } };
}

function tokenIssuer(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).iss;
  } catch {
    return undefined;
  }
}
