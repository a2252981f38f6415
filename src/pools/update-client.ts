// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { checkOAuthSettings } from './client-oauth.ts';
import { type ClientSettings, clientConfig } from './client-settings.ts';

/**
 * Replaces every setting of `client` (absent ones reset to defaults) and renames it when `name`
 * is given; the secret stays. Resolves the client as stored.
 */
export async function updateClient(
  services: Services,
  pool: UserPool,
  client: AppClient,
  name: string | undefined,
  settings: ClientSettings,
): Promise<AppClient> {
  const config = clientConfig(pool, settings, 'updating');
  await checkOAuthSettings(services, pool, config, client.secrets.length > 0);
  const updated = {
    ...client,
    name: name ?? client.name,
    config,
    updatedAt: services.clock.now(),
  };
  await services.stores.clients.update(updated);
  return updated;
}
