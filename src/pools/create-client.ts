// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
import { newClientId, newClientSecret } from '../domain/ids.ts';
import type { AppClient, ClientConfig, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { checkOAuthSettings } from './client-oauth.ts';
import { type ClientSettings, clientConfig } from './client-settings.ts';

/** Stores a new client under `clientId` (fresh from newClientId, or fixed by the --config seed file). */
export async function insertClient(
  services: Services,
  pool: UserPool,
  name: string,
  config: ClientConfig,
  secret: string | undefined,
  clientId: string,
): Promise<AppClient> {
  const now = services.clock.now();
  const client: AppClient = { clientId, poolId: pool.id, name, secret, createdAt: now, updatedAt: now, config };
  await services.stores.clients.create(client);
  return client;
}

/** Creates an app client of `pool` with a fresh id, and a fresh secret when `generateSecret`. */
export async function createClient(services: Services, pool: UserPool, name: string, settings: ClientSettings, generateSecret: boolean): Promise<AppClient> {
  const config = clientConfig(pool, settings, 'creating');
  await checkOAuthSettings(services, pool, config, generateSecret);
  const secret = generateSecret ? newClientSecret() : undefined;
  return insertClient(services, pool, name, config, secret, newClientId());
}
