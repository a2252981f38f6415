// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
import type { Services } from '../services.ts';
import { AuthorizationError, checkAuthorizationRequest } from './authorization-request.ts';
import type { OAuthRequest, OAuthResponse } from './exchange.ts';
import { authorizationErrorResponse, withParams } from './respond-error.ts';
import { signedIn } from './signed-in.ts';
import { ssoUser } from './sso.ts';

/**
 * GET /oauth2/authorize: checks the request, then — when the browser is still signed in at the
 * pool (the `cognito` cookie, one hour from its sign-in) and `prompt` is not `login` — answers at
 * once with a code for this client; otherwise sends the browser to the sign-in page with the
 * same query (Cognito's `/login?<query>`), or, with `prompt=none`, back to the app with
 * `error=login_required`. Errors go where their check says.
 */
export async function authorize(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  let request: Awaited<ReturnType<typeof checkAuthorizationRequest>>;
  try {
    request = await checkAuthorizationRequest(services, req.query, req.host);
  } catch (error) {
    if (error instanceof AuthorizationError) return authorizationErrorResponse(req.origin, error);
    throw error;
  }
  if (!request.prompt.includes('login')) {
    const session = await ssoUser(services, req, request.pool);
    if (session) return signedIn(services, request, session.user, session.authTime, false);
  }
  if (request.prompt.includes('none')) {
    return { kind: 'redirect', location: withParams(request.redirectUri, { error: 'login_required', state: request.state }, request.responseType === 'token') };
  }
  return { kind: 'redirect', location: `${req.origin}/login?${req.query}` };
}
