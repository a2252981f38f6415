// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
import { newPoolId } from '../domain/ids.ts';
import type { PoolConfig, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { checkPoolConfig } from './pool-settings.ts';

/**
 * Creates a pool named `name` with `config`, after checking it. The id is a fresh one in the
 * server's region unless given (the --config seed file fixes its pools' ids).
 */
export async function createPool(services: Services, name: string, config: PoolConfig, id = newPoolId(services.config.region)): Promise<UserPool> {
  checkPoolConfig(config);
  const now = services.clock.now();
  const pool: UserPool = { id, name, createdAt: now, updatedAt: now, config };
  await services.stores.pools.create(pool);
  return pool;
}
