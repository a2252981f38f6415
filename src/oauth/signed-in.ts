// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
import type { User } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import { issueCode } from './codes.ts';
import type { Cookie, OAuthResponse } from './exchange.ts';
import { hostedTokens } from './hosted-tokens.ts';
import { withParams } from './respond-error.ts';
import { ssoCookie } from './sso.ts';

/**
 * The end of a hosted sign-in: the browser goes back to the app with an authorization code (or,
 * for the implicit grant, the tokens in the fragment). A sign-in typed on the pages (`interactive`)
 * also starts the browser's sign-in session at the pool (the `cognito` cookie); one reused from
 * that session does not renew it.
 */
export async function signedIn(
  services: Services,
  request: AuthorizationRequest,
  user: User,
  authTime: number,
  interactive: boolean,
  cookies: Cookie[] = [],
): Promise<OAuthResponse> {
  const all = interactive ? [...cookies, ssoCookie(services, request.pool, user, authTime)] : cookies;
  if (request.responseType === 'code') {
    const code = await issueCode(services, request, user, authTime);
    return { kind: 'redirect', location: withParams(request.redirectUri, { code, state: request.state }, false), cookies: all };
  }
  const tokens = await hostedTokens(services, { ...request, user, authTime, refreshToken: false });
  return {
    kind: 'redirect',
    cookies: all,
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
