// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
import { fail } from '../errors.ts';
import { newClientId, newClientSecret } from '../domain/ids.ts';
import type { AppClient, ClientConfig, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { checkOAuthSettings } from './client-oauth.ts';
import { type ClientSettings, clientConfig } from './client-settings.ts';
import { secretRecord } from './client-secrets.ts';

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
  const secrets = secret === undefined ? [] : [secretRecord(clientId, secret, now)];
  const client: AppClient = { clientId, poolId: pool.id, name, secrets, createdAt: now, updatedAt: now, config };
  await services.stores.clients.create(client);
  return client;
}

/**
 * Creates an app client of `pool` with a fresh id, and a secret: a fresh one when
 * `generateSecret`, or the caller's own `customSecret` (never both).
 */
export async function createClient(
  services: Services,
  pool: UserPool,
  name: string,
  settings: ClientSettings,
  generateSecret: boolean,
  customSecret?: string,
): Promise<AppClient> {
  if (generateSecret && customSecret !== undefined) {
    throw fail('InvalidParameterException', 'GenerateSecret cannot be true when a ClientSecret is given.');
  }
  const config = clientConfig(pool, settings, 'creating');
  await checkOAuthSettings(services, pool, config, generateSecret || customSecret !== undefined);
  const secret = customSecret ?? (generateSecret ? newClientSecret() : undefined);
  return insertClient(services, pool, name, config, secret, newClientId());
}
