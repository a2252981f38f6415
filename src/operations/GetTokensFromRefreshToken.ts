import { clientSecretMatches, hasSecret } from '../domain/secret-hash.ts';
import { fail } from '../errors.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { refreshTokens } from '../tokens/refresh.ts';
import { rotationEnabled } from '../tokens/validity.ts';
import { loadClient } from '../pools/load.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html

export default operation({
  name: 'GetTokensFromRefreshToken',
  auth: 'public',
  input: z.object({
    RefreshToken: shapes.token(),
    ClientId: shapes.clientId(),
    ClientSecret: shapes.clientSecret().optional(),
    DeviceKey: shapes.deviceKey().optional(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    const client = await loadClient(services, req.ClientId);
    // The raw client secret here, not a SECRET_HASH (Amplify sends what it was configured with).
    if (!clientSecretMatches(client, req.ClientSecret)) {
      throw fail(
        'NotAuthorizedException',
        hasSecret(client) && req.ClientSecret === undefined
          ? `Client ${client.clientId} is configured with secret but ClientSecret was not received`
          : `Unable to verify client secret for client ${client.clientId}`,
      );
    }
    const result = await refreshTokens(services, {
      client,
      refreshToken: req.RefreshToken,
      deviceKey: req.DeviceKey,
      rotate: rotationEnabled(client),
      clientMetadata: req.ClientMetadata,
    });
    return { AuthenticationResult: result };
  },
});
