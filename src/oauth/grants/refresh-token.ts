// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
import type { AppClient, UserPool } from '../../domain/types.ts';
import { CognitoError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { refreshTokens } from '../../tokens/refresh.ts';
import { rotationEnabled } from '../../tokens/validity.ts';
import { oauthError } from '../errors.ts';

/**
 * grant_type=refresh_token: new ID and access tokens for a refresh token of this client (an
 * OAuth sign-in keeps its scopes; an API sign-in gets the API's tokens). A new refresh token only
 * with RefreshTokenRotation, the presented one then working for its grace period, as
 * GetTokensFromRefreshToken does. A refresh token bound to a remembered device is refused here,
 * as Cognito documents.
 */
export async function refreshTokenGrant(services: Services, pool: UserPool, client: AppClient, params: URLSearchParams): Promise<Record<string, unknown>> {
  const refreshToken = params.get('refresh_token');
  if (!refreshToken) throw oauthError('invalid_request', 'The refresh_token parameter is missing.');
  try {
    const tokens = await refreshTokens(services, { client, pool, refreshToken, rotate: rotationEnabled(client) });
    return {
      ...(tokens.IdToken !== undefined ? { id_token: tokens.IdToken } : {}),
      access_token: tokens.AccessToken,
      ...(tokens.RefreshToken !== undefined ? { refresh_token: tokens.RefreshToken } : {}),
      expires_in: tokens.ExpiresIn,
      token_type: 'Bearer',
    };
  } catch (error) {
    // Revoked, expired, reused, another client's, its user gone or disabled: all one answer.
    if (error instanceof CognitoError && error.type !== 'InternalErrorException') throw oauthError('invalid_grant');
    throw error;
  }
}
