import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { loadResourceServer } from '../pools/resource-servers.ts';
import { operation } from './operation.ts';
import { describeResourceServer, resourceServerIdentifier } from './resource-server-shapes.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeResourceServer.html

export default operation({
  name: 'DescribeResourceServer',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Identifier: resourceServerIdentifier() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { ResourceServer: describeResourceServer(await loadResourceServer(services, pool, req.Identifier)) };
  },
});
