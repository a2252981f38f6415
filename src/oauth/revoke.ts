// https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html
import type { Services } from '../services.ts';
import { revokeRefreshToken } from '../tokens/revoke.ts';
import { revocationEnabled } from '../tokens/validity.ts';
import { choices } from './choices.ts';
import { authenticateClient } from './client-auth.ts';
import { OAuthError, oauthError } from './errors.ts';
import type { OAuthRequest, OAuthResponse } from './exchange.ts';
import { errorBody, tokenHeaders } from './token.ts';

/**
 * POST /oauth2/revoke: revokes a refresh token and every token of its sign-in. 200 with an empty
 * body, also for a token that is unknown or already revoked; `unsupported_token_type` for an ID
 * or access token; `invalid_request` without a token or when the client has revocation off;
 * `invalid_client` (401) for failed client authentication or another client's token.
 */
export async function revoke(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  try {
    if (!req.formBody) throw oauthError('invalid_request');
    const params = new URLSearchParams(req.query);
    for (const [name, value] of req.form) params.set(name, value);
    const { client } = await authenticateClient(services, req, params, choices.revokeInvalidClientStatus);
    const token = params.get('token');
    if (!token) throw oauthError('invalid_request');
    if (!revocationEnabled(client)) throw oauthError('invalid_request');
    const outcome = await revokeRefreshToken(services, client, token);
    if (outcome === 'not-refresh-token') throw oauthError('unsupported_token_type');
    if (outcome === 'other-client') throw oauthError('invalid_client', undefined, choices.revokeInvalidClientStatus);
    return { kind: 'empty', status: 200, headers: { 'access-control-allow-origin': '*', 'cache-control': tokenHeaders['cache-control'] } };
  } catch (error) {
    if (error instanceof OAuthError) return { kind: 'json', status: error.status, body: errorBody(error), headers: tokenHeaders };
    throw error;
  }
}
