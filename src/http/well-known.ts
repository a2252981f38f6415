import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../services.ts';
import { issuerFor, localBase } from '../tokens/issuer.ts';
import { poolJwks } from '../tokens/keys.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html

/**
 * `GET /<poolId>/.well-known/jwks.json` and `GET /<poolId>/.well-known/openid-configuration`:
 * the keys that verify a pool's tokens and the OpenID discovery document, with the fields (sorted)
 * Cognito publishes for a pool with a domain. The documents point at this server's own origin
 * (--public-url, or the listening address), whatever the issuer.
 */
export function wellKnownRoutes(app: FastifyInstance, services: Services): void {
  const unknownPool = (reply: FastifyReply, poolId: string) =>
    reply
      .code(404)
      .header('content-type', 'application/json')
      .send(JSON.stringify({ __type: 'ResourceNotFoundException', message: `User pool ${poolId} does not exist.` }));

  app.get<{ Params: { poolId: string } }>('/:poolId/.well-known/jwks.json', async (request, reply) => {
    const { poolId } = request.params;
    if (!(await services.stores.pools.get(poolId))) return unknownPool(reply, poolId);
    return reply.header('content-type', 'application/json').send(JSON.stringify(await poolJwks(services, poolId)));
  });

  app.get<{ Params: { poolId: string } }>('/:poolId/.well-known/openid-configuration', async (request, reply) => {
    const { poolId } = request.params;
    if (!(await services.stores.pools.get(poolId))) return unknownPool(reply, poolId);
    const base = localBase(services, poolId);
    // The authorization server's endpoints are on this server's own origin, at Cognito's paths.
    const origin = services.baseUrl().replace(/\/+$/, '');
    const document: Record<string, unknown> = {
      authorization_endpoint: `${origin}/oauth2/authorize`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: issuerFor(services, poolId),
      jwks_uri: `${base}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: `${origin}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: `${origin}/oauth2/userInfo`,
    };
    // Cognito's document lacks these, and clients behave differently when they are there: only on request.
    if (services.config.discovery === 'extended') {
      Object.assign(document, {
        code_challenge_methods_supported: ['S256'],
        end_session_endpoint: `${origin}/logout`,
        grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
        revocation_endpoint: `${origin}/oauth2/revoke`,
      });
    }
    const sorted = Object.fromEntries(Object.entries(document).sort(([a], [b]) => (a < b ? -1 : 1)));
    return reply.header('content-type', 'application/json').send(JSON.stringify(sorted));
  });
}
