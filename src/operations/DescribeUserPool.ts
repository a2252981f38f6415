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
    const [count, domains] = await Promise.all([services.stores.users.count(pool.id), services.stores.domains.ofPool(pool.id)]);
    const prefix = domains.find((d) => d.kind === 'prefix');
    const custom = domains.find((d) => d.kind === 'custom');
    return {
      UserPool: {
        ...describePool(services, pool, count),
        ...(prefix ? { Domain: prefix.domain } : {}),
        ...(custom ? { CustomDomain: custom.domain } : {}),
      },
    };
  },
});
