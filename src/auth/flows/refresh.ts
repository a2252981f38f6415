// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
import { checkSecretHash } from '../../domain/secret-hash.ts';
import { refreshTokens } from '../../tokens/refresh.ts';
import { rotationEnabled } from '../../tokens/validity.ts';
import { requireParam } from '../params.ts';
import { standard } from '../policies/standard.ts';
import type { Flow } from '../types.ts';

/**
 * REFRESH_TOKEN_AUTH (and its synonym REFRESH_TOKEN): never a challenge. SECRET_HASH is computed
 * over the token's internal username (there is no USERNAME parameter), so it is checked once the
 * token is found and before anything about the user is looked at.
 */
export const REFRESH_TOKEN_AUTH: Flow = {
  kind: 'refresh',
  operations: 'both',
  notEnabled: 'Auth flow not enabled for this client',
  // Never asked: a refresh has no steps.
  policy: standard,
  async start({ services, pool, client, params }) {
    const refreshToken = requireParam(params, 'REFRESH_TOKEN');
    const result = await refreshTokens(services, {
      client,
      pool,
      refreshToken,
      deviceKey: params.DEVICE_KEY,
      rotate: rotationEnabled(client),
      checkOwner: (username) => checkSecretHash(client, params.SECRET_HASH, [username], { refresh: true }),
    });
    return { kind: 'refreshed', result };
  },
};
