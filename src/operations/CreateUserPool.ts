import { createPool } from '../pools/create-pool.ts';
import { operation } from './operation.ts';
import { createUserPoolInput } from './pool-shapes.ts';
import { describePool } from './pool-type.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html

export default operation({
  name: 'CreateUserPool',
  auth: 'signed',
  input: createUserPoolInput,
  async handler(req, { services }) {
    const { PoolName, ...config } = req;
    const pool = await createPool(services, PoolName, config);
    return { UserPool: describePool(services, pool, 0) };
  },
});
