// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetClientToken.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
import { randomUUID } from 'node:crypto';
import { fail } from '../errors.ts';
import { flowAllowed } from '../domain/client.ts';
import { clientSecretMatches, hasSecret } from '../domain/secret-hash.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { issuerFor } from './issuer.ts';
import { poolKeys } from './keys.ts';
import { signRs256 } from './sign.ts';
import { tokenLifetimes } from './validity.ts';

/**
 * A machine-to-machine access token (GetClientToken, the API form of the client credentials
 * grant): the app client authenticates with its id and one of its secrets, and gets an access
 * token for custom scopes (`<resource server>/<scope>`) it is allowed, for itself (`sub` is the
 * client id) rather than for a user.
 */

export interface ClientAuthenticationResult {
  AccessToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The client's custom scopes (its AllowedOAuthScopes that name a resource server). */
const customScopes = (client: AppClient) => (client.config.AllowedOAuthScopes ?? []).filter((s) => s.includes('/'));

export async function clientToken(
  services: Services,
  pool: UserPool,
  client: AppClient,
  secret: string,
  scopes: string[] | undefined,
): Promise<ClientAuthenticationResult> {
  if (!hasSecret(client) || !clientSecretMatches(client, secret)) {
    throw fail('NotAuthorizedException', `Unable to verify client secret for client ${client.clientId}`);
  }
  if (!flowAllowed(client, 'client_token')) throw fail('InvalidParameterException', 'Auth flow not enabled for this client');
  const allowed = customScopes(client);
  const asked = scopes ?? allowed;
  const refused = asked.find((s) => !allowed.includes(s));
  if (refused !== undefined) throw fail('InvalidParameterException', `Invalid scope requested: ${refused}`);
  if (asked.length === 0) throw fail('InvalidParameterException', 'The app client has no custom scopes to authorize.');

  const keys = await poolKeys(services, pool.id);
  const now = services.clock.now();
  const { accessMs } = tokenLifetimes(client);
  const claims = {
    sub: client.clientId,
    token_use: 'access',
    scope: [...new Set(asked)].join(' '),
    auth_time: seconds(now),
    iss: issuerFor(services, pool.id),
    exp: seconds(now + accessMs),
    iat: seconds(now),
    version: 2,
    jti: randomUUID(),
    client_id: client.clientId,
  };
  const AccessToken = await signRs256(services.rs256, keys.access.kid, claims, keys.access.privateKey);
  return { AccessToken, ExpiresIn: seconds(accessMs), TokenType: 'Bearer' };
}
