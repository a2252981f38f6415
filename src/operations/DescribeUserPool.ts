import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { describePool } from './pool-type.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html

export default operation({
  name: 'DescribeUserPool',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const count = await services.stores.users.count(pool.id);
    return { UserPool: describePool(services, pool, count) };
  },
});
