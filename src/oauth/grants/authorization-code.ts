// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
import { oauthFlowAllowed } from '../../domain/oauth.ts';
import { usernameKey } from '../../domain/pool.ts';
import type { AppClient, UserPool } from '../../domain/types.ts';
import type { Services } from '../../services.ts';
import { activeScopes } from '../../tokens/scopes.ts';
import { peekCode, takeCode, verifierMatches } from '../codes.ts';
import { oauthError } from '../errors.ts';
import { hostedTokens } from '../hosted-tokens.ts';

/**
 * grant_type=authorization_code: the code, for the client it was issued to, with the same
 * redirect_uri and (when the request had a PKCE challenge) the matching code_verifier, redeemed
 * once. A request refused before the redemption (bad client authentication, a wrong
 * redirect_uri) leaves the code usable.
 */
export async function authorizationCodeGrant(services: Services, pool: UserPool, client: AppClient, params: URLSearchParams): Promise<Record<string, unknown>> {
  if (!oauthFlowAllowed(client, 'code')) throw oauthError('unauthorized_client');
  const code = params.get('code');
  if (!code) throw oauthError('invalid_request', 'The code parameter is missing.');
  const stored = await peekCode(services, code);
  if (!stored || stored.clientId !== client.clientId) throw oauthError('invalid_grant');
  // Cognito's answer to a redirect_uri that is not the authorization request's.
  if (params.get('redirect_uri') !== stored.redirectUri) throw oauthError('unauthorized_client', 'invalid_redirect');
  if (stored.codeChallenge !== undefined && !verifierMatches(params.get('code_verifier') ?? undefined, stored.codeChallenge)) {
    throw oauthError('invalid_grant', 'The code_verifier does not match the code_challenge.');
  }
  if (!(await takeCode(services, stored))) throw oauthError('invalid_grant');
  const user = await services.stores.users.get(pool.id, usernameKey(pool, stored.username));
  if (!user || user.sub !== stored.sub || !user.enabled) throw oauthError('invalid_grant');
  const scopes = await activeScopes(services, pool.id, stored.scopes);
  const tokens = await hostedTokens(services, { pool, client, user, authTime: stored.authTime, scopes, nonce: stored.nonce, refreshToken: true });
  return {
    ...(tokens.IdToken !== undefined ? { id_token: tokens.IdToken } : {}),
    access_token: tokens.AccessToken,
    refresh_token: tokens.RefreshToken,
    expires_in: tokens.ExpiresIn,
    token_type: 'Bearer',
  };
}
