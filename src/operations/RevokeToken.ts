import { clientSecretMatches } from '../domain/secret-hash.ts';
import { fail } from '../errors.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { refreshTokenHash } from '../tokens/issue.ts';
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
    // Our refresh tokens never contain a dot: a JWT here is an ID or access token.
    if (req.Token.split('.').length === 3) {
      throw fail('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
    }
    const stored = await services.stores.refreshTokens.get(refreshTokenHash(req.Token));
    // As in RFC 7009, an unknown token is not an error: there is nothing left to revoke.
    if (!stored) return {};
    if (stored.clientId !== client.clientId) throw fail('UnauthorizedException', 'Client authentication failed.');
    // The whole sign-in goes: this token, its rotations, and (through origin_jti) its access tokens.
    await services.stores.refreshTokens.revokeOrigin(stored.poolId, stored.originJti, services.clock.now());
    return {};
  },
});
