import { z } from 'zod';
import { clientNotFound } from '../errors.ts';
import { clientToken } from '../tokens/client-token.ts';
import { operation } from './operation.ts';
import { list, shapes, str } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetClientToken.html

export default operation({
  name: 'GetClientToken',
  auth: 'public',
  note: "Scopes are checked against the client's AllowedOAuthScopes; no PreTokenGeneration trigger runs.",
  input: z.object({
    ClientId: shapes.clientId(),
    Secret: shapes.clientSecret(),
    Scopes: list(str({ min: 1, max: 256, pattern: /[\x21\x23-\x5B\x5D-\x7E]+/ }), { max: 50 }).optional(),
    // For a PreTokenGeneration trigger; cognate does not invoke one for machine-to-machine tokens.
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    const found = await services.stores.clients.getWithPool(req.ClientId);
    if (!found) throw clientNotFound(req.ClientId);
    const { client, pool } = found;
    return { ClientAuthenticationResult: await clientToken(services, pool, client, req.Secret, req.Scopes) };
  },
});
