import { clientSecretMatches } from '../domain/secret-hash.ts';
import { fail } from '../errors.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { revokeRefreshToken } from '../tokens/revoke.ts';
import { revocationEnabled } from '../tokens/validity.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html

export default operation({
  name: 'RevokeToken',
  auth: 'public',
  input: z.object({
    Token: shapes.token(),
    ClientId: shapes.clientId(),
    ClientSecret: shapes.clientSecret().optional(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    // RevokeToken's model has UnauthorizedException for every client failure (no ResourceNotFound).
    const client = await services.stores.clients.get(req.ClientId);
    if (!client || !clientSecretMatches(client, req.ClientSecret)) {
      throw fail('UnauthorizedException', 'Client authentication failed.');
    }
    if (!revocationEnabled(client)) {
      throw fail('UnsupportedOperationException', 'Token revocation is not enabled for this app client.');
    }
    const outcome = await revokeRefreshToken(services, client, req.Token);
    if (outcome === 'not-refresh-token') throw fail('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
    if (outcome === 'other-client') throw fail('UnauthorizedException', 'Client authentication failed.');
    return {};
  },
});
