// https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { initiate } from '../auth/engine.ts';
import { hostedEnding } from '../auth/finish.ts';
import { secretHash } from '../domain/secret-hash.ts';
import { CognitoError } from '../errors.ts';
import type { Services } from '../services.ts';
import { AuthorizationError, type AuthorizationRequest, checkAuthorizationRequest } from './authorization-request.ts';
import { issueCode } from './codes.ts';
import { type Cookie, type OAuthRequest, type OAuthResponse, page } from './exchange.ts';
import { hostedTokens } from './hosted-tokens.ts';
import { authorizationErrorResponse, withParams } from './respond-error.ts';

/**
 * `/login`: the classic hosted UI's sign-in. GET shows the form for an authorization request
 * (the query is /oauth2/authorize's); POST signs in through the engine — every rule of an API
 * sign-in applies (lockout, PreventUserExistenceErrors, PreAuthentication and PostAuthentication)
 * whatever the client's ExplicitAuthFlows — and ends in an authorization code (or, for the
 * implicit grant, tokens) sent to the app. A sign-in that needs a further challenge shows the
 * page of that step.
 */

const CSRF_COOKIE = 'XSRF-TOKEN';

/** The CSRF token of the browser's XSRF-TOKEN cookie, or a new one. */
function csrfToken(req: OAuthRequest): { token: string; cookies: Cookie[] } {
  const existing = req.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32,128}$/.test(existing)) return { token: existing, cookies: [] };
  const token = randomBytes(32).toString('base64url');
  return { token, cookies: [{ name: CSRF_COOKIE, value: token }] };
}

/** The double-submit check: the form's `_csrf` is the cookie's value (compared in constant time). */
function csrfMatches(req: OAuthRequest): boolean {
  const cookie = req.cookies[CSRF_COOKIE];
  const field = req.form.get('_csrf');
  if (!cookie || !field) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(field);
  return a.length === b.length && timingSafeEqual(a, b);
}

function loginPage(req: OAuthRequest, status: number, username: string, error?: string): OAuthResponse {
  const { token, cookies } = csrfToken(req);
  return page(status, { page: 'login', action: `/login?${req.query}`, csrf: token, username, error }, cookies);
}

async function checked(services: Services, req: OAuthRequest): Promise<AuthorizationRequest | OAuthResponse> {
  try {
    return await checkAuthorizationRequest(services, req.query, req.host);
  } catch (error) {
    if (error instanceof AuthorizationError) return authorizationErrorResponse(req.origin, error);
    throw error;
  }
}

export async function showLogin(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  const request = await checked(services, req);
  if ('kind' in request) return request;
  return loginPage(req, 200, request.loginHint ?? '');
}

export async function submitLogin(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  if (!csrfMatches(req)) {
    return page(403, {
      page: 'error',
      error: 'invalid_request',
      message: 'The sign-in form has expired or was not sent by this page. Go back and sign in again.',
    });
  }
  const request = await checked(services, req);
  if ('kind' in request) return request;
  const username = req.form.get('username') ?? '';
  const password = req.form.get('password') ?? '';
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    result = await signIn(services, request, username, password);
  } catch (error) {
    // Cognito's own message on the page, as the API would have said it (the engine decided it).
    if (error instanceof CognitoError && error.type !== 'InternalErrorException') return loginPage(req, 200, username, error.message);
    throw error;
  }
  if (!('kind' in result)) return page(200, { page: 'step', challenge: result.ChallengeName ?? 'UNKNOWN' });
  const { user, authTime } = result;
  if (request.responseType === 'code') {
    const code = await issueCode(services, request, user, authTime);
    return { kind: 'redirect', location: withParams(request.redirectUri, { code, state: request.state }, false) };
  }
  const tokens = await hostedTokens(services, { ...request, user, authTime, refreshToken: false });
  return {
    kind: 'redirect',
    location: withParams(
      request.redirectUri,
      {
        access_token: tokens.AccessToken,
        id_token: tokens.IdToken,
        token_type: 'Bearer',
        expires_in: String(tokens.ExpiresIn),
        state: request.state,
      },
      true,
    ),
  };
}

/** The engine's USER_PASSWORD_AUTH as the hosted pages run it: the server holds the client secret, so it computes SECRET_HASH itself. */
function signIn(services: Services, request: AuthorizationRequest, username: string, password: string) {
  const { client } = request;
  const params: Record<string, string> = { USERNAME: username, PASSWORD: password };
  const secret = client.secrets[0]?.value;
  if (secret !== undefined && username !== '') params.SECRET_HASH = secretHash(secret, username, client.clientId);
  return initiate(services, { admin: false, hosted: true, clientId: client.clientId, flow: 'USER_PASSWORD_AUTH', params }, hostedEnding);
}
