import { clientNotFound, poolNotFound } from '../errors.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/** Finding a pool or an app client: each throws Cognito's ResourceNotFoundException when there is none. */

export async function loadPool(services: Services, poolId: string): Promise<UserPool> {
  const pool = await services.stores.pools.get(poolId);
  if (!pool) throw poolNotFound(poolId);
  return pool;
}

/** The app client `clientId`; with `poolId`, a client of another pool is as unknown as a missing one. */
export async function loadClient(services: Services, clientId: string, poolId?: string): Promise<AppClient> {
  const client = await services.stores.clients.get(clientId);
  if (!client || (poolId !== undefined && client.poolId !== poolId)) throw clientNotFound(clientId);
  return client;
}
