import { z } from 'zod';
import type { PoolConfig } from '../domain/types.ts';
import { loadPool } from '../pools/load.ts';
import { updatePool } from '../pools/update-pool.ts';
import { operation } from './operation.ts';
import { poolSettings } from './pool-shapes.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html

export default operation({
  name: 'UpdateUserPool',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), ...poolSettings }),
  async handler(req, { services }) {
    const { UserPoolId, PoolName, ...settings } = req;
    const pool = await loadPool(services, UserPoolId);
    await updatePool(services, pool, PoolName, settings as PoolConfig);
    return {};
  },
});
