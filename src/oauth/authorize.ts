// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
import type { Services } from '../services.ts';
import { AuthorizationError, checkAuthorizationRequest } from './authorization-request.ts';
import type { OAuthRequest, OAuthResponse } from './exchange.ts';
import { authorizationErrorResponse } from './respond-error.ts';

/**
 * GET /oauth2/authorize: checks the request, then sends the browser to the sign-in page with the
 * same query (Cognito's `/login?<query>`); errors go where their check says.
 */
export async function authorize(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  try {
    await checkAuthorizationRequest(services, req.query, req.host);
  } catch (error) {
    if (error instanceof AuthorizationError) return authorizationErrorResponse(req.origin, error);
    throw error;
  }
  return { kind: 'redirect', location: `${req.origin}/login?${req.query}` };
}
