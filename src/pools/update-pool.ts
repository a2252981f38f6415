// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
import type { PoolConfig, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { checkPoolConfig, replacePoolSettings } from './pool-settings.ts';

/**
 * Replaces the pool's updatable settings with `settings` (those left out go back to their
 * defaults) and renames it when `name` is given.
 */
export async function updatePool(services: Services, pool: UserPool, name: string | undefined, settings: PoolConfig): Promise<void> {
  const config = replacePoolSettings(pool.config, settings);
  checkPoolConfig(config);
  await services.stores.pools.update({ ...pool, name: name ?? pool.name, config, updatedAt: services.clock.now() });
}
