// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPool.html
import { fail } from '../errors.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/** Deletes the pool and everything in it, unless its deletion protection is active. */
export async function deletePool(services: Services, pool: UserPool): Promise<void> {
  if (pool.config.DeletionProtection === 'ACTIVE') {
    throw fail(
      'InvalidParameterException',
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
  }
  await services.stores.pools.delete(pool.id);
}
