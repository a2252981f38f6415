import { fail } from '../errors.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { loadPool } from './lookup.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPool.html

export default operation({
  name: 'DeleteUserPool',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    if (pool.config.DeletionProtection === 'ACTIVE') {
      throw fail(
        'InvalidParameterException',
        'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
      );
    }
    await services.stores.pools.delete(pool.id);
    return {};
  },
});
