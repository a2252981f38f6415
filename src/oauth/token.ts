// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
import type { Services } from '../services.ts';
import { choices } from './choices.ts';
import { authenticateClient } from './client-auth.ts';
import { OAuthError, oauthError } from './errors.ts';
import type { OAuthRequest, OAuthResponse } from './exchange.ts';
import { authorizationCodeGrant } from './grants/authorization-code.ts';
import { clientCredentialsGrant } from './grants/client-credentials.ts';
import { refreshTokenGrant } from './grants/refresh-token.ts';

const grants = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
} as const;

/** Headers of every /oauth2/token answer: any origin may call it; tokens are never cached. */
export const tokenHeaders = {
  'content-type': 'application/json;charset=UTF-8',
  'access-control-allow-origin': '*',
  'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
  pragma: 'no-cache',
};

/** An OAuthError as its JSON answer: `error`, and `error_description` when there is one. */
export function errorBody(error: OAuthError): Record<string, string> {
  return { error: error.error, ...(error.description !== undefined ? { error_description: error.description } : {}) };
}

/**
 * POST /oauth2/token: a form of parameters (those in the query string are read too, as Cognito
 * does), the client authenticated, then the grant. Errors are JSON `{"error"}` with status 400
 * (invalid_client's status: choices.ts).
 */
export async function token(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  try {
    if (!req.formBody) throw oauthError('invalid_request', 'The body must be application/x-www-form-urlencoded.');
    const params = new URLSearchParams(req.query);
    for (const [name, value] of req.form) params.set(name, value);
    const grantType = params.get('grant_type');
    if (!grantType) throw oauthError('invalid_request', 'The grant_type parameter is missing.');
    if (!Object.hasOwn(grants, grantType)) throw oauthError('unsupported_grant_type');
    const { client, pool } = await authenticateClient(services, req, params, choices.tokenInvalidClientStatus);
    const body = await grants[grantType as keyof typeof grants](services, pool, client, params);
    return { kind: 'json', status: 200, body, headers: tokenHeaders };
  } catch (error) {
    if (error instanceof OAuthError) return { kind: 'json', status: error.status, body: errorBody(error), headers: tokenHeaders };
    throw error;
  }
}
