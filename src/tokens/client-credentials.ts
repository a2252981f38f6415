// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
import { randomUUID } from 'node:crypto';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { Claims } from './issue.ts';
import { issuerFor } from './issuer.ts';
import { poolKeys } from './keys.ts';
import { signRs256 } from './sign.ts';
import { tokenLifetimes } from './validity.ts';

export interface ClientCredentialsRequest {
  pool: UserPool;
  client: AppClient;
  /** The granted custom scopes. */
  scopes: string[];
  /** PreTokenGeneration's hook (TokenGeneration_ClientCredentials), when the pool has one for it. */
  adjust?: ((access: Claims) => Promise<void>) | undefined;
}

/**
 * A machine-to-machine access token (client_credentials grant): the client speaks for itself,
 * so `sub` is the client id and there is no user, no ID token and no refresh token.
 */
export async function issueClientCredentialsToken(services: Services, req: ClientCredentialsRequest): Promise<{ accessToken: string; expiresIn: number }> {
  const { pool, client } = req;
  const keys = await poolKeys(services, pool.id);
  const now = services.clock.now();
  const lifetimes = tokenLifetimes(client);
  const iat = Math.floor(now / 1000);
  const access: Claims = {
    sub: client.clientId,
    token_use: 'access',
    scope: req.scopes.join(' '),
    auth_time: iat,
    iss: issuerFor(services, pool.id),
    exp: Math.floor((now + lifetimes.accessMs) / 1000),
    iat,
    version: 2,
    jti: randomUUID(),
    client_id: client.clientId,
  };
  if (req.adjust) await req.adjust(access);
  return { accessToken: await signRs256(services.rs256, keys.access.kid, access, keys.access.privateKey), expiresIn: Math.floor(lifetimes.accessMs / 1000) };
}
